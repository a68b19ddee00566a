/**
 * The positions state as a pure reducer keyed by (symbol, positionSide). Every function returns a
 * new state and never mutates its input; a row that did not change keeps its object, which is how
 * the IPC delta and the renderer know what changed without comparing fields. Applying the same
 * input twice changes nothing, and a mark older than the one held is ignored.
 */
import { isZeroDecimal } from '../../shared/decimal';
import { positionKey, type ExchangePosition, type PositionRow } from '../../shared/position';
import type { MarkTick } from '../exchange/wire';
import type { Bracket } from './brackets';
import { derive, deriveFrom, type Mark } from './derive';
import { buildRow, sameRow } from './row';
import { indexLegs, StateDraft, type PositionsState } from './state';

export { EMPTY_STATE, type PositionsState } from './state';

export interface SnapshotInput {
  rows: readonly ExchangePosition[];
  /** Local time the reply arrived (ms). */
  receivedAt: number;
  /** The exchange's time at that moment, as estimated (ms): the age of the snapshot's mark prices. */
  serverTime: number;
  /** The symbol the snapshot was asked for, or null for the whole account. */
  symbol: string | null;
}

/**
 * Replaces every row in the snapshot's scope (the whole account, or one symbol) with the snapshot's
 * open rows. A snapshot's mark is used unless the stream already gave a newer one.
 */
export function applySnapshot(state: PositionsState, snapshot: SnapshotInput): PositionsState {
  const inScope = (symbol: string): boolean => snapshot.symbol === null || symbol === snapshot.symbol;
  const marks = new Map(state.marks);
  /** Symbols whose mark now comes from this snapshot rather than from a newer stream tick. */
  const snapshotMarks = new Set<string>();
  for (const position of snapshot.rows) {
    // v1 lists every symbol; keeping marks of flat ones would make every tick copy hundreds of them.
    if (isZeroDecimal(position.positionAmt) && position.symbol !== snapshot.symbol) continue;
    const held = marks.get(position.symbol);
    // An older mark at the same price stays as it is: the row then keeps its identity (no re-render,
    // no delta) when a periodic snapshot confirms what is already shown.
    const newer = held === undefined || (held.time < snapshot.serverTime && held.price !== position.markPrice);
    if (newer || snapshotMarks.has(position.symbol)) {
      marks.set(position.symbol, { price: position.markPrice, time: snapshot.serverTime });
      snapshotMarks.add(position.symbol);
    }
  }
  const rows = new Map<string, PositionRow>();
  for (const [key, row] of state.rows) if (!inScope(row.symbol)) rows.set(key, row);
  for (const position of snapshot.rows) {
    if (isZeroDecimal(position.positionAmt)) continue;
    const key = positionKey(position.symbol, position.positionSide);
    const mark = marks.get(position.symbol) ?? { price: position.markPrice, time: snapshot.serverTime };
    const previous = state.rows.get(key);
    const brackets = state.brackets.get(position.symbol);
    // A row priced by a stream tick keeps that tick's arrival time as its mark age.
    const markAt = snapshotMarks.has(position.symbol) ? null : (previous?.markAt ?? null);
    rows.set(
      key,
      sameRow(previous, position, mark)
        ? previous
        : buildRow(key, position, derive(position, mark, brackets), snapshot.receivedAt, markAt),
    );
  }
  const sides = snapshot.symbol === null ? new Set(snapshot.rows.map((row) => row.positionSide)) : state.sides;
  return { rows, legs: indexLegs(rows), marks, sides, brackets: state.brackets };
}

/** Re-prices every row of the tick's symbol. A tick older than the held mark changes nothing. */
export function applyMarkPrice(state: PositionsState, tick: MarkTick, receivedAt: number): PositionsState {
  return applyMarkPrices(state, [tick], receivedAt);
}

/**
 * Applies a batch of ticks (those of one socket read) as if one after the other, received at
 * `receivedAt`: each map is copied at most once for the whole batch, not once per tick.
 */
export function applyMarkPrices(state: PositionsState, ticks: Iterable<MarkTick>, receivedAt: number): PositionsState {
  const draft = new StateDraft(state);
  markPricesInto(draft, ticks, receivedAt);
  return draft.finish();
}

/** The work of applyMarkPrices, on a draft the caller owns; true when anything changed. */
export function markPricesInto(draft: StateDraft, ticks: Iterable<MarkTick>, receivedAt: number): boolean {
  let changed = false;
  for (const tick of ticks) {
    const held = draft.mark(tick.symbol);
    if (held !== undefined && held.time >= tick.eventTime) continue;
    const mark: Mark = { price: tick.markPrice, time: tick.eventTime };
    draft.setMark(tick.symbol, mark);
    changed = true;
    const legs = draft.legsOf(tick.symbol);
    if (legs === undefined) continue; // the selected symbol, or one whose position just closed
    const brackets = draft.brackets(tick.symbol);
    for (const leg of legs) {
      const row = draft.row(leg.key);
      if (row === undefined) continue;
      draft.setRow(buildRow(leg.key, row, deriveFrom(leg.basis, mark, brackets), row.snapshotAt, receivedAt));
    }
  }
  return changed;
}

/** Installs notional brackets and re-derives the rows of the symbols they cover. */
export function applyBrackets(state: PositionsState, brackets: ReadonlyMap<string, readonly Bracket[]>): PositionsState {
  const merged = new Map(state.brackets);
  for (const [symbol, list] of brackets) merged.set(symbol, list);
  const rows = new Map(state.rows);
  for (const [key, row] of state.rows) {
    const list = brackets.get(row.symbol);
    const mark = state.marks.get(row.symbol);
    if (list === undefined || mark === undefined) continue;
    rows.set(key, buildRow(key, row, derive(row, mark, list), row.snapshotAt, row.markAt));
  }
  return { ...state, rows, brackets: merged };
}
