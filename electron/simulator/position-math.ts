/**
 * Per-position formulas of USDⓈ-M linear contracts (PROTOCOL §10), on exact decimals.
 * Contract multiplier is 1, so notional and PnL are plain size × price products.
 */
import { type Bracket, bracketFor } from './brackets';
import { type Dec, ONE, abs, dec, div, mul } from './decimal';

/**
 * The taker fee rate: 0.04 %, Binance's long-standing VIP 0 USDⓈ-M taker rate. Every fill
 * pays it (fills.ts) and {@link breakEvenPrice} assumes it.
 */
export const TAKER_FEE_RATE: Dec = dec('0.0004');

/** Unrealised PnL `amt × (mark − entry)`; negative amounts make shorts gain as price falls. */
export function unrealizedPnl(positionAmt: Dec, entryPrice: Dec, markPrice: Dec): Dec {
  return mul(positionAmt, markPrice - entryPrice);
}

/** Signed notional `amt × mark` (negative for shorts, as Binance reports it). */
export function notional(positionAmt: Dec, markPrice: Dec): Dec {
  return mul(positionAmt, markPrice);
}

/** Maintenance margin `|notional| × MMR − cum` with the bracket that contains |notional|. */
export function maintenanceMargin(absNotional: Dec, brackets: readonly Bracket[]): Dec {
  const bracket = bracketFor(brackets, absNotional);
  return mul(absNotional, bracket.maintMarginRatio) - bracket.cum;
}

/**
 * Break-even price: where closing with a taker fee exactly pays back the taker fee paid on
 * opening, so net PnL is zero (funding excluded, as in Binance's FAQ). Solving
 * `Q(P − E) = f·Q·E + f·Q·P` gives `P = E(1 + f)/(1 − f)` for a long, and the mirror
 * `P = E(1 − f)/(1 + f)` for a short. Zero when flat.
 */
export function breakEvenPrice(positionAmt: Dec, entryPrice: Dec, feeRate: Dec = TAKER_FEE_RATE): Dec {
  if (positionAmt === 0n) return 0n;
  const [up, down] = positionAmt > 0n ? [ONE + feeRate, ONE - feeRate] : [ONE - feeRate, ONE + feeRate];
  return div(mul(entryPrice, up), down);
}

/** Isolated position margin as Binance reports it: the isolated wallet plus uPnL. */
export function isolatedMargin(isolatedWallet: Dec, unrealized: Dec): Dec {
  return isolatedWallet + unrealized;
}

/** |notional| of a leg at a price, the quantity brackets are chosen by. */
export function absNotional(positionAmt: Dec, price: Dec): Dec {
  return abs(mul(positionAmt, price));
}
