/**
 * Generated contracts for the `large` scenario (benchmarks with hundreds of positions). They
 * look like ordinary small-cap perpetuals: names `X0001USDT`…, 4-decimal ticks, 0.1 steps,
 * the `alt` bracket table, and spread-out starting prices so rows do not all look alike.
 */
import type { SymbolSpec } from './symbols';

const ONBOARD = Date.UTC(2024, 0, 1);
const PERPETUAL_DELIVERY = 4133404800000;

/** The `i`-th generated symbol's name (1-based): X0001USDT. */
export function generatedSymbolName(i: number): string {
  return `X${String(i).padStart(4, '0')}USDT`;
}

/** `count` generated perpetuals, deterministic. */
export function generatedSymbols(count: number): SymbolSpec[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + 1;
    const symbol = generatedSymbolName(i);
    // 1.0000 … ~ 1000: a golden-ratio sequence spreads prices without randomness.
    const mark = (1 + ((i * 0.618033988749) % 1) * 999).toFixed(4);
    return {
      symbol,
      pair: symbol,
      contractType: 'PERPETUAL',
      status: 'TRADING',
      baseAsset: symbol.slice(0, -4),
      pricePrecision: 4,
      quantityPrecision: 1,
      tickSize: '0.0001',
      minPrice: '0.0001',
      maxPrice: '100000',
      stepSize: '0.1',
      minQty: '0.1',
      maxQty: '10000000',
      marketMaxQty: '1000000',
      minNotional: '5',
      onboardDate: ONBOARD,
      deliveryDate: PERPETUAL_DELIVERY,
      underlyingSubType: ['Generated'],
      brackets: 'alt',
      initialMark: mark,
      fundingRate: i % 3 === 0 ? '-0.00005000' : '0.00010000',
    };
  });
}
