/**
 * The positions state as a pure reducer keyed by (symbol, positionSide). Every function returns a
 * new state and never mutates its input; a row that did not change keeps its object, which is how
 * the IPC delta and the renderer know what changed without comparing fields. Applying the same
 * input twice changes nothing, and a mark older than the one held is ignored.
 */
import { isZeroDecimal, sameDecimal } from '../../shared/decimal';
import { positionKey, type ExchangePosition, type PositionRow } from '../../shared/position';
import type { MarkTick } from '../exchange/wire';
import type { Bracket } from './brackets';
import { derive, deriveFrom, fundingBasis, type Mark } from './derive';
import { buildRow, sameExtras, sameRow } from './row';
import { NOTHING_OBSERVED, observedAt, observeSnapshot } from './observed';
import { extrasOf, fundingIntervalOf, indexLegs, StateDraft, type PositionsState, type RowExtras } from './state';

export { EMPTY_STATE, type PositionsState } from './state';

export interface SnapshotInput {
  rows: readonly ExchangePosition[];
  /** Local time the reply arrived (ms). */
  receivedAt: number;
  /** The exchange's time when the request was sent, as estimated (ms). */
  serverTime: number;
  /** The symbol the snapshot was asked for, or null for the whole account. */
  symbol: string | null;
  /**
   * How far behind the stream a position query may be (ms, default 0). Position queries lag the user
   * data stream in volatile markets (PROTOCOL §13.4): the reply is trusted to know every change up
   * to `serverTime − lagAllowanceMs`, and each open row as of its own `updateTime` if newer.
   */
  lagAllowanceMs?: number;
}

/**
 * Replaces every position in the snapshot's scope (the whole account, or one symbol) with the
 * snapshot's open rows — except a position the stream knows as of a time newer than what the
 * snapshot knows of it (its row's `updateTime`, or the trusted time for a flat or missing row), which
 * stays as the stream left it: a lagging reply neither deletes a new position nor resurrects a
 * closed one. A snapshot's mark is used unless the stream already gave a newer one.
 */
export function applySnapshot(state: PositionsState, snapshot: SnapshotInput): PositionsState {
  const { serverTime, symbol: scope } = snapshot;
  const trusted = serverTime - (snapshot.lagAllowanceMs ?? 0);
  const inScope = (symbol: string): boolean => scope === null || symbol === scope;
  const open = new Map<string, ExchangePosition>();
  for (const position of snapshot.rows) {
    if (inScope(position.symbol) && !isZeroDecimal(position.positionAmt)) open.set(positionKey(position.symbol, position.positionSide), position);
  }
  // What the snapshot knows of a position: as of its trusted time, or its open row's updateTime.
  const knowsAsOf = (key: string): number => Math.max(trusted, open.get(key)?.updateTime ?? -Infinity);
  const knownLater = (key: string, symbol: string): boolean => observedAt(state.observed, key, symbol) > knowsAsOf(key);
  const { marks, repriced } = snapshotMarks(state.marks, snapshot);
  const markOf = (position: ExchangePosition): Mark => marks.get(position.symbol) ?? { markPrice: position.markPrice, eventTime: serverTime };
  const rows = new Map<string, PositionRow>();
  for (const [key, row] of state.rows) {
    if (!inScope(row.symbol)) rows.set(key, row);
    else if (knownLater(key, row.symbol)) rows.set(key, repriced.has(row.symbol) ? reprice(row, markOf(row), state) : row);
  }
  const rowStamps = new Map<string, number>();
  for (const [key, position] of open) {
    if (knownLater(key, position.symbol)) {
      // The stream is newer, but a row that says what a pending stream row says is that same
      // state, with the liquidation price the stream lacks (the exchange need not move
      // `updateTime` for, say, a funding payment): the exchange's row, as it stands. What is known
      // stays as of the stream's newer time (its stamp is kept).
      const held = state.rows.get(key);
      if (held?.liquidationPending !== true || !sameState(held, position)) continue;
    }
    if (position.updateTime > trusted) rowStamps.set(key, position.updateTime);
    const mark = markOf(position);
    const previous = state.rows.get(key);
    // A row priced by a stream tick keeps that tick's arrival time as its mark age.
    const markAt = repriced.has(position.symbol) ? null : (previous?.markAt ?? null);
    const brackets = state.brackets.get(position.symbol);
    // A v2 row says its own ADL quantile; otherwise the last adlQuantile read (or the held row's) stands.
    const held = extrasOf(state, key, position.symbol, previous);
    const extras: RowExtras = { ...held, adl: adlOf(position) ?? held.adl };
    rows.set(
      key,
      sameRow(previous, position, mark) && sameExtras(previous, extras)
        ? previous
        : buildRow(key, position, derive(position, mark, brackets, fundingIntervalOf(state, position.symbol)), snapshot.receivedAt, markAt, extras),
    );
  }
  const current = state.observed.account <= trusted; // not overtaken by a newer whole-account snapshot
  const sides = scope === null && current ? new Set(snapshot.rows.map((row) => row.positionSide)) : state.sides;
  return {
    ...state,
    rows,
    legs: indexLegs(rows),
    marks,
    observed: observeSnapshot(state.observed, scope, trusted, rowStamps),
    sides,
  };
}

