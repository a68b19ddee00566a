/**
 * How the account book reports trades: the ORDER_TRADE_UPDATE of one trade of an order (market,
 * liquidation or ADL), the receipt a control command answers with, and how an order's quantity
 * is split into trades that share one transaction time (PROTOCOL §13.5).
 */
import { type Dec, significantDecimalsOf } from './decimal';
import type { FillResult, OrderSide } from './fills';
import type { PositionSide } from './account-model';
import { quantity as formatQuantity, money8, trimmedPrice } from './format';
import { type EventTimes, type ForcedClose, type OrderTradeUpdateEvent, orderTradeUpdate } from './user-events';

/** What a fill did, formatted as the wire shows it. */
export interface FillReceipt {
  readonly orderId: number;
  /** The last trade's id. */
  readonly tradeId: number;
  readonly price: string;
  readonly realizedPnl: string;
  readonly commission: string;
  /** The leg's size after the fill. */
  readonly positionAmt: string;
}

/** One trade of an order, as the report needs it. */
export interface TradeStep {
  readonly orderId: number;
  readonly orderQuantity: Dec;
  readonly lastQuantity: Dec;
  readonly filledQuantity: Dec;
  readonly averagePrice: Dec;
  readonly price: Dec;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly forced?: ForcedClose;
  readonly reduceOnly: boolean;
}

/** ORDER_TRADE_UPDATE for one trade. */
export function tradeEvent(times: EventTimes, result: FillResult, step: TradeStep, tradeId: number, stepDecimals: number): OrderTradeUpdateEvent {
  const text = (value: Dec): string => formatQuantity(value, stepDecimals);
  return orderTradeUpdate({
    time: times.T,
    eventTime: times.E,
    symbol: step.symbol,
    side: step.side,
    positionSide: step.positionSide,
    quantity: text(step.orderQuantity),
    lastQuantity: text(step.lastQuantity),
    filledQuantity: text(step.filledQuantity),
    complete: step.filledQuantity === step.orderQuantity,
    price: step.price,
    averagePrice: step.averagePrice,
    commission: result.commission,
    realizedPnl: result.realizedPnl,
    orderId: step.orderId,
    tradeId,
    clientOrderId: step.clientOrderId,
    ...(step.forced ? { forced: step.forced } : {}),
    reduceOnly: step.reduceOnly,
  });
}

/** The receipt of an order filled in `results` (in order): totals, and the leg after the last trade. */
export function receiptOf(orderId: number, tradeId: number, price: Dec, results: readonly FillResult[], stepSize: string): FillReceipt {
  const last = results[results.length - 1];
  if (!last) throw new RangeError('an order has at least one trade');
  const sum = (pick: (r: FillResult) => Dec): Dec => results.reduce((total, r) => total + pick(r), 0n);
  return {
    orderId,
    tradeId,
    price: trimmedPrice(price),
    realizedPnl: money8(sum((r) => r.realizedPnl)),
    commission: money8(sum((r) => r.commission)),
    positionAmt: formatQuantity(last.leg.positionAmt, significantDecimalsOf(stepSize)),
  };
}

/**
 * Splits an order's quantity into `trades` parts on the step grid, the remainder in the last
 * part; undefined when a part would be empty.
 */
export function splitQuantity(quantity: Dec, step: Dec, trades: number): Dec[] | undefined {
  const steps = quantity / step;
  const each = steps / BigInt(trades);
  if (each === 0n) return undefined;
  const parts = Array.from({ length: trades }, () => each * step);
  parts[trades - 1] = quantity - each * step * BigInt(trades - 1);
  return parts;
}

