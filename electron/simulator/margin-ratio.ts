/**
 * The cross margin ratio, as Binance defines the account's: cross maintenance margin ÷ cross
 * margin balance, where the cross margin balance is the cross wallet (the wallet less isolated
 * wallets) plus the cross positions' uPnL. The exchange liquidates the cross positions when it
 * reaches 100 % (risk.ts compares the same two sums without dividing) and pushes MARGIN_CALL from
 * the `marginCallRatio` option on. Multi-Assets: both sums in USD, stablecoins at 1.
 */
import { type Dec, ONE, div } from './decimal';

/** The cross sums the ratio is made of (risk.ts `RiskScan` and leg-metrics.ts `AccountMetrics` both carry them). */
export interface CrossSums {
  readonly crossWallet: Dec;
  readonly crossUnrealized: Dec;
  readonly crossMaintenance: Dec;
}

/** Stands for "the margin balance is gone": a ratio beyond any threshold (1 000 000 %). */
export const RATIO_EXHAUSTED: Dec = 10_000n * ONE;

/**
 * The ratio as a fraction (0.8 = 80 %); undefined when no cross position is at stake,
 * {@link RATIO_EXHAUSTED} when the cross margin balance is zero or negative.
 */
export function crossMarginRatio(sums: CrossSums): Dec | undefined {
  if (sums.crossMaintenance <= 0n) return undefined;
  const balance = sums.crossWallet + sums.crossUnrealized;
  return balance <= 0n ? RATIO_EXHAUSTED : div(sums.crossMaintenance, balance);
}
