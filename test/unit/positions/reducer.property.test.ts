/**
 * Property: whatever the order in which snapshots, ACCOUNT_UPDATEs and mark ticks arrive — late,
 * twice, overtaking one another, around a snapshot in flight, closing and reopening positions — the
 * reducer ends at the newest truth (truth-model.ts), applying an event again changes nothing (the
 * same row objects), and nothing it knows ever goes back in exchange time. Both the tick-by-tick
 * path and the batched one (the ticks of one socket read applied together).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAccountUpdate } from '../../../electron/positions/account-update';
import { observedAt } from '../../../electron/positions/observed';
import { applyMarkPrice, applyMarkPrices, applySnapshot, EMPTY_STATE, type PositionsState } from '../../../electron/positions/reducer';
import { positionMode } from '../../../electron/positions/view';
import { positionKey } from '../../../shared/position';
import { markTruth, sidesOf, snapshotRows, SYMBOLS, transactionTime, truthEvent, TruthModel, updateChanges, type Mode, type TruthEvent } from './truth-model';

type Tick = { symbol: string; markPrice: string; eventTime: number };
const tickOf = (event: Extract<TruthEvent, { kind: 'tick' }>): Tick => ({ symbol: event.symbol, markPrice: markTruth(event.symbol, event.time), eventTime: event.time });

/** One step: an event, or a run of ticks applied as one batch. */
type Step = { event: TruthEvent } | { batch: Tick[] };

function apply(state: PositionsState, step: Step, receivedAt: number, mode: Mode): PositionsState {
  if ('batch' in step) return applyMarkPrices(state, step.batch, receivedAt);
  const { event } = step;
  switch (event.kind) {
    case 'tick':
      return applyMarkPrice(state, tickOf(event), receivedAt);
    case 'update':
      return applyAccountUpdate(state, updateChanges(event), transactionTime(event.time), receivedAt, event.time);
    case 'snapshot':
      return applySnapshot(state, { rows: snapshotRows(mode, event.scope, event.time), receivedAt, serverTime: event.time, symbol: event.scope });
  }
}

/** Groups runs of consecutive ticks into batches, cutting them where `cuts` says. */
function batched(events: readonly TruthEvent[], cuts: readonly boolean[]): Step[] {
  const steps: Step[] = [];
  events.forEach((event, index) => {
    const last = steps.at(-1);
    if (event.kind !== 'tick') steps.push({ event });
    else if (last !== undefined && 'batch' in last && !cuts[index]) last.batch.push(tickOf(event));
    else steps.push({ batch: [tickOf(event)] });
  });
  return steps;
}

function expectTruth(state: PositionsState, model: TruthModel): void {
  const open = model.openRows();
  expect([...state.rows.keys()].sort()).toEqual([...open.keys()].sort());
  for (const [key, expected] of open) {
    const row = state.rows.get(key)!;
    expect(row).toMatchObject(expected);
    const mark = model.marks.get(row.symbol);
    // A position opened by an event before any mark of its symbol is priced at its entry until one comes.
    if (mark !== undefined) expect(row.derived.markPrice).toBe(mark.price);
  }
  expect(new Map([...state.marks].map(([symbol, mark]) => [symbol, { price: mark.markPrice, time: mark.eventTime }]))).toEqual(model.marks);
  // The legs index lists exactly the open rows.
  expect([...state.legs.values()].flat().map((leg) => leg.key).sort()).toEqual([...open.keys()].sort());
}

/** Everything the state knows, as of when: rows and flat positions alike, and marks. */
function knownTimes(state: PositionsState, mode: Mode): number[] {
  const positions = SYMBOLS.flatMap((symbol) => sidesOf(mode).map((side) => observedAt(state.observed, positionKey(symbol, side), symbol)));
  return [...positions, ...SYMBOLS.map((symbol) => state.marks.get(symbol)?.eventTime ?? -Infinity)];
}

function run(mode: Mode, steps: readonly Step[], duplicated: readonly boolean[]): void {
  const model = new TruthModel(mode);
  let state: PositionsState = EMPTY_STATE;
  let receivedAt = 1;
  steps.forEach((step, index) => {
    const before = knownTimes(state, mode);
    state = apply(state, step, receivedAt++, mode);
    if ('batch' in step) for (const tick of step.batch) model.observe({ kind: 'tick', symbol: tick.symbol, time: tick.eventTime });
    else model.observe(step.event);
    // Never backwards in exchange time.
    knownTimes(state, mode).forEach((time, i) => expect(time).toBeGreaterThanOrEqual(before[i]!));
    if (duplicated[index]) {
      const again = apply(state, step, receivedAt++, mode);
      for (const [key, row] of state.rows) expect(again.rows.get(key)).toBe(row);
      expect(again.rows.size).toBe(state.rows.size);
      expect(again.marks).toEqual(state.marks);
      state = again;
    }
  });
  expectTruth(state, model);
  if (steps.some((step) => 'event' in step && step.event.kind === 'snapshot' && step.event.scope === null)) {
    expect(positionMode(state.sides)).toBe(mode);
  }
}

describe.each(['oneway', 'hedge'] as const)('reducer against the truth model (%s account)', (mode) => {
  const events = fc.array(truthEvent(mode), { maxLength: 40 });
  const flags = fc.array(fc.boolean(), { minLength: 40, maxLength: 40 });

  it('tick by tick: ends at the newest truth; duplicates change nothing; never backwards', () => {
    fc.assert(
      fc.property(events, flags, (list, duplicated) => run(mode, list.map((event) => ({ event })), duplicated)),
      { numRuns: 400 },
    );
  });

  it('ticks batched per socket read: the same end state', () => {
    fc.assert(
      fc.property(events, flags, flags, (list, cuts, duplicated) => run(mode, batched(list, cuts), duplicated)),
      { numRuns: 400 },
    );
  });

  it('a batch ends where its ticks one by one end, with the same unchanged row objects', () => {
    fc.assert(
      fc.property(fc.array(truthEvent(mode), { maxLength: 12 }), fc.array(truthEvent(mode).filter((e) => e.kind === 'tick'), { maxLength: 20 }), (prefix, ticks) => {
        let base: PositionsState = EMPTY_STATE;
        for (const event of prefix) base = apply(base, { event }, 1, mode);
        const batch = ticks.map(tickOf);
        const together = applyMarkPrices(base, batch, 2);
        const oneByOne = batch.reduce((state, tick) => applyMarkPrice(state, tick, 2), base);
        expect(together.rows).toEqual(oneByOne.rows);
        expect(together.marks).toEqual(oneByOne.marks);
        for (const [key, row] of base.rows) {
          if (!batch.some((tick) => tick.symbol === row.symbol && tick.eventTime > (base.marks.get(row.symbol)?.eventTime ?? -Infinity))) {
            expect(together.rows.get(key)).toBe(row);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
