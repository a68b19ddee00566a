/**
 * Liquidation price by the Binance FAQ formula (PROTOCOL §10), for one symbol's legs:
 *
 *   LP = (WB − TMM1 + UPNL1 + Σ cum − Σ amt·EP) / (Σ |amt|·MMR − Σ amt)
 *
 * This is the FAQ's BOTH/LONG/SHORT expression with the side signs folded into the signed
 * `amt` (one-way: one BOTH leg; hedge cross: both legs, sharing one LP; hedge isolated: one
 * leg at a time). It is what solving "margin balance = maintenance margin at LP" gives.
 */
import { type Bracket, bracketFor } from './brackets';
import { type Dec, abs, div, mul } from './decimal';
import { absNotional } from './position-math';

/** A leg that takes part in the calculation. */
export interface LiquidationLeg {
  /** Signed size; LONG legs positive, SHORT legs negative, BOTH either. */
  readonly positionAmt: Dec;
  readonly entryPrice: Dec;
}

/** Inputs of {@link liquidationPrice}. */
export interface LiquidationInput {
  /** WB: the cross wallet balance (cross) or the leg's isolated wallet (isolated). */
  readonly wallet: Dec;
  /** TMM1: maintenance margin of every other cross position; 0 when isolated. */
  readonly otherMaintenance: Dec;
  /** UPNL1: unrealised PnL of every other cross position; 0 when isolated. */
  readonly otherUnrealized: Dec;
  readonly legs: readonly LiquidationLeg[];
  readonly brackets: readonly Bracket[];
  /** Current mark: the first guess of each leg's bracket. */
  readonly markPrice: Dec;
}

/**
 * More passes than any real bracket table needs; the cap only guards against a price that
 * sits on a boundary where the two brackets each point at the other.
 */
const MAX_BRACKET_PASSES = 8;

/**
 * The liquidation price, or 0 when there is none (no open leg, or LP ≤ 0, which Binance
 * reports as "0"). Brackets are first taken at the mark; if the notional at the resulting
 * LP falls in other brackets, the LP is recomputed with those, until they agree.
 */
export function liquidationPrice(input: LiquidationInput): Dec {
  const legs = input.legs.filter((leg) => leg.positionAmt !== 0n);
  if (legs.length === 0) return 0n;
  const bracketsAt = (price: Dec): Bracket[] =>
    legs.map((leg) => bracketFor(input.brackets, absNotional(leg.positionAmt, price)));

  let chosen = bracketsAt(input.markPrice);
  let price = 0n;
  for (let pass = 0; pass < MAX_BRACKET_PASSES; pass++) {
    price = solve(input, legs, chosen);
    const atPrice = bracketsAt(price > 0n ? price : 0n);
    if (atPrice.every((bracket, i) => bracket === chosen[i])) break;
    chosen = atPrice;
  }
  return price > 0n ? price : 0n;
}

function solve(input: LiquidationInput, legs: readonly LiquidationLeg[], brackets: readonly Bracket[]): Dec {
  let numerator = input.wallet - input.otherMaintenance + input.otherUnrealized;
  let denominator = 0n;
  legs.forEach((leg, i) => {
    const bracket = brackets[i];
    if (!bracket) throw new RangeError('one bracket per leg expected');
    numerator += bracket.cum - mul(leg.positionAmt, leg.entryPrice);
    denominator += mul(abs(leg.positionAmt), bracket.maintMarginRatio) - leg.positionAmt;
  });
  // Zero only with zero maintenance ratios on an exactly hedged book: it is never liquidated.
  return denominator === 0n ? 0n : div(numerator, denominator);
}
