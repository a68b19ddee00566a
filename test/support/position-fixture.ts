/** One v1 `account.position` row for tests that build exchange replies by hand. */
import type { ExchangePosition } from '../../shared/position';

/**
 * A flat one-way BTCUSDT row, cross at 10× with every figure zero, with `fields` laid over it:
 * tests name only what matters to them. Keys keep the exchange's order.
 */
export function v1Row(fields: Partial<ExchangePosition> = {}): ExchangePosition {
  return {
    symbol: 'BTCUSDT',
    positionSide: 'BOTH',
    positionAmt: '0',
    entryPrice: '0',
    breakEvenPrice: '0',
    markPrice: '0',
    unRealizedProfit: '0',
    liquidationPrice: '0',
    leverage: '10',
    maxNotionalValue: '1000000',
    marginType: 'cross',
    isolatedMargin: '0',
    isAutoAddMargin: 'false',
    notional: '0',
    isolatedWallet: '0',
    updateTime: 0,
    ...fields,
  };
}
