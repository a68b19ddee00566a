/** When the client asks for the exchange's time, on a fake clock: once per measurement, reused for minutes. */
import { describe, expect, it } from 'vitest';
import { ClockKeeper, RESYNC_RETRY_MS } from '../../../electron/exchange/clock';

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

  it('concurrent syncs (several -1021 at once) share one request', async () => {
    let asked = 0;
    let answer: (time: number) => void = () => undefined;
    const offsets: number[] = [];
    const keep = new ClockKeeper({
      now: () => 10_000,
      fetchServerTime: () => {
        asked++;
        return new Promise<number>((resolve) => (answer = resolve));
      },
      onOffset: (offset) => offsets.push(offset),
      reuseMs: 300_000,
      resyncMs: 3_600_000,
    });
    const all = Promise.all([keep.sync(), keep.sync(), keep.ensure()]);
    expect(asked).toBe(1);
    answer(10_500);
    await all;
    expect(offsets).toEqual([500]);
    const next = keep.sync(); // once it has settled, a new sync asks again
    expect(asked).toBe(2);
    answer(10_000);
    await next;
  });

  it('a failed hourly resync does not wait another hour: retried, at most once a minute', async () => {
    const clock = { now: 10_000 };
    let failing = false;
    let asked = 0;
    const keep = new ClockKeeper({
      now: () => clock.now,
      fetchServerTime: () => {
        asked++;
        return failing ? Promise.reject(new Error('timed out')) : Promise.resolve(clock.now);
      },
      onOffset: () => undefined,
      reuseMs: 300_000,
      resyncMs: 3_600_000,
    });
    await keep.sync();
    clock.now += 3_600_000;
    failing = true;
    expect(keep.resyncDue()).toBe(true);
    await expect(keep.sync()).rejects.toThrow('timed out');
    clock.now += RESYNC_RETRY_MS - 1;
    expect(keep.resyncDue()).toBe(false); // bounded: not on every housekeeping tick
    clock.now += 1;
    expect(keep.resyncDue()).toBe(true);
    failing = false;
    await keep.sync();
    expect(asked).toBe(3);
    clock.now += RESYNC_RETRY_MS;
    expect(keep.resyncDue()).toBe(false); // a success restarts the hour
    clock.now += 3_600_000 - RESYNC_RETRY_MS;
    expect(keep.resyncDue()).toBe(true);
  });
});