/**
 * The ADL quantile a snapshot row carries: `adl` of `v2/account.position`, when the client passes
 * it on (a v1 row has none). Anything but an integer 0–4 counts as not said.
 */
export function adlOf(position: ExchangePosition): number | null {
  const adl = (position as { adl?: unknown }).adl;
  return typeof adl === 'number' && Number.isInteger(adl) && adl >= 0 && adl <= 4 ? adl : null;
}

/** True when a snapshot row and a held row describe one state of the position (not its prices). */
function sameState(held: ExchangePosition, row: ExchangePosition): boolean {
  return (
    // Exact decimal comparison: Number() would call states the same that differ past 15 digits.
    sameDecimal(held.positionAmt, row.positionAmt) &&
    sameDecimal(held.entryPrice, row.entryPrice) &&
    held.marginType === row.marginType &&
    (held.marginType !== 'isolated' || sameDecimal(held.isolatedWallet, row.isolatedWallet))
  );
}

/**
 * The marks after a snapshot: its mark for each symbol it shows open (or was asked for), unless a
 * tick as new or newer is held. `repriced`: the symbols whose price this changed — a snapshot that
 * only confirms the price moves the mark's time on but leaves the rows as they are (same objects,
 * no delta, no re-render).
 */
function snapshotMarks(held: ReadonlyMap<string, Mark>, snapshot: SnapshotInput): { marks: Map<string, Mark>; repriced: Set<string> } {
  const marks = new Map(held);
  const repriced = new Set<string>();
  for (const position of snapshot.rows) {
    // v1 lists every symbol; keeping marks of flat ones would make ticks and copies cost more.
    if (isZeroDecimal(position.positionAmt) && position.symbol !== snapshot.symbol) continue;
    if (snapshot.symbol !== null && position.symbol !== snapshot.symbol) continue; // not asked for
    const mark = marks.get(position.symbol);
    if (mark !== undefined && mark.eventTime >= snapshot.serverTime) continue; // newer, or this symbol's other leg
    // A position query carries no funding: the rate and time the stream gave stay with the new mark.
    marks.set(position.symbol, withFunding({ markPrice: position.markPrice, eventTime: snapshot.serverTime }, mark));
    if (mark?.markPrice !== position.markPrice) repriced.add(position.symbol);
  }
  return { marks, repriced };
}

/**
 * Forgets as of when each position is known (after a reconnect: the stream may have missed events,
 * and the exchange may even be another one), so the next snapshot replaces every row it covers,
 * however new the old stream's times. The rows stay on screen until then.
 */
