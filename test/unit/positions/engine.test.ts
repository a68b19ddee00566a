/**
 * The engine around the reducer: ticks batched per event-loop turn, every reader and every other
 * event applying the waiting ticks first, unchanged rows keeping their objects, and — with snapshots
 * really in flight while ticks and ACCOUNT_UPDATEs arrive — the same end state as the truth model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PositionEngine } from '../../../electron/positions/engine';
import type { ExchangePosition } from '../../../shared/position';
import { markTruth, snapshotRows, SYMBOLS, transactionTime, truthEvent, TruthModel, updateChanges, type Mode } from './truth-model';

interface PendingFetch {
  scope: string | null;
  time: number;
  resolve: (rows: ExchangePosition[]) => void;
}

/** An engine over a fake exchange whose snapshots resolve when the test says, at the exchange time `clock`. */
function harness() {
  const fetches: PendingFetch[] = [];
  let changes = 0;
  let local = 1_000;
  const exchange = { clock: 0 };
  const engine = new PositionEngine({
    exchange: {
      fetchPositions: (symbol) =>
        new Promise<ExchangePosition[]>((resolve) => fetches.push({ scope: symbol ?? null, time: exchange.clock, resolve })),
      followMarks: () => undefined,
    },
    now: () => local++,
    serverNow: () => exchange.clock,
    onChange: () => changes++,
    onSnapshotError: (error) => {
      throw error;
    },
    eventDebounceMs: 1_000_000_000, // no snapshot of its own during a test
    // This model's snapshots know the exchange as of their request (lagging ones: reducer.property.test.ts).
    snapshotLagAllowanceMs: 0,
  });
  return { engine, fetches, exchange, changes: () => changes };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('position engine', () => {
  async function loaded(mode: Mode = 'oneway') {
    const h = harness();
    h.exchange.clock = 100;
    const done = h.engine.snapshot(null);
    h.fetches.shift()!.resolve(snapshotRows(mode, null, 100));
    await done;
    return h;
  }

  it('applies the ticks of one turn together, once, in a microtask; a reader sees them at once', async () => {
    const { engine, changes } = await loaded();
    const open = engine.view().rows.map((row) => row.symbol);
    expect(open.length).toBeGreaterThan(0);
    const before = changes();
    for (let time = 101; time <= 150; time++) for (const symbol of SYMBOLS) engine.tick({ symbol, markPrice: markTruth(symbol, time), eventTime: time });
    expect(changes()).toBe(before); // nothing applied yet...
    await Promise.resolve();
    expect(changes()).toBe(before + 1); // ...then one change for the whole turn
    for (const row of engine.view().rows) expect(row.derived.markPrice).toBe(markTruth(row.symbol, 150));

    engine.tick({ symbol: open[0]!, markPrice: '1.00', eventTime: 200 });
    // A reader in the same turn does not see a view older than the ticks already received.
    expect(engine.view().rows.find((row) => row.symbol === open[0])?.derived.markPrice).toBe('1.00');
  });

  it('an ACCOUNT_UPDATE after ticks of the same turn is applied after them', async () => {
    const { engine } = await loaded();
    const row = engine.view().rows[0]!;
    engine.tick({ symbol: row.symbol, markPrice: '123.00', eventTime: 300 });
    engine.accountUpdate([{ s: row.symbol, ps: 'BOTH', pa: '3', ep: '100', bep: '100', up: '0', mt: 'cross', iw: '0' }], 301);
    const updated = engine.view().rows.find((r) => r.key === row.key)!;
    expect(updated.positionAmt).toBe('3');
    expect(updated.derived.markPrice).toBe('123.00');
    expect(updated.derived.unrealizedPnl).toBeCloseTo(3 * 23, 10);
  });

  it('rows a batch did not touch keep their objects; reset forgets the ticks still waiting', async () => {
    const { engine } = await loaded();
    const [first, ...others] = engine.view().rows;
    engine.tick({ symbol: first!.symbol, markPrice: '99.99', eventTime: 400 });
    await Promise.resolve();
    const after = engine.view().rows;
    expect(after.find((row) => row.key === first!.key)).not.toBe(first);
    for (const row of others) expect(after.find((r) => r.key === row.key)).toBe(row);

    engine.tick({ symbol: first!.symbol, markPrice: '88.88', eventTime: 500 });
    engine.reset();
    await Promise.resolve();
    expect(engine.view().rows).toEqual([]);
  });

  describe.each(['oneway', 'hedge'] as const)('property (%s account)', (mode) => {
    type Step =
      | { kind: 'event'; event: ReturnType<typeof truthEvent> extends fc.Arbitrary<infer E> ? E : never }
      | { kind: 'resolve' }
      | { kind: 'turn' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 6, arbitrary: truthEvent(mode).map((event) => ({ kind: 'event' as const, event })) },
      { weight: 2, arbitrary: fc.constant({ kind: 'resolve' as const }) },
      { weight: 2, arbitrary: fc.constant({ kind: 'turn' as const }) },
    );

    it('snapshots in flight while ticks and ACCOUNT_UPDATEs arrive: ends at the newest truth', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
          const { engine, fetches, exchange } = harness();
          const model = new TruthModel(mode);
          const resolveNext = async (): Promise<void> => {
            const fetch = fetches.shift();
            if (fetch === undefined) return;
            fetch.resolve(snapshotRows(mode, fetch.scope, fetch.time));
            model.observe({ kind: 'snapshot', scope: fetch.scope, time: fetch.time });
            await settle(); // the engine applies it, and starts a queued one
          };
          for (const s of steps) {
            if (s.kind === 'resolve') await resolveNext();
            else if (s.kind === 'turn') await settle();
            else {
              const { event } = s;
              if (event.kind === 'tick') {
                engine.tick({ symbol: event.symbol, markPrice: markTruth(event.symbol, event.time), eventTime: event.time });
                model.observe(event);
              } else if (event.kind === 'update') {
                engine.accountUpdate(updateChanges(event), transactionTime(event.time), event.time);
                model.observe(event);
              } else {
                // The snapshot knows the exchange as of its request; a request while one is in
                // flight is queued (and collapsed), and asks the exchange only when it starts.
                exchange.clock = event.time;
                void engine.snapshot(event.scope);
              }
            }
          }
          while (fetches.length > 0) await resolveNext();
          const open = model.openRows();
          const rows = engine.view().rows;
          expect(rows.map((row) => row.key).sort()).toEqual([...open.keys()].sort());
          for (const row of rows) {
            expect(row).toMatchObject(open.get(row.key)!);
            const mark = model.marks.get(row.symbol);
            if (mark !== undefined) expect(row.derived.markPrice).toBe(mark.price);
          }
          engine.stop();
        }),
        { numRuns: 150 },
      );
    });
  });
});
