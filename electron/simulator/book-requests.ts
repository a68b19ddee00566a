/**
 * What callers ask of the account book (account-book.ts) and what it answers: fills, auto-
 * deleverages, and the result-or-reason every change returns.
 */
import type { PositionSide } from './account-model';
import type { Dec } from './decimal';
import type { OrderSide } from './fills';

/** A fill to execute; the price defaults to the current mark. */
export interface FillRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  readonly quantity: Dec;
  readonly price?: Dec;
  /**
   * Trades the order fills in (default 1), all at one transaction time `T`, as an order that
   * meets several resting orders does: one ORDER_TRADE_UPDATE (PARTIALLY_FILLED … FILLED) and
   * one ACCOUNT_UPDATE per trade, equal `T`s, increasing `E`s (PROTOCOL §13.5).
   */
  readonly trades?: number;
}

/** An auto-deleverage to execute: the whole leg unless `quantity` is given; priced at the mark. */
export interface AdlRequest {
  readonly symbol: string;
  readonly positionSide: PositionSide;
  readonly quantity?: Dec;
}

/** A result or a reason. */
export type BookOutcome<T> = { ok: true; value: T } | { ok: false; error: string };
