import { z } from 'zod';
import { decimalStringSchema } from './decimal-schema';

/**
 * A Binance USDⓈ-M symbol name, as the exchange lists it. Since 2025-10-09 symbols may be named in
 * any script (`币安人生USDT` is a trading perpetual, PROTOCOL §13.1), so a name is a run of Unicode
 * letters, combining marks and digits — never punctuation, spaces or control characters — optionally
 * followed by a delivery contract's `_YYMMDD` suffix (`BTCUSDT_260327`). The length is bounded so a
 * hostile frame cannot make a name a payload.
 */
export const SYMBOL_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}]{1,39}(_[0-9]{6})?$/u;

export const symbolNameSchema = z.string().regex(SYMBOL_NAME_PATTERN, 'a symbol name as the exchange lists it (letters and digits, e.g. BTCUSDT)');

/** True when `text` is a symbol name (SYMBOL_NAME_PATTERN); ASCII names, the common case, are checked by hand (hot path). */
export function isSymbolName(text: string): boolean {
  let end = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code >= 128) return SYMBOL_NAME_PATTERN.test(text); // another script: the full Unicode rule
    const digit = code >= 48 && code <= 57;
    if (!digit && !(code >= 65 && code <= 90) && !(code >= 97 && code <= 122)) break; // 0-9 A-Z a-z
    end++;
  }
  if (end < 2 || end > 40) return false;
  if (end === text.length) return true;
  // A delivery contract's suffix: `_` and a six-digit date.
  if (text.length - end !== 7 || text.charCodeAt(end) !== 95) return false;
  for (let i = end + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** The name of a symbol's streams: the exchange's rule is the symbol lowercased (PROTOCOL §1). */
export function streamSymbol(symbol: string): string {
  return symbol.toLowerCase();
}

/**
 * What the UI needs to know about a listed symbol: its name, its contract, the asset that margins it
 * and its price/quantity grid. Every contract type and status the exchange lists is kept (TradFi
 * perpetuals, quarterlies, a symbol being settled): a position can be open in any of them.
 */
/**
 * The most symbols PerpDesk reads from one exchange list (exchangeInfo, fundingInfo, adlQuantile,
 * leverage brackets, symbol configs) or sends to the window in one message: the exchange lists about
 * 700 today, so only a runaway reply comes near it.
 */
export const MAX_LISTED_SYMBOLS = 5_000;

export const symbolInfoSchema = z.object({
  symbol: symbolNameSchema,
  baseAsset: z.string().max(20),
  quoteAsset: z.string().max(20),
  /** The asset its margin and PnL are in (`USDT`, `USDC`, …): figures of different assets never add up. */
  marginAsset: z.string().max(20),
  /** `PERPETUAL`, `TRADIFI_PERPETUAL`, `CURRENT_QUARTER`, … as the exchange names it. */
  contractType: z.string().max(40),
  /** `TRADING`, `SETTLING`, `PENDING_TRADING`, … as the exchange names it. */
  status: z.string().max(40),
  tickSize: decimalStringSchema,
  stepSize: decimalStringSchema,
});
export type SymbolInfo = z.infer<typeof symbolInfoSchema>;
