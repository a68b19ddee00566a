/**
 * `pressMargin` (control command): the marks that carry an account's cross margin ratio to a
 * target, for demos and tests of margin alerts. Every symbol where the account holds a net cross
 * position moves against it (down under a net long, up under a net short), all by the same
 * fraction of their current mark; a negative fraction moves them in its favour, to lower the
 * ratio. The fraction is found by bisection on the ratio itself (margin-ratio.ts), so the result
 * is whatever the brackets, hedge legs and Multi-Assets sums make of the move. Pure: the caller
 * applies the marks.
 */
import type { Account } from './account-model';
import { isCross } from './account-model';
import { type Dec, ONE, mul, quantize, toTrimmed } from './decimal';
import type { MarketView } from './leg-metrics';
import { crossMarginRatio } from './margin-ratio';
import { scanRisk } from './risk';

/** The marks to set and the ratio they give. */
export interface MarginPress {
  readonly marks: ReadonlyMap<string, Dec>;
  /** The cross margin ratio at those marks, as a fraction. */
  readonly ratio: Dec;
}

/** How close the plan must land (the command promises ±0.5 percentage points). */
export const PRESS_TOLERANCE: Dec = ONE / 200n;
/** Marks never fall below this share of their current value, nor rise beyond its inverse. */
const MIN_FACTOR = 0.02;
const MAX_FACTOR = 50;
const ITERATIONS = 200;

/** The net cross size per symbol, for the symbols where it is not zero. */
function netCrossBySymbol(account: Account): Map<string, Dec> {
  const net = new Map<string, Dec>();
  for (const leg of account.positions) {
    if (isCross(account, leg)) net.set(leg.symbol, (net.get(leg.symbol) ?? 0n) + leg.positionAmt);
  }
  for (const [symbol, amount] of net) if (amount === 0n) net.delete(symbol);
  return net;
}

/** A float factor as a decimal (12 significant places are plenty for a mark move). */
const factorDec = (factor: number): Dec => BigInt(Math.round(factor * 1e12)) * 10n ** 6n;

const percent = (ratio: Dec): string => toTrimmed(ratio * 100n, 2, 0);

/** Plans the marks for a target ratio (a fraction, e.g. 0.85), or says why it cannot be reached. */
export function planMarginPress(account: Account, market: MarketView, target: Dec): { ok: true; press: MarginPress } | { ok: false; error: string } {
  const net = netCrossBySymbol(account);
  const hasCross = account.positions.some((leg) => isCross(account, leg));
  if (!hasCross) return { ok: false, error: `account ${account.name} has no cross position: its cross margin ratio cannot be moved` };
  if (net.size === 0) return { ok: false, error: `account ${account.name}'s cross positions are fully hedged: moving marks barely changes its ratio` };

  const start = new Map([...net.keys()].map((symbol) => [symbol, market.markOf(symbol)]));
  const longs = [...net.values()].some((amount) => amount > 0n);
  const shorts = [...net.values()].some((amount) => amount < 0n);
  // s > 0 moves against the account: longs by (1 − s), shorts by (1 + s).
  const high = longs ? 1 - MIN_FACTOR : MAX_FACTOR - 1;
  const low = shorts ? -(1 - MIN_FACTOR) : -(MAX_FACTOR - 1);
  const marksAt = (s: number): Map<string, Dec> =>
    new Map(
      [...net].map(([symbol, amount]) => {
        const factor = amount > 0n ? 1 - s : 1 + s;
        return [symbol, quantize(mul(start.get(symbol)!, factorDec(factor)), 8, 'half-up')];
      }),
    );
  const ratioAt = (marks: ReadonlyMap<string, Dec>): Dec => {
    const view: MarketView = { symbols: market.symbols, markOf: (symbol) => marks.get(symbol) ?? market.markOf(symbol) };
    return crossMarginRatio(scanRisk(account, view)) ?? 0n;
  };

  const lowRatio = ratioAt(marksAt(low));
  const highRatio = ratioAt(marksAt(high));
  if (target < lowRatio || target > highRatio) {
    return {
      ok: false,
      error: `a cross margin ratio of ${percent(target)} % cannot be reached by moving ${account.name}'s marks: between ${percent(lowRatio)} % and ${percent(highRatio)} % only`,
    };
  }
  let [lo, hi] = [low, high];
  let best = { marks: marksAt(0), ratio: ratioAt(marksAt(0)) };
  for (let i = 0; i < ITERATIONS; i++) {
    const mid = (lo + hi) / 2;
    const marks = marksAt(mid);
    const ratio = ratioAt(marks);
    const off = ratio > target ? ratio - target : target - ratio;
    const bestOff = best.ratio > target ? best.ratio - target : target - best.ratio;
    if (off < bestOff) best = { marks, ratio };
    if (off * 100n < PRESS_TOLERANCE) break; // well inside the tolerance
    if (ratio < target) lo = mid;
    else hi = mid;
  }
  const off = best.ratio > target ? best.ratio - target : target - best.ratio;
  if (off > PRESS_TOLERANCE) return { ok: false, error: `the ratio jumps past ${percent(target)} % (closest ${percent(best.ratio)} %): the marks' precision cannot land it` };
  return { ok: true, press: { marks: best.marks, ratio: best.ratio } };
}
