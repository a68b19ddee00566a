import type { ExchangePosition } from '../../shared/position';

/** Exactly the exchange's v1 fields of a row (a PositionRow also carries what main added). */
export function exchangeFields(row: ExchangePosition): ExchangePosition {
  return {
    symbol: row.symbol,
    positionSide: row.positionSide,
    positionAmt: row.positionAmt,
    entryPrice: row.entryPrice,
    breakEvenPrice: row.breakEvenPrice,
    markPrice: row.markPrice,
    unRealizedProfit: row.unRealizedProfit,
    liquidationPrice: row.liquidationPrice,
    leverage: row.leverage,
    maxNotionalValue: row.maxNotionalValue,
    marginType: row.marginType,
    isolatedMargin: row.isolatedMargin,
    isAutoAddMargin: row.isAutoAddMargin,
    notional: row.notional,
    isolatedWallet: row.isolatedWallet,
    updateTime: row.updateTime,
  };
}
