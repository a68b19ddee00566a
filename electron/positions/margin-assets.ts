/**
 * Which asset margins each symbol, so figures are totalled per currency (Multi-Assets mode margins
 * USDT, USDC and others side by side, PROTOCOL §13.9). The exchange's symbol list says it
 * (`SymbolInfo.marginAsset`); until that list is loaded, the quote at the end of the name stands in.
 */
import type { SymbolInfo } from '../../shared/symbols';

/** Quote assets of USDⓈ-M symbols, longest first so FDUSD is not read as USD…. */
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'BTC'] as const;

/** The margin asset of `symbol` from its name alone (the stand-in before the symbol list loads). */
export function quoteOf(symbol: string): string {
  const name = symbol.split('_')[0] ?? symbol; // a delivery contract's date suffix is not the quote
  return QUOTES.find((quote) => name.endsWith(quote)) ?? 'USDT';
}

/** The margin asset per symbol, from the exchange's list where it has been read. */
export class MarginAssets {
  private known: ReadonlyMap<string, string> = new Map();

  /** Installs the exchange's list; true when any symbol's asset changed. */
  load(symbols: readonly Pick<SymbolInfo, 'symbol' | 'marginAsset'>[]): boolean {
    const next = new Map(symbols.map((info) => [info.symbol, info.marginAsset] as const));
    const changed = next.size !== this.known.size || [...next].some(([symbol, asset]) => this.known.get(symbol) !== asset);
    this.known = next;
    return changed;
  }

  /** The margin asset of `symbol`. */
  readonly of = (symbol: string): string => this.known.get(symbol) ?? quoteOf(symbol);
}
