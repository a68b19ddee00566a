/**
 * One simulator's market: the contracts it lists (the standard table, plus generated ones in
 * the `large` scenario), fast lookup by name, and the price walk behind every mark.
 */
import type { Dec } from './decimal';
import type { MarketView } from './position-rows';
import { type PriceWalk, createPriceWalk } from './price-walk';
import type { SymbolSpec } from './symbols';

/** The contracts and prices of a running simulator. */
export interface Market extends MarketView {
  /** Every contract `exchangeInfo` lists, trading or not. */
  readonly listed: readonly SymbolSpec[];
  /** The trading contracts: they have marks and appear in `account.position`. */
  readonly symbols: readonly SymbolSpec[];
  readonly walk: PriceWalk;
  /** A trading contract by its exact (upper-case) name. */
  spec(symbol: string): SymbolSpec | undefined;
}

/** Builds the market; the walk is seeded so the same seed replays the same prices. */
export function createMarket(listed: readonly SymbolSpec[], seed: number): Market {
  const symbols = listed.filter((s) => s.status === 'TRADING');
  // A Map, not `find`: the large scenario has hundreds of symbols and lookups run every tick.
  const index = new Map(symbols.map((s) => [s.symbol, s]));
  const walk = createPriceWalk(symbols, seed);
  return {
    listed,
    symbols,
    walk,
    spec: (symbol) => index.get(symbol),
    markOf: (symbol): Dec => walk.markOf(symbol),
  };
}
