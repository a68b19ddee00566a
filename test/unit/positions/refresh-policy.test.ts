/**
 * When the engine asks the exchange for positions (PROTOCOL §13.6): order events that change no
 * position cost nothing, fills are coalesced and kept at least a floor apart — one extra snapshot
 * per 2 s at most under a flood — the floor rises with the weight in use, and a position opened on
 * the stream is followed on the mark stream at once. Fake clock: nothing here waits for real time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PositionEngine } from '../../../electron/positions/engine';
import { eventRefreshFloor, isPositionChangingExecution, refreshDelay } from '../../../electron/positions/refresh-policy';
import type { ExchangePosition } from '../../../shared/position';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

function harness(usage: () => number | null = () => null) {
  const requests: number[] = [];
  const followed: string[][] = [];
  const engine = new PositionEngine({
    exchange: {
      fetchPositions: () => {
        requests.push(Date.now());
        return Promise.resolve<ExchangePosition[]>([]);
      },
      followMarks: (symbols) => followed.push([...symbols].sort()),
    },
    now: () => Date.now(),
    serverNow: () => Date.now(),
    onChange: () => undefined,
    onSnapshotError: (error) => {
      throw error;
    },
    refreshIntervalMs: 3_600_000, // no periodic snapshot within a test
    weightUsage: usage,
  });
  return { engine, requests, followed };
}

/** Feeds `perSecond` order events of execution type `x` for `seconds`, advancing the fake clock. */
async function flood(engine: PositionEngine, x: string, perSecond: number, seconds: number): Promise<void> {
  for (let i = 0; i < perSecond * seconds; i++) {
    engine.orderUpdate(x);
    await vi.advanceTimersByTimeAsync(1_000 / perSecond);
  }
}

describe('refresh policy', () => {
  it('only fills change positions: TRADE and CALCULATED', () => {
    expect(['TRADE', 'CALCULATED'].every(isPositionChangingExecution)).toBe(true);
    expect(['NEW', 'CANCELED', 'EXPIRED', 'AMENDMENT', 'TRADE_PREVENTION'].some(isPositionChangingExecution)).toBe(false);
  });

  it('a quoting bot (20 orders/s placed and cancelled for 20 s) costs no snapshot', async () => {
    const { engine, requests } = harness();
    engine.connected();
    await vi.advanceTimersByTimeAsync(0);
    const afterConnect = requests.length;
    for (const x of ['NEW', 'CANCELED', 'EXPIRED', 'AMENDMENT']) await flood(engine, x, 20, 5);
    expect(requests.length).toBe(afterConnect);
    engine.stop();
  });

  it('a fill flood (20 fills/s for 20 s) costs at most one snapshot per 2 s, and does cost them', async () => {
    const { engine, requests } = harness();
    engine.connected();
    await vi.advanceTimersByTimeAsync(0);
    const start = requests.length;
    await flood(engine, 'TRADE', 20, 20);
    await vi.advanceTimersByTimeAsync(3_000); // the last coalesced one
    const extra = requests.slice(start);
    expect(extra.length).toBeGreaterThanOrEqual(9);
    expect(extra.length).toBeLessThanOrEqual(11);
    const all = requests;
    for (let i = 1; i < all.length; i++) expect(all[i]! - all[i - 1]!).toBeGreaterThanOrEqual(2_000);
    engine.stop();
  });

  it('the floor rises with the weight in use', async () => {
    let usage = 0.9;
    const { engine, requests } = harness(() => usage);
    engine.connected();
    await vi.advanceTimersByTimeAsync(0);
    const start = requests.length;
    await flood(engine, 'CALCULATED', 10, 30);
    // 12 × 2 s = 24 s between snapshots: one extra in 30 s.
    expect(requests.length - start).toBe(1);
    expect(eventRefreshFloor(2_000, 0.9)).toBe(24_000);
    usage = 0.1;
    expect(eventRefreshFloor(2_000, usage)).toBe(2_000);
    expect(refreshDelay(5_000, 0.6)).toBe(10_000);
    engine.stop();
  });

  it('ACCOUNT_UPDATE rows ask for one coalesced snapshot; a position they open is followed at once', async () => {
    const { engine, requests, followed } = harness();
    engine.connected();
    await vi.advanceTimersByTimeAsync(2_500);
    const start = requests.length;
    const followsBefore = followed.length;
    engine.accountUpdate([{ s: 'ETHUSDT', ps: 'BOTH', pa: '1', ep: '3000', bep: '0', up: '0', mt: 'cross', iw: '0' }], Date.now(), Date.now() + 1);
    // Followed before any snapshot: the mark stream prices the new row at once.
    expect(requests.length).toBe(start);
    expect(followed.slice(followsBefore)[0]).toEqual(['ETHUSDT']);
    engine.accountUpdate([{ s: 'ETHUSDT', ps: 'BOTH', pa: '2', ep: '3000', bep: '0', up: '0', mt: 'cross', iw: '0' }], Date.now() + 5, Date.now() + 6);
    engine.leverageChanged('ETHUSDT', 20);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.length).toBe(start + 1);
    engine.stop();
  });
});
