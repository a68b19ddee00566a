/**
 * The positions state as a pure reducer keyed by (symbol, positionSide). Every function returns a
 * new state and never mutates its input; a row that did not change keeps its object, which is how
 * the IPC delta and the renderer know what changed without comparing fields. Applying the same
 * input twice changes nothing, and a mark older than the one held is ignored.
 */
import { isZeroDecimal } from '../../shared/decimal';
import { positionKey, type ExchangePosition, type PositionRow } from '../../shared/position';
import type { Bracket } from './brackets';
import { derive, type Mark } from './derive';

export interface PositionsState {
  /** Open positions only (non-zero amount), by `${symbol}:${positionSide}`. */
  readonly rows: ReadonlyMap<string, PositionRow>;
  /** The newest mark per symbol, from a snapshot or the mark stream. */
  readonly marks: ReadonlyMap<string, Mark>;
  /** Position sides seen in the last snapshot, which tell one-way from hedge mode. */
  readonly sides: ReadonlySet<string>;
  /** Notional brackets per symbol, for maintenance margin; empty until fetched. */
  readonly brackets: ReadonlyMap<string, readonly Bracket[]>;
}

export const EMPTY_STATE: PositionsState = { rows: new Map(), marks: new Map(), sides: new Set(), brackets: new Map() };

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
      sameRow(previous, position, mark) ? previous : buildRow(key, position, mark, brackets, snapshot.receivedAt, markAt),
    );
  }
  const sides = snapshot.symbol === null ? new Set(snapshot.rows.map((row) => row.positionSide)) : state.sides;
  return { rows, marks, sides, brackets: state.brackets };
}

/** Re-prices every row of the tick's symbol. A tick older than the held mark changes nothing. */
export function applyMarkPrice(
  state: PositionsState,
  tick: { symbol: string; markPrice: string; eventTime: number },
  receivedAt: number,
): PositionsState {
  const held = state.marks.get(tick.symbol);
  if (held !== undefined && held.time >= tick.eventTime) return state;
  const mark: Mark = { price: tick.markPrice, time: tick.eventTime };
  const marks = new Map(state.marks).set(tick.symbol, mark);
  let rows = state.rows;
  for (const [key, row] of state.rows) {
    if (row.symbol !== tick.symbol) continue;
    if (rows === state.rows) rows = new Map(state.rows);
    const brackets = state.brackets.get(row.symbol);
    (rows as Map<string, PositionRow>).set(key, buildRow(key, row, mark, brackets, row.snapshotAt, receivedAt));
  }
  return { rows, marks, sides: state.sides, brackets: state.brackets };
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
    rows.set(key, buildRow(key, row, mark, list, row.snapshotAt, row.markAt));
  }
  return { rows, marks: state.marks, sides: state.sides, brackets: merged };
}

function buildRow(
  key: string,
  position: ExchangePosition,
  mark: Mark,
  brackets: readonly Bracket[] | undefined,
  snapshotAt: number,
  markAt: number | null,
): PositionRow {
  // One object literal, not a spread of exchangeFields(): this runs for every row on every mark tick,
  // and the spread measured ~150× slower on Node 20 (bench/PROFILE.md).
  return {
    symbol: position.symbol,
    positionSide: position.positionSide,
    positionAmt: position.positionAmt,
    entryPrice: position.entryPrice,
    breakEvenPrice: position.breakEvenPrice,
    markPrice: position.markPrice,
    unRealizedProfit: position.unRealizedProfit,
    liquidationPrice: position.liquidationPrice,
    leverage: position.leverage,
    maxNotionalValue: position.maxNotionalValue,
    marginType: position.marginType,
    isolatedMargin: position.isolatedMargin,
    isAutoAddMargin: position.isAutoAddMargin,
    notional: position.notional,
    isolatedWallet: position.isolatedWallet,
    updateTime: position.updateTime,
    key,
    derived: derive(position, mark, brackets),
    snapshotAt,
    markAt,
  };
}

/** True when a new snapshot row says exactly what the held row says, at the same mark. */
function sameRow(previous: PositionRow | undefined, position: ExchangePosition, mark: Mark): previous is PositionRow {
  if (previous === undefined) return false;
  return (
    previous.derived.markPrice === mark.price &&
    previous.derived.markTime === mark.time &&
    previous.positionAmt === position.positionAmt &&
    previous.entryPrice === position.entryPrice &&
    previous.breakEvenPrice === position.breakEvenPrice &&
    previous.markPrice === position.markPrice &&
    previous.unRealizedProfit === position.unRealizedProfit &&
    previous.liquidationPrice === position.liquidationPrice &&
    previous.leverage === position.leverage &&
    previous.maxNotionalValue === position.maxNotionalValue &&
    previous.marginType === position.marginType &&
    previous.isolatedMargin === position.isolatedMargin &&
    previous.isAutoAddMargin === position.isAutoAddMargin &&
    previous.notional === position.notional &&
    previous.isolatedWallet === position.isolatedWallet &&
    previous.updateTime === position.updateTime
  );
}
