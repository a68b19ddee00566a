/**
 * Account figures and funding/ADL fields for the fake API (dashboard-fake-api.ts), with values like
 * a real USDⓈ-M account's: the figures main would compute, written out so each spec knows exactly
 * what the window must show.
 */
import type { AccountFigures, AccountView } from '../../shared/account';
import type { PositionRow } from '../../shared/position';

export function accountFigures(currency: string, extra: Partial<AccountFigures> = {}): AccountFigures {
  return {
    currency,
    walletBalance: 25_412.87,
    unrealizedProfit: 318.42,
    marginBalance: 25_731.29,
    maintMargin: 1_883.12,
    initialMargin: 7_604.55,
    availableBalance: 18_126.74,
    marginRatioPct: 7.32,
    ...extra,
  };
}

/** A single-asset (USDT) account: cross part and whole account (isolated positions included). */
export function singleAssetAccount(at: number, cross: Partial<AccountFigures> = {}): AccountView {
  return {
    multiAssets: false,
    cross: accountFigures('USDT', cross),
    total: accountFigures('USDT', {
      walletBalance: 27_012.87,
      unrealizedProfit: 295.1,
      marginBalance: 27_307.97,
      maintMargin: 2_015.4,
      initialMargin: 9_204.55,
      availableBalance: 18_126.74,
      marginRatioPct: 7.38,
    }),
    assets: [accountFigures('USDT')],
    readAt: at - 4_000,
    updatedAt: at,
  };
}

/** A Multi-Assets account: USD totals, USDT and USDC each in its own currency. */
export function multiAssetsAccount(at: number): AccountView {
  return {
    multiAssets: true,
    cross: accountFigures('USD', { walletBalance: 30_402.11, marginBalance: 30_655.9, unrealizedProfit: 253.79, marginRatioPct: 5.12 }),
    total: accountFigures('USD', { walletBalance: 30_402.11, marginBalance: 30_655.9, unrealizedProfit: 253.79, marginRatioPct: 5.12 }),
    assets: [
      accountFigures('USDT', { walletBalance: 20_401.5, unrealizedProfit: 301.2, marginBalance: 20_702.7, marginRatioPct: 6.1 }),
      accountFigures('USDC', { walletBalance: 10_000.61, unrealizedProfit: -47.41, marginBalance: 9_953.2, maintMargin: 120.04, initialMargin: 980, availableBalance: 8_973.2, marginRatioPct: 1.21 }),
    ],
    readAt: at - 2_000,
    updatedAt: at,
  };
}

export interface FundingSpec {
  rate: number;
  next: number;
  intervalHours: number;
  estimated: number;
  adl: number | null;
  today?: number | null;
}

/** The row with main's funding and ADL fields filled in. */
export function withFunding(row: PositionRow, spec: FundingSpec): PositionRow {
  return {
    ...row,
    derived: {
      ...row.derived,
      fundingRate: spec.rate,
      nextFundingTime: spec.next,
      fundingIntervalHours: spec.intervalHours,
      estimatedFunding: spec.estimated,
    },
    adl: spec.adl,
    fundingToday: spec.today ?? null,
  };
}
