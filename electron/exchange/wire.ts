/**
 * Shapes of what the exchange sends, checked before anything uses it: every frame is untrusted.
 * Replies to requests are rare and go through zod; mark price frames are hot (one per symbol per
 * second, thousands per second in the benchmarks) and get a hand-written check instead (markTickOf),
 * whether read from a parsed object (readMarkTick) or straight from the frame's bytes (mark-frame.ts).
 */
import { z } from 'zod';
import { decimalStringSchema } from '../../shared/decimal-schema';
import { exchangePositionSchema, positionCoreSchema, type ExchangePosition } from '../../shared/position';
import { isSymbolName, symbolNameSchema } from '../../shared/symbols';
import { readRows, type RowsRead } from './rows';

const rateLimitSchema = z.object({
  rateLimitType: z.string().max(40),
  interval: z.string().max(20),
  intervalNum: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});
export type RateLimit = z.infer<typeof rateLimitSchema>;

/** The WS API reply envelope (PROTOCOL §2): `result` on success, `error` on failure. */
export const replyEnvelopeSchema = z.object({
  id: z.union([z.string().max(64), z.number().int(), z.null()]),
  status: z.number().int().min(100).max(599),
  result: z.unknown().optional(),
  error: z
    .object({
      code: z.number().int(),
      msg: z.string().max(1000),
      // Binance documents `retryAfter` (ms epoch) here on 429/418 for the Spot WS API; read it when present.
      data: z.looseObject({ retryAfter: z.number().int().positive().optional() }).optional(),
    })
    .optional(),
  rateLimits: z.array(rateLimitSchema).max(10).optional(),
});
export type ReplyEnvelope = z.infer<typeof replyEnvelopeSchema>;

/** Most rows a position list may hold: v1 has a row per symbol and side (≈ 2 × 700 on mainnet). */
export const MAX_POSITION_ROWS = 10_000;

/**
 * v1 `account.position` result, row by row (rows.ts): one row per symbol and side, zero rows
 * included. Rows that fail the check are dropped and counted, the rest is used.
 */
export function readAccountPositionRows(result: unknown): RowsRead<ExchangePosition> {
  return readRows(result, exchangePositionSchema, 'account.position', MAX_POSITION_ROWS);
}

/** The well-formed rows of a v1 `account.position` result (malformed ones dropped). */
export function parseAccountPositionResult(result: unknown): ExchangePosition[] {
  return readAccountPositionRows(result).rows;
}

/**
 * One row of `v2/account.position` (PROTOCOL §4): the v1 fields without `leverage`, `marginType`,
 * `maxNotionalValue` and `isAutoAddMargin`, plus margin figures. Only symbols with a position or
 * open orders are listed.
 */
export const v2PositionSchema = positionCoreSchema.extend({
  marginAsset: z.string().max(20).optional(),
  positionInitialMargin: decimalStringSchema.optional(),
  // The ADL quantile 0–4 (PROTOCOL §4). Read tolerantly: an odd value is "unknown", never a lost row.
  adl: z.number().int().min(0).max(4).optional().catch(undefined),
});
export type V2Position = z.infer<typeof v2PositionSchema>;

/** `v2/account.position` result, row by row. */
export function readV2PositionRows(result: unknown): RowsRead<V2Position> {
  return readRows(result, v2PositionSchema, 'v2/account.position', MAX_POSITION_ROWS);
}

/**
 * One entry of signed REST `GET /fapi/v1/symbolConfig` (PROTOCOL §5): what v2 positions lack. Margin
 * type is `CROSSED`/`ISOLATED` here, `cross`/`isolated` in positions (PROTOCOL §0.7).
 */
export const symbolConfigSchema = z.object({
  symbol: symbolNameSchema,
  marginType: z.enum(['CROSSED', 'ISOLATED']),
  isAutoAddMargin: z.boolean(),
  leverage: z.number().int().min(1).max(200),
  maxNotionalValue: z.union([decimalStringSchema, z.number().nonnegative().max(1e15)]),
});
export type SymbolConfig = z.infer<typeof symbolConfigSchema>;

/** One notional bracket of `GET /fapi/v1/leverageBracket` (PROTOCOL §10). */
export const bracketSchema = z.object({
  notionalFloor: z.number().nonnegative(),
  notionalCap: z.number().positive(),
  maintMarginRatio: z.number().min(0).max(1),
  cum: z.number().nonnegative(),
});
/** The wire type of a bracket; the position engine computes maintenance margin from it. */
export type Bracket = z.infer<typeof bracketSchema>;

/** One symbol's entry of `GET /fapi/v1/leverageBracket`. */
export const leverageBracketEntrySchema = z.object({
  symbol: symbolNameSchema,
  brackets: z.array(bracketSchema).min(1).max(50),
});

/** A mark price tick, reduced to what the engine uses. */
export interface MarkTick {
  symbol: string;
  markPrice: string;
  /** Exchange event time (ms). */
  eventTime: number;
  /** The current funding rate (`r`) as sent; undefined when the frame carries none (or an unreadable one). */
  fundingRate?: string | undefined;
  /** The next funding time (`T`, exchange ms); undefined when the frame carries none (or 0). */
  nextFundingTime?: number | undefined;
}

