/**
 * The user data stream's event payloads (PROTOCOL §6), with the documented keys in the
 * documented order and Binance's string styles. Builders only: what triggers them lives in
 * account-book.ts, where they go in user-streams.ts.
 */
import type { MarginType, PositionSide } from './account-model';
import { type Dec, toTrimmed } from './decimal';
import type { LegAfter, OrderSide } from './fills';
import { money8, price8, trimmedPrice } from './format';
import { breakEvenPrice, unrealizedPnl } from './position-math';

/**
 * An event's two times (PROTOCOL §13.5): `T`, when the transaction happened, and `E`, when the
 * event was sent — a few ms later on the live exchange, never equal as on the example pages.
 */
export interface EventTimes {
  readonly T: number;
  readonly E: number;
}

/** `a.m` of ACCOUNT_UPDATE: the reasons the simulator produces. */
export type UpdateReason = 'ORDER' | 'FUNDING_FEE' | 'ADJUSTMENT';

/** One `a.B[]` entry. */
export interface BalanceUpdate {
  a: string;
  wb: string;
  cw: string;
  bc: string;
}

/** One `a.P[]` entry. */
export interface PositionUpdate {
  s: string;
  pa: string;
  ep: string;
  bep: string;
  cr: string;
  up: string;
  mt: MarginType;
  iw: string;
  ps: PositionSide;
}

/** `ACCOUNT_UPDATE`: only what changed (PROTOCOL §6). */
export interface AccountUpdateEvent {
  e: 'ACCOUNT_UPDATE';
  E: number;
  T: number;
  a: { m: UpdateReason; B: BalanceUpdate[]; P: PositionUpdate[] };
}

/** The `o` object of ORDER_TRADE_UPDATE, as a filled market or liquidation order reports it. */
export interface OrderUpdate {
  s: string;
  c: string;
  S: OrderSide;
  o: 'MARKET' | 'LIMIT' | 'LIQUIDATION';
  f: 'GTC' | 'IOC' | 'GTX';
  q: string;
  p: string;
  ap: string;
  sp: string;
  x: 'TRADE' | 'CALCULATED' | 'NEW' | 'CANCELED' | 'EXPIRED' | 'AMENDMENT';
  X: 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';
  i: number;
  l: string;
  z: string;
  L: string;
  N: string;
  n: string;
  T: number;
  t: number;
  b: string;
  a: string;
  m: boolean;
  R: boolean;
  wt: 'CONTRACT_PRICE' | 'MARK_PRICE';
  ot: 'MARKET' | 'LIMIT' | 'LIQUIDATION';
  ps: PositionSide;
  cp: boolean;
  rp: string;
  pP: boolean;
  si: number;
  ss: number;
  V: 'EXPIRE_TAKER' | 'EXPIRE_MAKER' | 'NONE';
  pm: 'NONE';
  gtd: number;
}

/** `ORDER_TRADE_UPDATE`. */
export interface OrderTradeUpdateEvent {
  e: 'ORDER_TRADE_UPDATE';
  E: number;
  T: number;
  o: OrderUpdate;
}

/** One `p[]` entry of MARGIN_CALL. */
export interface MarginCallPosition {
  s: string;
  ps: PositionSide;
  pa: string;
  mt: 'CROSSED' | 'ISOLATED';
  iw: string;
  mp: string;
  up: string;
  mm: string;
}

/** `MARGIN_CALL`; `cw` only for cross margin calls. */
export interface MarginCallEvent {
  e: 'MARGIN_CALL';
  E: number;
  cw?: string;
  p: MarginCallPosition[];
}

/** `ACCOUNT_CONFIG_UPDATE` for a leverage change. */
export interface AccountConfigUpdateEvent {
  e: 'ACCOUNT_CONFIG_UPDATE';
  E: number;
  T: number;
  ac: { s: string; l: number };
}

/** `listenKeyExpired`; `E` is an integer since 2026-05 (PROTOCOL §0). */
export interface ListenKeyExpiredEvent {
  e: 'listenKeyExpired';
  E: number;
  listenKey: string;
}

/** Any user data event. */
export type UserEvent =
  | AccountUpdateEvent
  | OrderTradeUpdateEvent
  | MarginCallEvent
  | AccountConfigUpdateEvent
  | ListenKeyExpiredEvent;

/** Sizes as ACCOUNT_UPDATE writes them: plain, no padding ("20", "-0.25", "0"). */
export function plainAmount(value: Dec): string {
  return toTrimmed(value, 8, 0);
}

/** A balance entry (USDT unless named). `bc` is the change that is neither PnL nor commission (funding, transfers). */
export function balanceUpdate(walletBalance: Dec, crossWallet: Dec, balanceChange: Dec = 0n, asset = 'USDT'): BalanceUpdate {
  return { a: asset, wb: money8(walletBalance), cw: money8(crossWallet), bc: money8(balanceChange) };
}

