import { z } from 'zod';
import { accountViewSchema } from './account';
import { decimalStringSchema } from './decimal-schema';
import { symbolNameSchema } from './symbols';

// --- The exchange's own figures -----------------------------------------------------------------

export const positionSideSchema = z.enum(['BOTH', 'LONG', 'SHORT']);
export type PositionSide = z.infer<typeof positionSideSchema>;

export const marginTypeSchema = z.enum(['isolated', 'cross']);
export type MarginType = z.infer<typeof marginTypeSchema>;

/**
 * One row of the v1 `account.position` reply, strings exactly as the exchange sent them
 * (PROTOCOL §4). v1 is used because only it carries leverage and margin type.
 */
export const exchangePositionSchema = z.object({
  symbol: symbolNameSchema,
  positionSide: positionSideSchema,
  positionAmt: decimalStringSchema,
  entryPrice: decimalStringSchema,
  breakEvenPrice: decimalStringSchema,
  markPrice: decimalStringSchema,
  unRealizedProfit: decimalStringSchema,
  liquidationPrice: decimalStringSchema,
  leverage: z.string().regex(/^\d{1,3}$/),
  maxNotionalValue: decimalStringSchema,
  marginType: marginTypeSchema,
  isolatedMargin: decimalStringSchema,
  isAutoAddMargin: z.enum(['true', 'false']),
  notional: decimalStringSchema,
  isolatedWallet: decimalStringSchema,
  updateTime: z.number().int().nonnegative(),
});
export type ExchangePosition = z.infer<typeof exchangePositionSchema>;

/**
 * The fields both `account.position` versions carry. `v2/account.position` dropped `leverage`,
 * `marginType`, `maxNotionalValue` and `isAutoAddMargin` (they come from symbolConfig; PROTOCOL §4).
 */
export const positionCoreSchema = exchangePositionSchema.omit({
  leverage: true,
  marginType: true,
  maxNotionalValue: true,
  isAutoAddMargin: true,
});
export type PositionCore = z.infer<typeof positionCoreSchema>;

const EXCHANGE_FIELDS = Object.keys(exchangePositionSchema.shape) as Array<keyof ExchangePosition>;
const CORE_FIELDS = Object.keys(positionCoreSchema.shape) as Array<keyof PositionCore>;

/** Copies exactly the named fields, in that order (a row may carry more: main's additions, v2 extras). */
function copyFields<T>(row: T, names: ReadonlyArray<keyof T>): T {
  const fields: Partial<T> = {};
  for (const name of names) fields[name] = row[name];
  return fields as T;
}

/** Exactly the exchange's v1 fields of a row (a PositionRow also carries what main added). */
export function exchangeFields(row: ExchangePosition): ExchangePosition {
  return copyFields(row, EXCHANGE_FIELDS);
}

/** Exactly the fields v1 and v2 rows share (a v2 row also carries its margin figures). */
export function positionCoreFields(row: PositionCore): PositionCore {
  return copyFields(row, CORE_FIELDS);
}

// --- What main adds -----------------------------------------------------------------------------

/**
 * Figures main computes from the exchange's values and the live mark price (electron/positions/
 * derive.ts is the only place that computes them). Numbers, because they are results of arithmetic;
 * `markPrice` stays the exchange's string.
 */
export const derivedSchema = z.object({
  /** The newest mark price known for the symbol: from the mark stream, else from the snapshot. */
  markPrice: decimalStringSchema,
  /** Exchange event time of that mark (ms). */
  markTime: z.number().int().nonnegative(),
  unrealizedPnl: z.number(),
  /** Signed: positive long, negative short. */
  notional: z.number(),
  /** Return on the position's initial margin at the mark, in percent; null when leverage is unknown. */
  roePct: z.number().nullable(),
  /** The position's margin: isolated wallet + uPnL when isolated, |notional| / leverage when cross. */
  margin: z.number(),
  /** Maintenance margin at the mark from the symbol's brackets; null until brackets are known. */
  maintMargin: z.number().nullable(),
  /** Maintenance margin / margin, in percent (isolated positions; null where the data does not allow). */
  marginRatioPct: z.number().nullable(),
  /** How far the mark may move against the position before liquidation, in percent of the mark;
   * null when the exchange reports no liquidation price. Zero or less: at or past liquidation. */
  liquidationDistancePct: z.number().nullable(),
  /** The same distance in price units (quote currency per coin). */
  liquidationDistance: z.number().nullable(),
  /** The symbol's current funding rate (`r` of the mark stream, e.g. 0.0001 = 0.01 %); null before one is known. */
  fundingRate: z.number().nullable(),
  /** When the next funding happens (`T` of the mark stream, exchange ms); null before one is known. */
  nextFundingTime: z.number().int().nonnegative().nullable(),
  /** Hours between fundings for the symbol (1, 4 or 8: `GET /fapi/v1/fundingInfo`, 8 when unlisted). */
  fundingIntervalHours: z.number().positive().nullable(),
  /**
   * The next funding payment at the current mark and rate, in the margin asset: positive when this
   * position receives it, negative when it pays (longs pay shorts when the rate is positive).
   */
  estimatedFunding: z.number().nullable(),
});
export type Derived = z.infer<typeof derivedSchema>;

