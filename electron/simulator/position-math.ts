/**
 * Per-position formulas of USDⓈ-M linear contracts (PROTOCOL §10), on exact decimals.
 * Contract multiplier is 1, so notional and PnL are plain size × price products.
 */
import { type Bracket, bracketFor } from './brackets';
import { type Dec, abs, dec, div, mul } from './decimal';

/** The taker fee rate: 0.04 %, Binance's long-standing VIP 0 USDⓈ-M taker rate. Every fill pays it (fills.ts). */
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
 * Break-even price per Binance's current FAQ (PROTOCOL §13.11): (total cost − total gained) ÷
 * current size, over the fills since the position was opened; fees and funding are not
 * included, and what partial closes realised is (it lowers a long's break-even, raises a
 * short's). `costBasis` is that running sum, signed: Σ buys × price − Σ sells × price; dividing
 * by the signed size gives the FAQ's figure for both directions. A position with no recorded
 * fills (`costBasis` undefined) was opened in one go: its break-even is its entry. Zero when flat.
 */
export function breakEvenPrice(leg: { positionAmt: Dec; entryPrice: Dec; costBasis?: Dec }): Dec {
  if (leg.positionAmt === 0n) return 0n;
  if (leg.costBasis === undefined) return leg.entryPrice;
  return div(leg.costBasis, leg.positionAmt);
}

/** Isolated position margin as Binance reports it: the isolated wallet plus uPnL. */
export function isolatedMargin(isolatedWallet: Dec, unrealized: Dec): Dec {
  return isolatedWallet + unrealized;
}

/** |notional| of a leg at a price, the quantity brackets are chosen by. */
export function absNotional(positionAmt: Dec, price: Dec): Dec {
  return abs(mul(positionAmt, price));
}