export function forgetObserved(state: PositionsState): PositionsState {
  return state.observed === NOTHING_OBSERVED ? state : { ...state, observed: NOTHING_OBSERVED };
}

/** `mark` with the funding rate and time of `held` where it carries none of its own. */
function withFunding(mark: Mark, held: Mark | undefined): Mark {
  if (held?.fundingRate === undefined || mark.fundingRate !== undefined) return mark;
  return { ...mark, fundingRate: held.fundingRate, ...(held.nextFundingTime === undefined ? {} : { nextFundingTime: held.nextFundingTime }) };
}

/** A held row at a new mark; its mark age is the snapshot's now. */
function reprice(row: PositionRow, mark: Mark, state: PositionsState): PositionRow {
  return buildRow(row.key, row, derive(row, mark, state.brackets.get(row.symbol), fundingIntervalOf(state, row.symbol)), row.snapshotAt, null);
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
    if (held !== undefined && held.eventTime >= tick.eventTime) continue;
    // The tick is the mark: no copy per frame (ticks are never changed once read) — unless it lacks
    // the funding rate a mark held, which a frame without `r` must not erase.
    const mark: Mark = withFunding(tick, held);
    draft.setMark(tick.symbol, mark);
    changed = true;
    const legs = draft.legsOf(tick.symbol);
    if (legs === undefined) continue; // the selected symbol, or one whose position just closed
    const brackets = draft.brackets(tick.symbol);
    // The rate is parsed once per tick, whatever the number of legs.
    const funding = fundingBasis(mark, draft.fundingInterval(tick.symbol));
    for (const leg of legs) {
      const row = draft.row(leg.key);
      if (row === undefined) continue;
      draft.repriceRow(buildRow(leg.key, row, deriveFrom(leg.basis, mark, brackets, funding), row.snapshotAt, receivedAt));
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
    rows.set(key, buildRow(key, row, derive(row, mark, list, fundingIntervalOf(state, row.symbol)), row.snapshotAt, row.markAt));
  }
  return { ...state, rows, brackets: merged };
}

/** Installs the funding intervals (hours by symbol; unlisted symbols fund every 8 h) and re-derives every row. */
export function applyFundingIntervals(state: PositionsState, intervals: ReadonlyMap<string, number>): PositionsState {
  const next: PositionsState = { ...state, fundingIntervals: intervals };
  const rows = new Map(state.rows);
  for (const [key, row] of state.rows) {
    const interval = fundingIntervalOf(next, row.symbol);
    if (row.derived.fundingIntervalHours === interval) continue;
    const mark = state.marks.get(row.symbol) ?? { markPrice: row.derived.markPrice, eventTime: row.derived.markTime };
    rows.set(key, buildRow(key, row, derive(row, mark, state.brackets.get(row.symbol), interval), row.snapshotAt, row.markAt));
  }
  return { ...next, rows };
}

/**
 * Installs what a read said beside the positions — ADL quantiles by key (`adl`), funding since
 * 00:00 UTC by symbol (`fundingToday`) — and puts it on the rows; rows it does not change keep
 * their objects.
 */
export function applyRowExtras(
  state: PositionsState,
  reads: { adl?: ReadonlyMap<string, number>; fundingToday?: ReadonlyMap<string, number> | null },
): PositionsState {
  const next: PositionsState = {
    ...state,
    ...(reads.adl === undefined ? {} : { adl: reads.adl }),
    ...(reads.fundingToday === undefined ? {} : { fundingToday: reads.fundingToday }),
  };
  let rows: Map<string, PositionRow> | null = null;
  for (const [key, row] of state.rows) {
    // The quantile a read gives replaces the row's; a key the read does not list keeps what it had.
    const extras = extrasOf(next, key, row.symbol, row);
    if (sameExtras(row, extras)) continue;
    (rows ??= new Map(state.rows)).set(key, { ...row, adl: extras.adl, fundingToday: extras.fundingToday });
  }
  return rows === null ? next : { ...next, rows };
}
