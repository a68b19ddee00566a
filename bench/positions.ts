/**
 * Synthetic v1 `account.position` replies for the benchmarks: N open positions (one BOTH row each,
 * cross and isolated mixed) plus a flat row for every other listed symbol, as the real v1 reply has
 * (one row per symbol, zero rows included: several hundred on mainnet; electron/exchange/socket.ts
 * plans for ~700). The engine must not let them cost anything per tick: it keeps marks only for
 * open (or selected) symbols.
 */
import { PositionEngine } from '../electron/positions/engine';
import type { ExchangePosition } from '../shared/position';

/** A valid symbol name per index: C0000USDT, C0001USDT, … */
export function symbolName(index: number): string {
  return `C${String(index).padStart(4, '0')}USDT`;
}

/** Price magnitudes of real USDⓈ-M listings, from sub-cent coins to BTC: mark texts of 10 to 15 characters. */
const MAGNITUDES = [0.001, 0.1, 1, 10, 1_000, 100_000];

/** The starting mark of a symbol (varied so rows differ, across the listings' magnitudes). */
export function basePrice(index: number): number {
  return MAGNITUDES[index % MAGNITUDES.length]! * (1 + ((index * 7919) % 5000) / 5000);
}

/** About 1,250 USDT of notional at any price, as a quantity on a 0.001 step. */
function quantityAt(price: number): string {
  return Math.max(0.001, 1_250 / price).toFixed(3);
}

/** `count` open one-way positions on symbols C0000USDT…; longs and shorts, cross and isolated mixed. */
export function openPositions(count: number): ExchangePosition[] {
  return Array.from({ length: count }, (_, index) => {
    const price = basePrice(index);
    const long = index % 3 !== 0;
    const isolated = index % 4 === 0;
    const amount = long ? quantityAt(price) : `-${quantityAt(price * 1.7)}`;
    return {
      symbol: symbolName(index),
      positionSide: 'BOTH',
      positionAmt: amount,
      entryPrice: (price * 0.99).toFixed(4),
      breakEvenPrice: (price * 0.991).toFixed(8),
      markPrice: price.toFixed(8),
      unRealizedProfit: '1.23450000',
      liquidationPrice: (long ? price * 0.8 : price * 1.2).toFixed(8),
      leverage: '10',
      maxNotionalValue: '1000000',
      marginType: isolated ? 'isolated' : 'cross',
      isolatedMargin: isolated ? '25.00000000' : '0.00000000',
      isAutoAddMargin: 'false',
      notional: (Number(amount) * price).toFixed(8),
      isolatedWallet: isolated ? '24.00000000' : '0',
      updateTime: 1_700_000_000_000 + index,
    };
  });
}

/** Symbols listed on the benchmark's exchange: the v1 reply has a row for each. */
export const LISTED_SYMBOLS = 600;

/** A v1 reply: `open` open positions, then flat rows up to LISTED_SYMBOLS symbols. */
export function accountReply(open: number): ExchangePosition[] {
  const rows = openPositions(Math.max(open, LISTED_SYMBOLS));
  for (let index = open; index < rows.length; index++) {
    const row = rows[index]!;
    rows[index] = { ...row, positionAmt: '0.000', entryPrice: '0.0', breakEvenPrice: '0.0', unRealizedProfit: '0.00000000', liquidationPrice: '0', notional: '0', isolatedMargin: '0.00000000', isolatedWallet: '0' };
  }
  return rows;
}

/**
 * A position engine holding the v1 reply for `open` positions (one snapshot taken), fed by nothing
 * else: the benchmarks drive its ticks themselves. Throws unless every open position loaded.
 */
export async function loadedEngine(open: number): Promise<PositionEngine> {
  const rows = accountReply(open);
  const engine = new PositionEngine({
    exchange: { fetchPositions: () => Promise.resolve(rows), followMarks: () => undefined },
    now: Date.now,
    serverNow: Date.now,
    onChange: () => undefined,
    onSnapshotError: (error) => {
      throw error;
    },
  });
  await engine.snapshot(null);
  if (engine.view().rows.length !== open) throw new Error('the engine did not load the positions');
  return engine;
}
