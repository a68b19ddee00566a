/** When the client asks for the exchange's time, on a fake clock: once per measurement, reused for minutes. */
import { describe, expect, it } from 'vitest';
import { ClockKeeper } from '../../../electron/exchange/clock';

function keeper(reuseMs = 300_000, resyncMs = 3_600_000) {
  const clock = { now: 10_000 };
  let asked = 0;
  const offsets: number[] = [];
  const keep = new ClockKeeper({
    now: () => clock.now,
    fetchServerTime: () => {
      asked++;
      return Promise.resolve(clock.now + 1_234);
    },
    onOffset: (offset) => offsets.push(offset),
    reuseMs,
    resyncMs,
  });
  return { keep, clock, asked: () => asked, offsets };
}

describe('the clock keeper', () => {
  it('measures with one request, then reuses the offset for reconnects within the reuse window', async () => {
    const { keep, clock, asked, offsets } = keeper();
    await keep.ensure();
    expect([asked(), offsets]).toEqual([1, [1_234]]);
    clock.now += 299_999;
    await keep.ensure();
    await keep.ensure();
    expect(asked()).toBe(1);
    clock.now += 1;
    await keep.ensure();
    expect(asked()).toBe(2);
  });

  it('the hourly resync is due once per period; sync() always asks', async () => {
    const { keep, clock, asked } = keeper();
    await keep.sync();
    expect(keep.resyncDue()).toBe(false);
    clock.now += 3_600_000;
    expect(keep.resyncDue()).toBe(true);
    expect(keep.resyncDue()).toBe(false);
    await keep.sync();
    expect(asked()).toBe(2);
  });
});