/**
 * `-?\d{1,30}(\.\d{1,30})?`, checked by hand: it runs on every mark frame, and the equivalent regular
 * expression costs ~20 ns more per frame (bench/PROFILE-HISTORY.md). Symbol names: `isSymbolName` (shared/symbols.ts).
 */
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57; // 0-9
}

/** The end of the run of digits starting at `from`. */
function digitsEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}

function isDecimal(text: string): boolean {
  const start = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const wholeEnd = digitsEnd(text, start);
  if (wholeEnd === start || wholeEnd - start > 30) return false;
  if (wholeEnd === text.length) return true;
  if (text.charCodeAt(wholeEnd) !== 46) return false; // '.'
  const fractionEnd = digitsEnd(text, wholeEnd + 1);
  const fraction = fractionEnd - wholeEnd - 1;
  return fractionEnd === text.length && fraction >= 1 && fraction <= 30;
}

/**
 * Reads a `markPriceUpdate` payload (PROTOCOL §7) or returns null when it is not one. Hand-written
 * because it runs for every frame on the hot path; it checks exactly the fields the engine uses.
 */
export function readMarkTick(data: unknown): MarkTick | null {
  if (typeof data !== 'object' || data === null) return null;
  const frame = data as Record<string, unknown>;
  return markTickOf(frame.e, frame.E, frame.s, frame.p, frame.r, frame.T);
}

/**
 * The checks of a `markPriceUpdate`'s fields, wherever they were read from (a parsed object here,
 * the frame's bytes in mark-frame.ts): the tick, or null when the fields do not make one.
 */
export function markTickOf(e: unknown, E: unknown, s: unknown, p: unknown, r: unknown, T: unknown): MarkTick | null {
  if (e !== 'markPriceUpdate') return null;
  if (typeof s !== 'string' || !isSymbolName(s)) return null;
  if (typeof p !== 'string' || !isDecimal(p)) return null;
  if (typeof E !== 'number' || !Number.isSafeInteger(E) || E < 0) return null;
  // Funding is optional: a frame without it (a quarterly sends `r: ""`, `T: 0`) still gives its mark.
  const fundingRate = typeof r === 'string' && isDecimal(r) ? r : undefined;
  const nextFundingTime = typeof T === 'number' && Number.isSafeInteger(T) && T > 0 ? T : undefined;
  // Both properties always set, in this order, so every tick has one object shape (bench/PROFILE-HISTORY.md: P1).
  return { symbol: s, markPrice: p, eventTime: E, fundingRate, nextFundingTime };
}

/** The market stream's control replies: `{"result":…,"id":…}` or `{"error":{code,msg},"id":…}`. */
export const streamControlReplySchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().max(64)]),
  result: z.unknown().optional(),
  error: z.object({ code: z.number().int(), msg: z.string().max(1000) }).optional(),
});

/** REST `GET /fapi/v1/time`. */
export const serverTimeSchema = z.object({ serverTime: z.number().int().positive() });

const filterSchema = z.looseObject({ filterType: z.string().max(40) });

/** One `symbols[]` entry of REST `GET /fapi/v1/exchangeInfo`, the parts we use. */
export const exchangeInfoEntrySchema = z.object({
  symbol: symbolNameSchema,
  status: z.string().max(40),
  contractType: z.string().max(40),
  baseAsset: z.string().max(20),
  quoteAsset: z.string().max(20),
  // Absent on some listings' older payloads: the quote asset margins a linear contract.
  marginAsset: z.string().max(20).optional(),
  filters: z.array(filterSchema).max(40),
});
export type ExchangeInfoEntry = z.infer<typeof exchangeInfoEntrySchema>;


/**
 * REST `GET /fapi/v1/exchangeInfo`: the envelope. `symbols[]` entries are read one by one (their
 * bound is MAX_LISTED_SYMBOLS, checked by readRows); `rateLimits` is read by
 * requestWeightLimit, tolerantly: it only feeds the usage display and must not cost the symbol list.
 */
export const exchangeInfoSchema = z.object({
  symbols: z.array(z.unknown()),
  rateLimits: z.unknown().optional(),
});
export type ExchangeInfo = z.infer<typeof exchangeInfoSchema>;

const rateLimitEntrySchema = z.looseObject({ rateLimitType: z.string().max(40), limit: z.number().int().positive() });
/** The exchange lists three rate limits; entries past this many are not looked at. */
const MAX_RATE_LIMIT_ENTRIES = 20;

/** The REQUEST_WEIGHT limit of exchangeInfo's `rateLimits`, or null; unreadable entries are skipped. */
export function requestWeightLimit(rateLimits: unknown): number | null {
  if (!Array.isArray(rateLimits)) return null;
  for (const entry of rateLimits.slice(0, MAX_RATE_LIMIT_ENTRIES)) {
    const parsed = rateLimitEntrySchema.safeParse(entry);
    if (parsed.success && parsed.data.rateLimitType === 'REQUEST_WEIGHT') return parsed.data.limit;
  }
  return null;
}

/** Reads a decimal field of an exchangeInfo filter, or null. */
export function filterDecimal(
  filters: ReadonlyArray<Record<string, unknown>>,
  filterType: string,
  field: string,
): string | null {
  const filter = filters.find((f) => f.filterType === filterType);
  const value = filter?.[field];
  return typeof value === 'string' && decimalStringSchema.safeParse(value).success ? value : null;
}
