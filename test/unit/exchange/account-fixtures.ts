/** Recorded account replies (PROTOCOL §5 field sets, values as the exchange writes them) for the reader tests. */

/** The totals of a single-asset account with one long BTCUSDT position. */
export const TOTALS = {
  totalInitialMargin: '1525.00000000',
  totalMaintMargin: '61.00000000',
  totalWalletBalance: '10000.00000000',
  totalUnrealizedProfit: '250.00000000',
  totalMarginBalance: '10250.00000000',
  totalPositionInitialMargin: '1525.00000000',
  totalOpenOrderInitialMargin: '0.00000000',
  totalCrossWalletBalance: '10000.00000000',
  totalCrossUnPnl: '250.00000000',
  availableBalance: '8725.00000000',
  maxWithdrawAmount: '8725.00000000',
};
/** One `assets[]` entry (v1's `marginAvailable` included, which the reader leaves out). */
export const asset = (name: string, wallet = '10000.00000000') => ({
  asset: name,
  walletBalance: wallet,
  unrealizedProfit: '250.00000000',
  marginBalance: '10250.00000000',
  maintMargin: '61.00000000',
  initialMargin: '1525.00000000',
  positionInitialMargin: '1525.00000000',
  openOrderInitialMargin: '0.00000000',
  crossWalletBalance: wallet,
  crossUnPnl: '250.00000000',
  availableBalance: '8725.00000000',
  maxWithdrawAmount: '8725.00000000',
  marginAvailable: true,
  updateTime: 1_700_000_000_000,
});
/** One `positions[]` entry of `v2/account.status`. */
export const statusPosition = (symbol: string, positionSide = 'BOTH') => ({
  symbol,
  positionSide,
  positionAmt: '0.250',
  unrealizedProfit: '250.00000000',
  isolatedMargin: '0',
  notional: '15250.00000000',
  isolatedWallet: '0',
  initialMargin: '1525.00000000',
  maintMargin: '61.00000000',
  updateTime: 1_700_000_000_000,
});
