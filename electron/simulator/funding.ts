/**
 * Funding (PROTOCOL §6): at each funding time every open perpetual leg pays or receives
 * `amt × mark × rate` (positive rates: longs pay shorts). Cross legs settle on the cross
 * wallet; isolated legs on their own isolated wallet, which is why Binance reports them with
 * their position row. Pure: `Account → Account`.
 */
import type { Account, OpenPosition } from './account-model';
import { settingsOf } from './account-model';
import { type Dec, dec, isDecimalText, mul, quantize } from './decimal';
import type { MarketView } from './leg-metrics';
import { specIndex } from './leg-metrics';

/** One leg's funding payment. */
export interface FundingCharge {
  /** The leg after the payment (an isolated leg's wallet has moved). */
  readonly leg: OpenPosition;
  /** Signed amount credited to the account: negative when the leg paid. */
  readonly amount: Dec;
  readonly cross: boolean;
}

/** The account after funding and what each leg paid. */
export interface FundingResult {
  readonly account: Account;
  readonly charges: readonly FundingCharge[];
}

/** Settles one funding round at the current marks for the symbols `due`. Delivery contracts (no rate) are skipped. */
export function applyFunding(
  account: Account,
  market: MarketView,
  time: number,
  /** Which symbols fund now (each has its own interval, PROTOCOL §13.10); all by default. */
  due: (symbol: string) => boolean = () => true,
): FundingResult {
  const specs = specIndex(market.symbols);
  const charges: FundingCharge[] = [];
  let walletBalance = account.walletBalance;
  const positions = account.positions.map((leg) => {
    if (!due(leg.symbol)) return leg;
    const rate = specs.get(leg.symbol)?.fundingRate ?? '';
    if (!isDecimalText(rate)) return leg;
    // Funding is paid to 8 decimals, like every wallet amount.
    const amount = quantize(-mul(mul(leg.positionAmt, market.markOf(leg.symbol)), dec(rate)), 8, 'truncate');
    if (amount === 0n) return leg;
    walletBalance += amount;
    const cross = settingsOf(account, leg.symbol).marginType === 'cross';
    const after = cross ? leg : { ...leg, isolatedWallet: leg.isolatedWallet + amount };
    charges.push({ leg: after, amount, cross });
    return after;
  });
  if (charges.length === 0) return { account, charges };
  return { account: { ...account, walletBalance, positions, updateTime: time }, charges };
}
