/**
 * An account or profile switch (desk.ts: stop(), reset(), then connected() for the new client) must
 * never let a reply asked for by the old session land in the new one.
 */
import { describe, expect, it } from 'vitest';
import { PositionEngine } from '../../../electron/positions/engine';
import type { Bracket } from '../../../electron/positions/brackets';
import type { ExchangePosition } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

interface Deferred<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** A fake exchange whose every reply is resolved by the test, in any order. */
function harness() {
  const fetches: Deferred<ExchangePosition[]>[] = [];
  const bracketFetches: Deferred<ReadonlyMap<string, readonly Bracket[]>>[] = [];
  const errors: unknown[] = [];
  let local = 1_000;
  const engine = new PositionEngine({
    exchange: {
      fetchPositions: () => new Promise((resolve, reject) => fetches.push({ resolve, reject })),
      fetchBrackets: () => new Promise((resolve, reject) => bracketFetches.push({ resolve, reject })),
      followMarks: () => undefined,
    },
    now: () => local++,
    serverNow: () => local,
    onChange: () => undefined,
    onSnapshotError: (error) => errors.push(error),
    refreshIntervalMs: 1_000_000_000,
    eventDebounceMs: 1_000_000_000,
  });
  return { engine, fetches, bracketFetches, errors };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const oldAccountRow = v1Row({ symbol: 'ETHUSDT', positionAmt: '2', entryPrice: '3000', markPrice: '3000', notional: '6000' });
const newAccountRow = v1Row({ symbol: 'BTCUSDT', positionAmt: '1', entryPrice: '60000', markPrice: '60000', notional: '60000' });
const brackets = (symbol: string): ReadonlyMap<string, readonly Bracket[]> =>
  new Map([[symbol, [{ notionalFloor: 0, notionalCap: 1e12, maintMarginRatio: 0.004, cum: 0 }]]]);

function switchAccount(engine: PositionEngine): void {
  engine.stop();
  engine.reset();
  engine.connected();
}

describe('position engine across an account switch', () => {
  it('drops the old session snapshot that resolves after the switch, and does not wait for it', async () => {
    const { engine, fetches } = harness();
    engine.connected();
    expect(fetches).toHaveLength(1);
    switchAccount(engine);
    // The new session's snapshot is asked for at once, not queued behind the stale one.
    expect(fetches).toHaveLength(2);
    const [stale, fresh] = fetches;
    stale!.resolve([oldAccountRow]);
    await settle();
    expect(engine.view().rows).toEqual([]);
    fresh!.resolve([newAccountRow]);
    await settle();
    expect(engine.view().rows.map((row) => row.symbol)).toEqual(['BTCUSDT']);
  });

  it('drops the stale snapshot even when it resolves after the new one', async () => {
    const { engine, fetches } = harness();
    engine.connected();
    switchAccount(engine);
    fetches[1]!.resolve([newAccountRow]);
    await settle();
    fetches[0]!.resolve([oldAccountRow]);
    await settle();
    expect(engine.view().rows.map((row) => row.symbol)).toEqual(['BTCUSDT']);
    expect(fetches).toHaveLength(2); // nothing queued behind the stale reply either
  });

  it('a stale snapshot failing after the switch is not reported to the new session', async () => {
    const { engine, fetches, errors } = harness();
    engine.connected();
    switchAccount(engine);
    fetches[0]!.reject(new Error('old key revoked'));
    await settle();
    expect(errors).toEqual([]);
    fetches[1]!.reject(new Error('new session failure'));
    await settle();
    expect(errors).toHaveLength(1);
  });

  it('still serialises snapshots within one session', async () => {
    const { engine, fetches, bracketFetches } = harness();
    engine.connected();
    void engine.snapshot(null);
    expect(fetches).toHaveLength(1);
    fetches[0]!.resolve([newAccountRow]);
    await settle();
    // The brackets asked for at connect go next (one request at a time: request-lane.ts)…
    expect(fetches).toHaveLength(1);
    bracketFetches[0]!.resolve(brackets('BTCUSDT'));
    await settle();
    expect(fetches).toHaveLength(2); // …then the queued snapshot
  });

  it('drops brackets the old session asked for', async () => {
    const { engine, fetches, bracketFetches } = harness();
    engine.connected();
    switchAccount(engine);
    // Each session's brackets follow its own snapshot (one request at a time per session).
    fetches[0]!.resolve([oldAccountRow]);
    fetches[1]!.resolve([newAccountRow]);
    await settle();
    expect(bracketFetches).toHaveLength(2);
    bracketFetches[0]!.resolve(brackets('BTCUSDT'));
    await settle();
    expect(engine.view().rows[0]!.derived.maintMargin).toBeNull();
    bracketFetches[1]!.resolve(brackets('BTCUSDT'));
    await settle();
    expect(engine.view().rows[0]!.derived.maintMargin).toBeCloseTo(240, 6);
  });
});
