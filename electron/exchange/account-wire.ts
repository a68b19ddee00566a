/**
 * Shapes of the account replies besides positions (PROTOCOL §5), checked before anything uses them:
 * `account.status` v1/v2, `GET /fapi/v1/accountConfig`, `income`, `adlQuantile` and `fundingInfo`.
 * Decimals stay the exchange's strings. Lists are read row by row (rows.ts) by the readers in
 * account-replies.ts; these schemas check one row, or one reply's fixed part, each.
 */
import { z } from 'zod';
import { decimalStringSchema } from '../../shared/decimal-schema';
import { positionSideSchema } from '../../shared/position';
import { symbolNameSchema } from '../../shared/symbols';

/** An asset name as the exchange lists it (`USDT`, `BNFCR`…): short, letters and digits. */
const assetNameSchema = z.string().regex(/^[\p{L}\p{N}]{1,20}$/u, 'an asset name');
const timeSchema = z.number().int().nonnegative();

/** The totals every `account.status` version carries (USDT single-asset, USD Multi-Assets). */
export const accountTotalsSchema = z.object({
  totalWalletBalance: decimalStringSchema,
  totalUnrealizedProfit: decimalStringSchema,
  totalMarginBalance: decimalStringSchema,
  totalMaintMargin: decimalStringSchema,
  totalInitialMargin: decimalStringSchema,
  totalPositionInitialMargin: decimalStringSchema,
  totalOpenOrderInitialMargin: decimalStringSchema,
  totalCrossWalletBalance: decimalStringSchema,
  totalCrossUnPnl: decimalStringSchema,
  availableBalance: decimalStringSchema,
  maxWithdrawAmount: decimalStringSchema,
});

/** One `assets[]` entry (v1 and v2 alike; v1's `marginAvailable` is not read). */
export const accountAssetSchema = z.object({
  asset: assetNameSchema,
  walletBalance: decimalStringSchema,
  unrealizedProfit: decimalStringSchema,
  marginBalance: decimalStringSchema,
  maintMargin: decimalStringSchema,
  initialMargin: decimalStringSchema,
  positionInitialMargin: decimalStringSchema,
  openOrderInitialMargin: decimalStringSchema,
  crossWalletBalance: decimalStringSchema,
  crossUnPnl: decimalStringSchema,
  availableBalance: decimalStringSchema,
  maxWithdrawAmount: decimalStringSchema,
  updateTime: timeSchema,
});

/** One `positions[]` entry of `v2/account.status` (v1's entries lack notional and the isolated wallet). */
export const accountStatusPositionSchema = z.object({
  symbol: symbolNameSchema,
  positionSide: positionSideSchema,
  positionAmt: decimalStringSchema,
  unrealizedProfit: decimalStringSchema,
  isolatedMargin: decimalStringSchema,
  notional: decimalStringSchema,
  isolatedWallet: decimalStringSchema,
  initialMargin: decimalStringSchema,
  maintMargin: decimalStringSchema,
  updateTime: timeSchema,
});

/** The envelope of an `account.status` result: an object whose lists are read row by row. */
export const accountStatusEnvelopeSchema = z.looseObject({
  assets: z.unknown(),
  positions: z.unknown().optional(),
});

/** `GET /fapi/v1/accountConfig`: the two modes PerpDesk needs (the rest of the reply is not read). */
export const accountConfigSchema = z.object({
  multiAssetsMargin: z.boolean(),
  dualSidePosition: z.boolean(),
});

/** One row of `GET /fapi/v1/income`; PerpDesk asks for `FUNDING_FEE` only. */
export const incomeRowSchema = z.object({
  symbol: symbolNameSchema,
  incomeType: z.string().max(40),
  income: decimalStringSchema,
  asset: assetNameSchema,
  time: timeSchema,
  tranId: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

const quantileSchema = z.number().int().min(0).max(4).optional();

/**
 * One entry of `GET /fapi/v1/adlQuantile`: `LONG`, `SHORT` and, one-way or isolated hedge, `BOTH`;
 * cross hedge symbols carry `HEDGE` (a sign with value 0, not a quantile), which is not read.
 */
export const adlQuantileEntrySchema = z.object({
  symbol: symbolNameSchema,
  adlQuantile: z.object({ LONG: quantileSchema, SHORT: quantileSchema, BOTH: quantileSchema }),
});

/** One entry of `GET /fapi/v1/fundingInfo` (only symbols whose interval, cap or floor was adjusted). */
export const fundingInfoEntrySchema = z.object({
  symbol: symbolNameSchema,
  fundingIntervalHours: z.number().int().min(1).max(24),
});
