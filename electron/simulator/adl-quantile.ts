/**
 * Auto-deleveraging quantiles (0–4, low → high priority in the ADL queue): the one place that
 * computes them, for the `adl` of v2 `account.position` rows and for `GET /fapi/v1/adlQuantile`
 * ("Position ADL Quantile Estimation"), so the two always agree.
 *
 * Binance ranks every trader's positions by profit × effective leverage; one account cannot be
 * ranked against others, so the simulator approximates the rank from the leg's ROE
 * (uPnL ÷ position initial margin): losing or flat legs 0, then one step per 50 % of ROE, capped at 4.
 * Per the docs, a hedge-mode symbol under cross margin with both sides open shows one value,
 * calculated on both sides' uPnL, for LONG and SHORT (here: the ROE of the two legs together),
 * and carries `HEDGE` (a sign, value 0) instead of `BOTH`.
 */
import type { Account } from './account-model';
import { type Dec, ONE, div } from './decimal';
import { type AccountMetrics, type LegMetrics, type MarketView, accountMetrics } from './leg-metrics';

/** One entry of `GET /fapi/v1/adlQuantile`. */
export interface AdlQuantileEntry {
  symbol: string;
  adlQuantile: { LONG: number; SHORT: number; BOTH?: number; HEDGE?: number };
}

/** The quantile of a uPnL over the initial margin that carries it. */
function quantileOf(unrealized: Dec, initialMargin: Dec): number {
  if (unrealized <= 0n || initialMargin <= 0n) return 0;
  const roe = div(unrealized, initialMargin);
  return Math.min(4, 1 + Number(roe / (ONE / 2n)));
}

/** Whether the symbol's legs are hedge legs under cross margin (the shared-quantile case). */
function isCrossHedge(legs: readonly LegMetrics[]): boolean {
  return legs.length > 0 && legs.every((m) => m.cross && m.leg.positionSide !== 'BOTH');
}

/**
 * The quantile of one open leg, given every open leg of its symbol: under cross in hedge mode
 * with both sides open, the two legs' uPnL and margin together; otherwise the leg's own.
 */
export function legAdlQuantile(leg: LegMetrics, symbolLegs: readonly LegMetrics[]): number {
  if (isCrossHedge(symbolLegs) && symbolLegs.length === 2) {
    const unrealized = symbolLegs.reduce((sum, m) => sum + m.unrealized, 0n);
    const margin = symbolLegs.reduce((sum, m) => sum + m.initialMargin, 0n);
    return quantileOf(unrealized, margin);
  }
  return quantileOf(leg.unrealized, leg.initialMargin);
}

/** Open legs grouped by symbol, in the account's order. */
function bySymbol(metrics: AccountMetrics): Map<string, LegMetrics[]> {
  const groups = new Map<string, LegMetrics[]>();
  for (const m of metrics.legs) {
    const group = groups.get(m.leg.symbol);
    if (group) group.push(m);
    else groups.set(m.leg.symbol, [m]);
  }
  return groups;
}

/** The quantile of every open leg by `${symbol}:${positionSide}`. */
export function adlQuantiles(metrics: AccountMetrics): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const legs of bySymbol(metrics).values()) {
    for (const m of legs) out.set(`${m.leg.symbol}:${m.leg.positionSide}`, legAdlQuantile(m, legs));
  }
  return out;
}

/**
 * `GET /fapi/v1/adlQuantile`: one entry per symbol with an open position (all, or `onlySymbol`),
 * in listing order; sides without a position are 0.
 */
export function adlQuantileEntries(account: Account, market: MarketView, onlySymbol?: string): AdlQuantileEntry[] {
  const metrics = accountMetrics(account, market);
  const groups = bySymbol(metrics);
  return market.symbols
    .filter((spec) => groups.has(spec.symbol) && (onlySymbol === undefined || spec.symbol === onlySymbol))
    .map((spec) => {
      const legs = groups.get(spec.symbol)!;
      const of = (side: string): number => {
        const m = legs.find((l) => l.leg.positionSide === side);
        return m ? legAdlQuantile(m, legs) : 0;
      };
      const adlQuantile = isCrossHedge(legs)
        ? { LONG: of('LONG'), SHORT: of('SHORT'), HEDGE: 0 }
        : { LONG: of('LONG'), SHORT: of('SHORT'), BOTH: of('BOTH') };
      return { symbol: spec.symbol, adlQuantile };
    });
}
