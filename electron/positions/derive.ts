/**
 * Derived figures, computed in exactly one place (PROTOCOL §10, USDⓈ-M linear contracts, contract
 * multiplier 1): on every mark tick, uPnL, notional and ROE are recomputed from the last known
 * amount, entry price and leverage, so the table moves between snapshots.
 */
import type { Derived, ExchangePosition } from '../../shared/position';

export interface Mark {
  /** The mark price as the exchange wrote it. */
  price: string;
  /** Exchange time of the mark (ms). */
  time: number;
}

/**
 * - uPnL = amt × (mark − entry)            (amt signed: + long, − short)
 * - notional = amt × mark                   (signed)
 * - ROE % = uPnL / (|notional| / leverage) × 100   (Binance "ROI%", on initial margin at the mark)
 */
export function derive(position: ExchangePosition, mark: Mark): Derived {
  const amount = Number(position.positionAmt);
  const markPrice = Number(mark.price);
  const entryPrice = Number(position.entryPrice);
  const leverage = Number(position.leverage);
  const unrealizedPnl = amount * (markPrice - entryPrice);
  const notional = amount * markPrice;
  const initialMargin = Math.abs(notional) / leverage;
  const roePct = leverage > 0 && initialMargin > 0 ? (unrealizedPnl / initialMargin) * 100 : null;
  return { markPrice: mark.price, markTime: mark.time, unrealizedPnl, notional, roePct };
}
