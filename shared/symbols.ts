import { z } from 'zod';
import { decimalStringSchema } from './decimal-schema';

/** A Binance USDⓈ-M symbol name: upper-case letters and digits, optionally a delivery suffix. */
export const symbolNameSchema = z.string().regex(/^[A-Z0-9]{2,30}(_[0-9]{6})?$/, 'a symbol such as BTCUSDT');

/** What the UI needs to know about a tradable symbol: its name and its price/quantity grid. */
export const symbolInfoSchema = z.object({
  symbol: symbolNameSchema,
  baseAsset: z.string().max(20),
  quoteAsset: z.string().max(20),
  tickSize: decimalStringSchema,
  stepSize: decimalStringSchema,
});
export type SymbolInfo = z.infer<typeof symbolInfoSchema>;
