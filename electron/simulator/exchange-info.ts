/**
 * The `GET /fapi/v1/exchangeInfo` document, in the documented shape (field names, order and
 * string/number types as in Binance's example), built from the symbol table.
 */
import { REQUEST_WEIGHT_LIMIT } from './rate-limit';
import { SYMBOLS, type SymbolSpec, marginAssetOf } from './symbols';

function symbolEntry(s: SymbolSpec): Record<string, unknown> {
  return {
    symbol: s.symbol,
    pair: s.pair,
    contractType: s.contractType,
    deliveryDate: s.deliveryDate,
    onboardDate: s.onboardDate,
    status: s.status,
    maintMarginPercent: '2.5000', // documented as "ignore"
    requiredMarginPercent: '5.0000', // documented as "ignore"
    baseAsset: s.baseAsset,
    quoteAsset: s.quoteAsset ?? 'USDT',
    marginAsset: marginAssetOf(s),
    pricePrecision: s.pricePrecision,
    quantityPrecision: s.quantityPrecision,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: s.underlyingType ?? 'COIN',
    underlyingSubType: s.underlyingSubType,
    settlePlan: 0,
    triggerProtect: '0.0500',
    liquidationFee: '0.012500',
    marketTakeBound: '0.05',
    maxMoveOrderLimit: 10000,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: s.minPrice, maxPrice: s.maxPrice, tickSize: s.tickSize },
      { filterType: 'LOT_SIZE', minQty: s.minQty, maxQty: s.maxQty, stepSize: s.stepSize },
      { filterType: 'MARKET_LOT_SIZE', minQty: s.minQty, maxQty: s.marketMaxQty, stepSize: s.stepSize },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MIN_NOTIONAL', notional: s.minNotional },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  };
}

/**
 * Builds the exchangeInfo reply. `serverTime` is present but, as Binance says, not a clock.
 * `listed` is the simulator's contract list (the standard one unless a scenario adds symbols).
 */
export function exchangeInfo(
  serverTime: number,
  listed: readonly SymbolSpec[] = SYMBOLS,
  weightLimit: number = REQUEST_WEIGHT_LIMIT,
): Record<string, unknown> {
  return {
    timezone: 'UTC',
    serverTime,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
    ],
    exchangeFilters: [],
    assets: [
      { asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' },
      { asset: 'BTC', marginAvailable: true, autoAssetExchange: '-0.10000000' },
      { asset: 'BNB', marginAvailable: true, autoAssetExchange: '-10' },
      { asset: 'USDC', marginAvailable: true, autoAssetExchange: '-10000' },
    ],
    symbols: listed.map(symbolEntry),
  };
}
