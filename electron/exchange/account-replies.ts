/**
 * Reads the account replies (shapes in account-wire.ts) into the contract types (account-types.ts).
 * A reply's fixed part — the totals of `account.status`, the modes of `accountConfig` — is required:
 * without it the reply says nothing, and the error names the field. Lists (assets, positions, income,
 * ADL, funding intervals) are read row by row: an odd row is dropped and counted, the rest is used.
 */
import type {
  AccountConfigRead,
  AccountStatusRead,
  AdlQuantiles,
  FundingIncomeRead,
  FundingIntervals,
} from './account-types';
import {
  accountAssetSchema,
  accountConfigSchema,
  accountStatusEnvelopeSchema,
  accountStatusPositionSchema,
  accountTotalsSchema,
  adlQuantileEntrySchema,
  fundingInfoEntrySchema,
  incomeRowSchema,
} from './account-wire';
import { linkError } from './errors';
import { addDrops, NO_DROPS, readRows, type RowDrops } from './rows';

/** Binance lists a few dozen margin assets; far more is not an asset list. */
const MAX_ASSET_ROWS = 200;
/** v2 lists symbols with a position or open orders; v1 every symbol on every side (≈ 2 × 700). */
const MAX_STATUS_POSITION_ROWS = 10_000;
/** `limit` is at most 1000 on the income endpoint. */
export const MAX_INCOME_ROWS = 1_000;
const MAX_SYMBOL_ROWS = 5_000;

export type AccountStatusMethod = 'v2/account.status' | 'account.status';

/** A reply read row by row, with what was dropped. */
export interface Dropping<T> {
  read: T;
  dropped: RowDrops;
}

/** The first failing field of a fixed part, for the error message (a name, never a value). */
function firstField(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): string {
  const path = issues[0]?.path ?? [];
  return path.length === 0 ? 'the reply itself' : path.map(String).join('.');
}

/**
 * An `account.status` result (v2, or v1 as a fallback): totals required, `assets[]` row by row and,
 * on v2, `positions[]` row by row. v1's positions list every symbol without notional or isolated
 * wallet, so on v1 `positions` is empty (the positions reader carries those figures).
 */
export function readAccountStatus(result: unknown, method: AccountStatusMethod): Dropping<AccountStatusRead> {
  const envelope = accountStatusEnvelopeSchema.safeParse(result);
  if (!envelope.success) throw linkError(`The exchange sent a malformed ${method} reply (not an object).`);
  const totals = accountTotalsSchema.safeParse(result);
  if (!totals.success) {
    throw linkError(`The exchange's ${method} reply has no readable totals (field ${firstField(totals.error.issues)}): the account figures were not updated.`);
  }
  const assets = readRows(envelope.data.assets, accountAssetSchema, `${method} assets`, MAX_ASSET_ROWS);
  const positions =
    method === 'v2/account.status'
      ? readRows(envelope.data.positions ?? [], accountStatusPositionSchema, `${method} positions`, MAX_STATUS_POSITION_ROWS)
      : { rows: [], dropped: NO_DROPS };
  return {
    read: { totals: totals.data, assets: assets.rows, positions: positions.rows, method },
    dropped: addDrops(assets.dropped, positions.dropped),
  };
}

/** `GET /fapi/v1/accountConfig`: both modes required. */
export function readAccountConfig(result: unknown): AccountConfigRead {
  const parsed = accountConfigSchema.safeParse(result);
  if (!parsed.success) {
    throw linkError(`/fapi/v1/accountConfig sent an unreadable reply (field ${firstField(parsed.error.issues)}).`);
  }
  return { multiAssetsMargin: parsed.data.multiAssetsMargin, dualSidePosition: parsed.data.dualSidePosition };
}

/** One page of `GET /fapi/v1/income`, row by row; rows of another type than FUNDING_FEE are left out. */
export function readFundingIncomePage(result: unknown): { rows: FundingIncomeRead[]; received: number; dropped: RowDrops } {
  const page = readRows(result, incomeRowSchema, 'income', MAX_INCOME_ROWS);
  const rows = page.rows
    .filter((row) => row.incomeType === 'FUNDING_FEE')
    .map(({ symbol, asset, income, time, tranId }): FundingIncomeRead => ({ symbol, asset, income, time, tranId }));
  // `received` counts every row the page held (read or not): a full page means more may follow.
  return { rows, received: Array.isArray(result) ? result.length : 0, dropped: page.dropped };
}

/**
 * `GET /fapi/v1/adlQuantile`, entry by entry, keyed `${symbol}:${side}`: every side the entry lists
 * (`BOTH` one-way or isolated hedge; `LONG`, `SHORT` hedge). The engine uses the keys its rows have.
 */
export function readAdlQuantiles(result: unknown): Dropping<AdlQuantiles> {
  const entries = readRows(result, adlQuantileEntrySchema, 'adlQuantile', MAX_SYMBOL_ROWS);
  const quantiles = new Map<string, number>();
  for (const { symbol, adlQuantile } of entries.rows) {
    for (const side of ['BOTH', 'LONG', 'SHORT'] as const) {
      const value = adlQuantile[side];
      if (value !== undefined) quantiles.set(`${symbol}:${side}`, value);
    }
  }
  return { read: quantiles, dropped: entries.dropped };
}

/** Hours between fundings of a symbol `fundingInfo` does not list (the exchange's default). */
export const DEFAULT_FUNDING_INTERVAL_HOURS = 8;

/** `GET /fapi/v1/fundingInfo`, entry by entry: hours by symbol (unlisted symbols are 8 h). */
export function readFundingInfo(result: unknown): Dropping<FundingIntervals> {
  const entries = readRows(result, fundingInfoEntrySchema, 'fundingInfo', MAX_SYMBOL_ROWS);
  return { read: new Map(entries.rows.map((entry) => [entry.symbol, entry.fundingIntervalHours])), dropped: entries.dropped };
}

/** A symbol's hours between fundings: its `fundingInfo` entry, else the default 8. */
export function fundingIntervalHours(intervals: FundingIntervals, symbol: string): number {
  return intervals.get(symbol) ?? DEFAULT_FUNDING_INTERVAL_HOURS;
}
