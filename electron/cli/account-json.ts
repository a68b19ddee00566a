/**
 * The account block the CLI prints: `snapshot --json` / `watch --json` carry it as `account`, the
 * table as one summary line. Figures keep the names the exchange gives them in `v2/account.status`
 * (`totalWalletBalance`, `totalMaintMargin`, …; per asset `walletBalance`, `maintMargin`, …) so a
 * script written against the exchange reads them the same way; the margin ratios, which the
 * exchange only shows on its website, are named for what they are. The figures are main's live
 * ones (electron/positions/derive-account.ts): the last account read moved by the mark since.
 */
import { formatBalance, formatRatioPercent } from '../../shared/format';
import type { AccountFigures, AccountView } from '../../shared/account';

export interface AccountAssetJson {
  asset: string;
  walletBalance: number;
  unrealizedProfit: number;
  marginBalance: number;
  maintMargin: number;
  initialMargin: number;
  availableBalance: number;
  /** maintMargin ÷ marginBalance × 100; null when nothing is at stake. */
  marginRatioPct: number | null;
}

export interface AccountJson {
  /** Multi-Assets mode: the totals are in USD across assets. */
  multiAssetsMargin: boolean;
  /** The currency of the totals: USDT, or USD under Multi-Assets. */
  currency: string;
  totalWalletBalance: number;
  totalUnrealizedProfit: number;
  totalMarginBalance: number;
  totalMaintMargin: number;
  totalInitialMargin: number;
  availableBalance: number;
  /** Whole account: totalMaintMargin ÷ totalMarginBalance × 100. */
  accountMarginRatioPct: number | null;
  totalCrossWalletBalance: number;
  totalCrossUnPnl: number;
  /** The cross part: cross maintenance margin ÷ (cross wallet + cross uPnL) × 100, the ratio the
   * exchange liquidates cross positions by (liquidation at 100). */
  crossMarginRatioPct: number | null;
  crossMaintMargin: number;
  assets: AccountAssetJson[];
  /** Local time (ms) of the last account read, and its age at the document's time. */
  readAt: number;
  readAgeMs: number;
  /** Local time (ms) the figures last moved (a read, a balance event or a mark tick). */
  updatedAt: number;
}

function assetJson(figures: AccountFigures): AccountAssetJson {
  return {
    asset: figures.currency,
    walletBalance: figures.walletBalance,
    unrealizedProfit: figures.unrealizedProfit,
    marginBalance: figures.marginBalance,
    maintMargin: figures.maintMargin,
    initialMargin: figures.initialMargin,
    availableBalance: figures.availableBalance,
    marginRatioPct: figures.marginRatioPct,
  };
}

/** The account block of a document at local time `now`; null before the first account read. */
export function accountJson(account: AccountView | null, now: number): AccountJson | null {
  if (account === null) return null;
  const { total, cross } = account;
  return {
    multiAssetsMargin: account.multiAssets,
    currency: total.currency,
    totalWalletBalance: total.walletBalance,
    totalUnrealizedProfit: total.unrealizedProfit,
    totalMarginBalance: total.marginBalance,
    totalMaintMargin: total.maintMargin,
    totalInitialMargin: total.initialMargin,
    availableBalance: total.availableBalance,
    accountMarginRatioPct: total.marginRatioPct,
    totalCrossWalletBalance: cross.walletBalance,
    totalCrossUnPnl: cross.unrealizedProfit,
    crossMarginRatioPct: cross.marginRatioPct,
    crossMaintMargin: cross.maintMargin,
    assets: account.assets.map(assetJson),
    readAt: account.readAt,
    readAgeMs: Math.max(0, now - account.readAt),
    updatedAt: account.updatedAt,
  };
}

/**
 * The table's one-line account summary: the cross margin ratio first (it decides liquidation of
 * cross positions), then the balances in the totals' currency; Multi-Assets adds each asset's
 * margin balance in its own currency (never summed into another).
 */
export function accountSummaryLine(account: AccountView): string {
  const { total, cross } = account;
  const parts = [
    `Account (${total.currency}${account.multiAssets ? ', Multi-Assets' : ''})`,
    `margin ratio ${formatRatioPercent(cross.marginRatioPct)} cross / ${formatRatioPercent(total.marginRatioPct)} total`,
    `margin balance ${formatBalance(total.marginBalance)}`,
    `maint. ${formatBalance(total.maintMargin)}`,
    `available ${formatBalance(total.availableBalance)}`,
    `wallet ${formatBalance(total.walletBalance)}`,
  ];
  if (account.multiAssets) {
    for (const asset of account.assets) parts.push(`${asset.currency} ${formatBalance(asset.marginBalance)}`);
  }
  return parts.join(' · ');
}
