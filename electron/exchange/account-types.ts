/**
 * What the client reads about the account besides positions, as the engine receives it: the
 * exchange's decimal strings as sent, each row already checked on its own (rows.ts), so one odd
 * asset or income row never loses the rest. The readers live with the client (account-reads.ts);
 * these shapes are the contract between the client and the engine.
 */
import type { ExchangePosition } from '../../shared/position';

/** The totals of `v2/account.status` (PROTOCOL §5): USDT in single-asset mode, USD across assets in Multi-Assets mode. */
export interface AccountTotalsRead {
  totalWalletBalance: string;
  totalUnrealizedProfit: string;
  totalMarginBalance: string;
  totalMaintMargin: string;
  totalInitialMargin: string;
  totalPositionInitialMargin: string;
  totalOpenOrderInitialMargin: string;
  totalCrossWalletBalance: string;
  totalCrossUnPnl: string;
  availableBalance: string;
  maxWithdrawAmount: string;
}

/** One `assets[]` entry of `v2/account.status`, in its own asset. */
export interface AccountAssetRead {
  asset: string;
  walletBalance: string;
  unrealizedProfit: string;
  marginBalance: string;
  maintMargin: string;
  initialMargin: string;
  positionInitialMargin: string;
  openOrderInitialMargin: string;
  crossWalletBalance: string;
  crossUnPnl: string;
  availableBalance: string;
  maxWithdrawAmount: string;
  updateTime: number;
}

/** One `positions[]` entry of `v2/account.status` (only symbols with a position or open orders). */
export interface AccountPositionRead {
  symbol: string;
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  positionAmt: string;
  unrealizedProfit: string;
  isolatedMargin: string;
  notional: string;
  isolatedWallet: string;
  initialMargin: string;
  maintMargin: string;
  updateTime: number;
}

/** A `v2/account.status` reply, read row by row. */
export interface AccountStatusRead {
  totals: AccountTotalsRead;
  assets: AccountAssetRead[];
  positions: AccountPositionRead[];
  /**
   * Which method answered (added for issue 13): `account.status` (v1) only when the exchange refused
   * v2 as unknown; v1's positions lack notional and isolated wallet, so `positions` is then empty.
   */
  method?: 'v2/account.status' | 'account.status';
}

/** The part of `GET /fapi/v1/accountConfig` PerpDesk reads (v2/account.status no longer says the mode). */
export interface AccountConfigRead {
  multiAssetsMargin: boolean;
  dualSidePosition: boolean;
}

/** One `FUNDING_FEE` row of `GET /fapi/v1/income`: positive received, negative paid, in `asset`. */
export interface FundingIncomeRead {
  symbol: string;
  asset: string;
  income: string;
  /** Exchange ms. */
  time: number;
  tranId: number;
}

/** ADL quantiles 0–4 by position key (`${symbol}:${positionSide}`), from `GET /fapi/v1/adlQuantile`. */
export type AdlQuantiles = ReadonlyMap<string, number>;

/** Hours between fundings by symbol, from `GET /fapi/v1/fundingInfo` (it lists only adjusted symbols; others are 8). */
export type FundingIntervals = ReadonlyMap<string, number>;

/**
 * A position row as `fetchPositions` returns it: v1-shaped whichever method answered, plus what only
 * `v2/account.position` carries (added for issue 13): the ADL quantile 0–4 and the row's margin asset.
 * Both are absent on v1 rows (ADL then comes from `adlQuantiles()`, the asset from the listing).
 */
export type ReadPosition = ExchangePosition & { adl?: number; marginAsset?: string };