/** A position as the UI sees it: the exchange's row, what main derived, and how fresh it is. */
export const positionRowSchema = exchangePositionSchema.extend({
  /** `${symbol}:${positionSide}`: the identity of a position (one-way BOTH, or a hedge leg). */
  key: z.string().max(48),
  derived: derivedSchema,
  /** When main received the snapshot that last changed this row (local ms). */
  snapshotAt: z.number().int().nonnegative(),
  /** When main received the newest mark tick for this row (local ms); null before the first tick. */
  markAt: z.number().int().nonnegative().nullable(),
  /**
   * True from an ACCOUNT_UPDATE that opened, resized or flipped the position (or changed its margin)
   * until the snapshot that follows: the stream carries no liquidation price (PROTOCOL §6), so
   * `liquidationPrice` is the stale one meanwhile — show it as updating, and compute no distance or
   * alert from it (`derived.liquidationDistance*` are null). Optional for rows made outside main.
   */
  liquidationPending: z.boolean().optional(),
  /**
   * Auto-deleveraging quantile 0–4 as the exchange shows it (`adl` of `v2/account.position`, or
   * `GET /fapi/v1/adlQuantile`); null or absent while unknown.
   */
  adl: z.number().int().min(0).max(4).nullable().optional(),
  /**
   * Funding received (+) or paid (−) on the symbol since 00:00 UTC today, in the margin asset
   * (income history). Income is booked per symbol, so both hedge legs carry the same figure; null
   * or absent while unknown.
   */
  fundingToday: z.number().nullable().optional(),
});
export type PositionRow = z.infer<typeof positionRowSchema>;

export function positionKey(symbol: string, positionSide: PositionSide): string {
  return `${symbol}:${positionSide}`;
}

/** One-way accounts have only BOTH rows; hedge accounts only LONG/SHORT (PROTOCOL §5). */
export const positionModeSchema = z.enum(['oneway', 'hedge', 'unknown']);
export type PositionMode = z.infer<typeof positionModeSchema>;

/** The live mark of the selected symbol, shown even when it has no position. */
export const symbolMarkSchema = z.object({
  symbol: symbolNameSchema,
  markPrice: decimalStringSchema,
  markTime: z.number().int().nonnegative(),
});
export type SymbolMark = z.infer<typeof symbolMarkSchema>;

/** The two legs of a hedge-mode symbol seen as one position. */
export const hedgeNetSchema = z.object({
  symbol: symbolNameSchema,
  /** LONG amount + SHORT amount (SHORT is negative). */
  netAmount: z.number(),
  netUnrealizedPnl: z.number(),
  netNotional: z.number(),
  /** The symbol's funding since 00:00 UTC (see PositionRow.fundingToday); absent while unknown. */
  fundingToday: z.number().nullable().optional(),
});
export type HedgeNet = z.infer<typeof hedgeNetSchema>;

/** Totals of the rows in view margined in one asset (USDT, USDC, …): figures in that currency. */
export const assetTotalsSchema = z.object({
  /** The margin asset (the symbol's `marginAsset`), which is the currency of the figures. */
  asset: z.string().min(1).max(20),
  positions: z.number().int().nonnegative(),
  unrealizedPnl: z.number(),
  /** Sum of |notional|. */
  notional: z.number(),
});
export type AssetTotals = z.infer<typeof assetTotalsSchema>;

/** Totals over the rows in view. */
export const positionsSummarySchema = z.object({
  positions: z.number().int().nonnegative(),
  /**
   * The uPnL and |notional| sums when every row in view is margined in one asset (`byAsset` has at
   * most one entry); null under Multi-Assets with several, because USDC is not USDT (PROTOCOL §13.9).
   */
  unrealizedPnl: z.number().nullable(),
  notional: z.number().nullable(),
  /** The totals per margin asset, sorted by asset; optional for summaries made outside main. */
  byAsset: z.array(assetTotalsSchema).max(50).optional(),
  /** The smallest distance to liquidation in view, and whose it is. */
  worstLiquidationDistancePct: z.number().nullable(),
  worstKey: z.string().max(48).nullable(),
});
export type PositionsSummary = z.infer<typeof positionsSummarySchema>;

/** Everything the positions table shows. `version` grows by one with every change. */
export const positionsViewSchema = z.object({
  version: z.number().int().nonnegative(),
  selectedSymbol: symbolNameSchema.nullable(),
  mode: positionModeSchema,
  /** Open positions (non-zero amount), only the selected symbol's when one is selected. */
  rows: z.array(positionRowSchema),
  selectedMark: symbolMarkSchema.nullable(),
  /** When main received the last snapshot of the whole account (local ms); null before the first. */
  snapshotAt: z.number().int().nonnegative().nullable(),
  /** Every symbol with an open position, whatever is selected (the dropdown lists them first). */
  openSymbols: z.array(symbolNameSchema).max(2_000),
  /** Net figures per hedge-mode symbol in view (one-way accounts: empty). */
  hedgeNets: z.array(hedgeNetSchema).max(2_000),
  summary: positionsSummarySchema,
  /** The account's balances and margin ratios (shared/account.ts); null before the first account read. */
  account: accountViewSchema.nullable(),
});
export type PositionsView = z.infer<typeof positionsViewSchema>;
