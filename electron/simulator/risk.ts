/**
 * Risk checks after marks move: whether anything must be liquidated, which legs the mark has
 * carried past their liquidation price, and which margin ratios have crossed the margin-call
 * threshold. Pure. The scan runs on every tick for every leg (hundreds in the large scenario),
 * so it avoids divisions and liquidation prices; those are computed only when the scan says a
 * liquidation is due.
 */
import type { Account, OpenPosition } from './account-model';
import { crossWalletBalance, settingsOf } from './account-model';
import { bracketsOf } from './brackets';
import { type Dec, mul } from './decimal';
import type { AccountMetrics, LegMetrics, MarketView } from './leg-metrics';
import { specIndex } from './leg-metrics';
import { absNotional, maintenanceMargin, unrealizedPnl } from './position-math';

/** What the margin checks need of a leg. */
export interface RiskLeg {
  readonly leg: OpenPosition;
  readonly cross: boolean;
  readonly mark: Dec;
  readonly unrealized: Dec;
  readonly maintenance: Dec;
}

/** The account's legs and cross totals at the current marks. */
export interface RiskScan {
  readonly legs: readonly RiskLeg[];
  readonly crossWallet: Dec;
  readonly crossMaintenance: Dec;
  readonly crossUnrealized: Dec;
}

/** Scans an account: uPnL and maintenance margin of each leg, and the cross totals. */
export function scanRisk(account: Account, market: MarketView): RiskScan {
  const specs = specIndex(market.symbols);
  let crossMaintenance = 0n;
  let crossUnrealized = 0n;
  const legs = account.positions.map((leg): RiskLeg => {
    const spec = specs.get(leg.symbol);
    if (!spec) throw new RangeError(`position in a symbol that does not trade: ${leg.symbol}`);
    const mark = market.markOf(leg.symbol);
    const cross = settingsOf(account, leg.symbol).marginType === 'cross';
    const unrealized = unrealizedPnl(leg.positionAmt, leg.entryPrice, mark);
    const maintenance = maintenanceMargin(absNotional(leg.positionAmt, mark), bracketsOf(spec.brackets));
    if (cross) {
      crossMaintenance += maintenance;
      crossUnrealized += unrealized;
    }
    return { leg, cross, mark, unrealized, maintenance };
  });
  return { legs, crossWallet: crossWalletBalance(account), crossMaintenance, crossUnrealized };
}

/**
 * Whether a liquidation is due: an isolated leg, or the cross account as a whole, whose
 * margin balance has fallen below its maintenance margin. That is exactly when some mark has
 * passed its liquidation price, since the LP is the price where the two are equal.
 */
export function liquidationDue(scan: RiskScan): boolean {
  if (scan.legs.some((r) => r.cross) && scan.crossWallet + scan.crossUnrealized < scan.crossMaintenance) return true;
  return scan.legs.some((r) => !r.cross && r.leg.isolatedWallet + r.unrealized < r.maintenance);
}

/** Legs that are liquidated together: a cross symbol's legs share one LP, isolated legs stand alone. */
export interface LiquidationGroup {
  readonly legs: readonly LegMetrics[];
  /** The shared liquidation price, where the legs are closed. */
  readonly price: Dec;
}

/**
 * The first group whose mark has passed its liquidation price, or undefined. A group that is
 * net long is liquidated when the mark falls below the LP, a net short one when it rises above
 * it. Callers liquidate one group, recompute, and ask again: closing a cross symbol changes
 * every other cross LP.
 */
export function nextLiquidation(metrics: AccountMetrics): LiquidationGroup | undefined {
  const groups = new Map<string, LegMetrics[]>();
  for (const m of metrics.legs) {
    const key = m.cross ? m.leg.symbol : `${m.leg.symbol}:${m.leg.positionSide}`;
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  for (const legs of groups.values()) {
    const [first] = legs;
    if (!first || first.liquidationPrice <= 0n) continue;
    const net = legs.reduce((sum, m) => sum + m.leg.positionAmt, 0n);
    const lp = first.liquidationPrice;
    if ((net > 0n && first.mark < lp) || (net < 0n && first.mark > lp)) return { legs, price: lp };
  }
  return undefined;
}

/** A margin ratio at or above the threshold: the cross account as a whole, or one isolated leg. */
export interface MarginCallCandidate {
  /** 'cross' or 'SYMBOL:SIDE'. */
  readonly key: string;
  readonly legs: readonly RiskLeg[];
}

/**
 * The ratios (maintenance ÷ margin balance) at or above `threshold`; a non-positive balance
 * always counts. Compared as `maintenance ≥ threshold × balance`, without dividing.
 */
export function marginCalls(scan: RiskScan, threshold: Dec): MarginCallCandidate[] {
  const reached = (maintenance: Dec, balance: Dec): boolean => balance <= 0n || maintenance >= mul(threshold, balance);
  const out: MarginCallCandidate[] = [];
  const crossLegs = scan.legs.filter((r) => r.cross);
  if (crossLegs.length > 0 && reached(scan.crossMaintenance, scan.crossWallet + scan.crossUnrealized)) {
    out.push({ key: 'cross', legs: crossLegs });
  }
  for (const r of scan.legs) {
    if (!r.cross && reached(r.maintenance, r.leg.isolatedWallet + r.unrealized)) {
      out.push({ key: `${r.leg.symbol}:${r.leg.positionSide}`, legs: [r] });
    }
  }
  return out;
}
