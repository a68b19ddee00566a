/**
 * A small exchange for the reducer's property tests: the truth of every position and mark is a
 * function of exchange time, and each event is an observation of it — a snapshot (every position in
 * its scope as of its time, flat rows included as v1 lists them), an ACCOUNT_UPDATE (some positions
 * as of its transaction time) or a mark tick. Two observations at the same time therefore agree, and
 * the expected end state is simply the newest observation per (symbol, positionSide) and per symbol.
 */
import fc from 'fast-check';
import type { AccountUpdatePosition } from '../../../electron/exchange/user-events';
import { positionKey, type ExchangePosition, type PositionSide } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

export type Mode = 'oneway' | 'hedge';
export const SYMBOLS = ['AAAUSDT', 'BBBUSDT', 'CCCUSDT'] as const;

export function sidesOf(mode: Mode): PositionSide[] {
  return mode === 'oneway' ? ['BOTH'] : ['LONG', 'SHORT'];
}

export type TruthEvent =
  | { kind: 'tick'; symbol: string; time: number }
  | { kind: 'update'; time: number; legs: Array<{ symbol: string; side: PositionSide }> }
  | { kind: 'snapshot'; time: number; scope: string | null };

/** A small deterministic hash, so that the truth at a time is always the same. */
function hash(text: string, time: number): number {
  let h = 2166136261 ^ time;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return Math.abs(h);
}

/** Positions change every 10 ms of exchange time; this is the time of the last change at `time`. */
const lastChange = (time: number): number => Math.floor(time / 10) * 10;

/**
 * The transaction time `T` of an update sent at event time `time`: that of the change it reports,
 * which is also the row's `updateTime` in a snapshot. Updates within one 10 ms share their `T`.
 */
export const transactionTime = lastChange;

interface PositionTruth {
  positionAmt: string;
  entryPrice: string;
  marginType: 'cross' | 'isolated';
  isolatedWallet: string;
}

/** The position (symbol, side) as of `time`; flat about a third of the time. */
export function positionTruth(symbol: string, side: PositionSide, time: number): PositionTruth {
  const h = hash(`${symbol}:${side}`, lastChange(time));
  const sizes = side === 'SHORT' ? ['0', '-1.25', '-0.3'] : side === 'LONG' ? ['0', '0.5', '2'] : ['0', '0.5', '-1.25'];
  const isolated = h % 5 === 0;
  return {
    positionAmt: sizes[h % 3]!,
    entryPrice: String(100 + (h % 7)),
    marginType: isolated ? 'isolated' : 'cross',
    isolatedWallet: isolated ? '5' : '0',
  };
}

/** The mark of `symbol` at `time`. */
export function markTruth(symbol: string, time: number): string {
  return (95 + (hash(symbol, time) % 13)).toFixed(2);
}

/** A v1 row as a snapshot at `time` reports it (flat rows with updateTime 0, as v1 does). */
export function snapshotRow(symbol: string, side: PositionSide, time: number): ExchangePosition {
  const truth = positionTruth(symbol, side, time);
  const flat = truth.positionAmt === '0';
  return v1Row({
    symbol,
    positionSide: side,
    positionAmt: truth.positionAmt,
    entryPrice: flat ? '0.0' : truth.entryPrice,
    breakEvenPrice: flat ? '0.0' : truth.entryPrice,
    markPrice: markTruth(symbol, time),
    unRealizedProfit: '0.00000000',
    liquidationPrice: flat ? '0' : '50',
    marginType: truth.marginType,
    isolatedMargin: truth.isolatedWallet,
    isolatedWallet: truth.isolatedWallet,
    updateTime: flat ? 0 : lastChange(time),
  });
}

/** The v1 reply of a snapshot at `time` for `scope` (a symbol, or null for the whole account). */
export function snapshotRows(mode: Mode, scope: string | null, time: number): ExchangePosition[] {
  const symbols = scope === null ? SYMBOLS : [scope];
  return symbols.flatMap((symbol) => sidesOf(mode).map((side) => snapshotRow(symbol, side, time)));
}

/** The `a.P` rows of an ACCOUNT_UPDATE at `time`. */
export function updateChanges(event: Extract<TruthEvent, { kind: 'update' }>): AccountUpdatePosition[] {
  return event.legs.map(({ symbol, side }) => {
    const truth = positionTruth(symbol, side, event.time);
    return { s: symbol, ps: side, pa: truth.positionAmt, ep: truth.entryPrice, bep: truth.entryPrice, up: '0', mt: truth.marginType, iw: truth.isolatedWallet };
  });
}

export interface ExpectedRow {
  key: string;
  positionAmt: string;
  entryPrice: string;
  marginType: string;
  isolatedWallet: string;
  updateTime: number;
  /** An update opened, resized or flipped it (or changed its margin) and no snapshot has told its
   * liquidation price since. */
  liquidationPending: boolean;
}

