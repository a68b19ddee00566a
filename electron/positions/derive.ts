/**
 * Derived figures, computed in exactly one place (PROTOCOL §10, USDⓈ-M linear contracts, contract
 * multiplier 1): on every mark tick, uPnL, notional, ROE, margin and the distance to liquidation are
 * recomputed from the last known amount, entry price, leverage and liquidation price, so the table
 * moves between snapshots.
 */
import type { Derived, ExchangePosition } from '../../shared/position';
import { maintenanceMargin, type Bracket } from './brackets';

export interface Mark {
  /** The mark price as the exchange wrote it. */
  price: string;
  /** Exchange time of the mark (ms). */
  time: number;
}

/**
 * - uPnL = amt × (mark − entry)                    (amt signed: + long, − short)
 * - notional = amt × mark                           (signed)
 * - ROE % = uPnL / (|notional| / leverage) × 100    (Binance "ROI%", on initial margin at the mark)
 * - margin = isolated wallet + uPnL (isolated), |notional| / leverage (cross)
 * - maintenance margin = |notional| × MMR − cum, from the bracket holding |notional|
 * - margin ratio = maintenance margin / margin (isolated; cross needs the whole account)
 * - distance to liquidation = how far the mark may move against the position, in price and in % of the mark
 */
export function derive(position: ExchangePosition, mark: Mark, brackets?: readonly Bracket[]): Derived {
  const amount = Number(position.positionAmt);
  const markPrice = Number(mark.price);
  const entryPrice = Number(position.entryPrice);
  const leverage = Number(position.leverage);
  const unrealizedPnl = amount * (markPrice - entryPrice);
  const notional = amount * markPrice;
  const initialMargin = leverage > 0 ? Math.abs(notional) / leverage : 0;
  const roePct = initialMargin > 0 ? (unrealizedPnl / initialMargin) * 100 : null;
  const isolated = position.marginType === 'isolated';
  const margin = isolated ? Number(position.isolatedWallet) + unrealizedPnl : initialMargin;
  const maintMargin = brackets === undefined || brackets.length === 0 ? null : maintenanceMargin(Math.abs(notional), brackets);
  const marginRatioPct = isolated && maintMargin !== null && margin > 0 ? (maintMargin / margin) * 100 : null;
  const liquidation = Number(position.liquidationPrice);
  const liquidationDistance = liquidation > 0 && amount !== 0 ? distanceToLiquidation(position, amount, markPrice, liquidation) : null;
  const liquidationDistancePct =
    liquidationDistance !== null && markPrice > 0 ? (liquidationDistance / markPrice) * 100 : null;
  return {
    markPrice: mark.price,
    markTime: mark.time,
    unrealizedPnl,
    notional,
    roePct,
    margin,
    maintMargin,
    marginRatioPct,
    liquidationDistancePct,
    liquidationDistance,
  };
}

/**
 * Price distance from the mark to the liquidation price, positive while the position is safe.
 * A long is liquidated below the mark and a short above it, so the sign of the amount orients the
 * distance and a mark already past the price gives a negative distance. Hedge legs under cross margin
 * share one liquidation price for the symbol (PROTOCOL §10), set by the net exposure of both legs,
 * which one row does not know: for them the distance is taken as it stands, unsigned.
 */
function distanceToLiquidation(position: ExchangePosition, amount: number, mark: number, liquidation: number): number {
  const sharedCrossPrice = position.positionSide !== 'BOTH' && position.marginType === 'cross';
  return sharedCrossPrice ? Math.abs(mark - liquidation) : Math.sign(amount) * (mark - liquidation);
}