/**
 * A P row for a leg after a change; `up` is a snapshot at `mark`, as on Binance. With
 * `bepZero`, an open row carries `"bep":"0"`, as the documented ACCOUNT_UPDATE example does
 * (PROTOCOL §13.5): a client must treat it as unknown, not as a break-even of zero.
 */
export function positionUpdate(leg: LegAfter, marginType: MarginType, mark: Dec, bepZero = false): PositionUpdate {
  const flat = leg.positionAmt === 0n;
  return {
    s: leg.symbol,
    pa: plainAmount(leg.positionAmt),
    ep: trimmedPrice(flat ? 0n : leg.entryPrice),
    bep: bepZero && !flat ? '0' : trimmedPrice(breakEvenPrice(leg)),
    cr: money8(leg.cumulativeRealized),
    up: money8(flat ? 0n : unrealizedPnl(leg.positionAmt, leg.entryPrice, mark)),
    mt: marginType,
    iw: money8(marginType === 'isolated' ? leg.isolatedWallet : 0n),
    ps: leg.positionSide,
  };
}

/** Builds ACCOUNT_UPDATE. */
export function accountUpdate(
  times: EventTimes,
  reason: UpdateReason,
  balances: BalanceUpdate[],
  positions: PositionUpdate[],
): AccountUpdateEvent {
  return { e: 'ACCOUNT_UPDATE', E: times.E, T: times.T, a: { m: reason, B: balances, P: positions } };
}

/** What closed a position without an order of the trader's: a liquidation or an auto-deleverage. */
export type ForcedClose = 'liquidation' | 'adl';

/** What ORDER_TRADE_UPDATE reports about one fill. */
export interface TradeReport {
  /** Transaction time `T` (also the trade time `o.T`). */
  readonly time: number;
  /** Event time `E`, a few ms after `T`. */
  readonly eventTime: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  /** The order's quantity, formatted with the symbol's step ("0.010"). */
  readonly quantity: string;
  /** This trade's quantity (`l`) and the order's filled quantity so far (`z`), formatted. */
  readonly lastQuantity: string;
  readonly filledQuantity: string;
  /** This trade's price (`L`). */
  readonly price: Dec;
  /** The order's average fill price so far (`ap`). */
  readonly averagePrice: Dec;
  /** FILLED once `z` reaches `q`. */
  readonly complete: boolean;
  readonly commission: Dec;
  readonly realizedPnl: Dec;
  readonly orderId: number;
  readonly tradeId: number;
  readonly clientOrderId: string;
  /**
   * Liquidation and ADL orders: order type LIQUIDATION, execution CALCULATED (PROTOCOL §13.7).
   * Undefined for the trader's own market orders.
   */
  readonly forced?: ForcedClose;
  readonly reduceOnly: boolean;
}

/** Builds ORDER_TRADE_UPDATE for one trade of a market, liquidation or ADL order. */
export function orderTradeUpdate(r: TradeReport): OrderTradeUpdateEvent {
  const forced = r.forced !== undefined;
  const type = forced ? 'LIQUIDATION' : 'MARKET';
  return {
    e: 'ORDER_TRADE_UPDATE',
    E: r.eventTime,
    T: r.time,
    o: {
      s: r.symbol,
      c: r.clientOrderId,
      S: r.side,
      o: type,
      f: forced ? 'IOC' : 'GTC',
      q: r.quantity,
      p: '0',
      ap: trimmedPrice(r.averagePrice),
      sp: '0',
      x: forced ? 'CALCULATED' : 'TRADE',
      X: r.complete ? 'FILLED' : 'PARTIALLY_FILLED',
      i: r.orderId,
      l: r.lastQuantity,
      z: r.filledQuantity,
      L: trimmedPrice(r.price),
      N: 'USDT',
      n: money8(r.commission),
      T: r.time,
      t: r.tradeId,
      b: '0',
      a: '0',
      m: false,
      R: r.reduceOnly,
      wt: forced ? 'MARK_PRICE' : 'CONTRACT_PRICE',
      ot: type,
      ps: r.positionSide,
      cp: false,
      rp: money8(r.realizedPnl),
      pP: false,
      si: 0,
      ss: 0,
      V: forced ? 'NONE' : 'EXPIRE_TAKER',
      pm: 'NONE',
      gtd: 0,
    },
  };
}

/** Builds a MARGIN_CALL row. */
export function marginCallPosition(
  leg: { symbol: string; positionSide: PositionSide; positionAmt: Dec; isolatedWallet: Dec },
  cross: boolean,
  mark: Dec,
  unrealized: Dec,
  maintenance: Dec,
): MarginCallPosition {
  return {
    s: leg.symbol,
    ps: leg.positionSide,
    pa: plainAmount(leg.positionAmt),
    mt: cross ? 'CROSSED' : 'ISOLATED',
    iw: money8(cross ? 0n : leg.isolatedWallet),
    mp: price8(mark),
    up: money8(unrealized),
    mm: money8(maintenance),
  };
}