type Fields = Omit<ExpectedRow, 'key' | 'liquidationPending'>;

/** The same state of a position (what its liquidation price depends on). */
function sameState(a: Fields, b: Fields): boolean {
  return (
    Number(a.positionAmt) === Number(b.positionAmt) &&
    Number(a.entryPrice) === Number(b.entryPrice) &&
    a.marginType === b.marginType &&
    (a.marginType !== 'isolated' || Number(a.isolatedWallet) === Number(b.isolatedWallet))
  );
}

/**
 * The newest observation of each position and mark, by exchange time (a snapshot wins a tie). An
 * update leaves the liquidation price pending when it changes the size, side or margin; a snapshot
 * that shows the same state as a pending newer update supplies it (its row, as the exchange says it).
 */
export class TruthModel {
  /** `eventTime`: an update's `E` (it orders updates that share one `T`); 0 for a snapshot row. */
  private readonly positions = new Map<string, { time: number; eventTime: number; fromSnapshot: boolean; row: ExpectedRow }>();
  readonly marks = new Map<string, { price: string; time: number }>();

  constructor(readonly mode: Mode) {}

  observe(event: TruthEvent): void {
    if (event.kind === 'tick') this.observeMark(event.symbol, event.time);
    else if (event.kind === 'update') {
      for (const change of updateChanges(event)) {
        this.observePosition(positionKey(change.s, change.ps), transactionTime(event.time), event.time, false, {
          positionAmt: change.pa,
          entryPrice: change.ep,
          marginType: change.mt,
          isolatedWallet: change.iw,
          updateTime: transactionTime(event.time),
        });
      }
    } else {
      const rows = snapshotRows(this.mode, event.scope, event.time);
      for (const row of rows) {
        const { positionAmt, entryPrice, marginType, isolatedWallet, updateTime } = row;
        this.observePosition(positionKey(row.symbol, row.positionSide), event.time, 0, true, { positionAmt, entryPrice, marginType, isolatedWallet, updateTime });
      }
      // A snapshot's mark counts for the symbols it shows open, and for the symbol it was asked for.
      for (const symbol of new Set(rows.map((row) => row.symbol))) {
        if (symbol === event.scope || rows.some((row) => row.symbol === symbol && row.positionAmt !== '0')) this.observeMark(symbol, event.time);
      }
    }
  }

  /** The open positions, by key. */
  openRows(): Map<string, ExpectedRow> {
    const open = new Map<string, ExpectedRow>();
    for (const [key, { row }] of this.positions) if (row.positionAmt !== '0') open.set(key, row);
    return open;
  }

  /**
   * Newer exchange time wins. At one time a snapshot row wins over a stream row (it carries the
   * liquidation price); updates that share one `T` are taken in `E` order, then in arrival order
   * (the later of two equal ones wins), as the reducer does (observed.ts `isNewsAt`).
   */
  private observePosition(key: string, time: number, eventTime: number, fromSnapshot: boolean, fields: Fields): void {
    const held = this.positions.get(key);
    const tieLost = (entry: { eventTime: number; fromSnapshot: boolean }): boolean =>
      entry.fromSnapshot || (!fromSnapshot && entry.eventTime > eventTime);
    if (held !== undefined && (held.time > time || (held.time === time && tieLost(held)))) {
      if (fromSnapshot && held.row.liquidationPending && fields.positionAmt !== '0' && sameState(held.row, fields)) {
        held.row = { key, ...fields, liquidationPending: false };
      }
      return;
    }
    const before = held?.row;
    const opened = before === undefined || before.positionAmt === '0';
    const liquidationPending = !fromSnapshot && (opened || before.liquidationPending || !sameState(before, fields));
    this.positions.set(key, { time, eventTime, fromSnapshot, row: { key, ...fields, liquidationPending } });
  }

  private observeMark(symbol: string, time: number): void {
    const held = this.marks.get(symbol);
    if (held === undefined || held.time < time) this.marks.set(symbol, { price: markTruth(symbol, time), time });
  }
}

/** Events on the model's symbols over a short span of time, so that they collide and overtake. */
export function truthEvent(mode: Mode): fc.Arbitrary<TruthEvent> {
  const time = fc.integer({ min: 1, max: 120 });
  const symbol = fc.constantFrom(...SYMBOLS);
  const leg = fc.record({ symbol, side: fc.constantFrom(...sidesOf(mode)) });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('tick' as const), symbol, time }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('update' as const), time, legs: fc.uniqueArray(leg, { minLength: 1, maxLength: 2, selector: (l) => `${l.symbol}:${l.side}` }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), time, scope: fc.option(symbol, { nil: null }) }) },
  );
}
