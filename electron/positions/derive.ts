/**
 * Derived figures, computed in exactly one place (PROTOCOL §10, USDⓈ-M linear contracts, contract
 * multiplier 1): on every mark tick, uPnL, notional, ROE, margin and the distance to liquidation are
 * recomputed from the last known amount, entry price, leverage and liquidation price, so the table
 * moves between snapshots.
 */
import type { Derived } from '../../shared/position';
import type { RowFacts } from './row';
import { maintenanceMargin, type Bracket } from './brackets';
import { parseDecimal } from './decimal';

/**
 * A mark price. The fields are named as in a stream tick (MarkTick), so the engine stores each tick
 * itself as its symbol's mark instead of copying it into a new object per frame (bench/PROFILE-HISTORY.md).
 */
export interface Mark {
  /** The mark price as the exchange wrote it. */
  readonly markPrice: string;
  /** Exchange time of the mark (ms). */
  readonly eventTime: number;
  /** The funding rate the stream carried with it (`r`); absent for a mark from a snapshot. */
  readonly fundingRate?: string;
  /** The next funding time (`T`, exchange ms) the stream carried with it. */
  readonly nextFundingTime?: number;
}

/**
 * What derive needs from a row, parsed once. A mark tick changes none of it, so the engine keeps the
 * basis of each open row and re-derives from it: parsing the row's decimal strings was most of the
 * cost of a tick (bench/PROFILE-HISTORY.md).
 */
export interface DeriveBasis {
  /** Signed: + long, − short. */
  readonly amount: number;
  readonly entryPrice: number;
  readonly leverage: number;
  readonly isolated: boolean;
  readonly isolatedWallet: number;
  /** 0 when the exchange reports none, or while it is pending (a stale price gives no distance). */
  readonly liquidationPrice: number;
  /** Hedge legs under cross margin share the symbol's liquidation price (see distanceToLiquidation). */
  readonly sharedCrossLiquidation: boolean;
}

export function deriveBasis(position: RowFacts): DeriveBasis {
  const isolated = position.marginType === 'isolated';
  return {
    amount: Number(position.positionAmt),
    entryPrice: Number(position.entryPrice),
    leverage: Number(position.leverage),
    isolated,
    isolatedWallet: Number(position.isolatedWallet),
    // After a resize or a flip the old price is wrong, maybe on the wrong side: no distance, no alert.
    liquidationPrice: position.liquidationPending === true ? 0 : Number(position.liquidationPrice),
    sharedCrossLiquidation: position.positionSide !== 'BOTH' && !isolated,
  };
}

/** True when the two rows have the same basis (the fields deriveBasis reads are equal). */
export function sameBasisFields(a: RowFacts, b: RowFacts): boolean {
  return (
    (a.liquidationPending === true) === (b.liquidationPending === true) &&
    a.positionAmt === b.positionAmt &&
    a.entryPrice === b.entryPrice &&
    a.leverage === b.leverage &&
    a.marginType === b.marginType &&
    a.isolatedWallet === b.isolatedWallet &&
    a.liquidationPrice === b.liquidationPrice &&
    a.positionSide === b.positionSide
  );
}

/** What the funding figures need besides the row: parsed once per tick, not once per row. */
export interface FundingBasis {
  /** The mark's funding rate (`r`) as a number; null when the mark carries none. */
  readonly rate: number | null;
  /** Hours between the symbol's fundings; null until the intervals are known. */
  readonly intervalHours: number | null;
}

/** No funding known: a mark without `r`, intervals not read. */
export const NO_FUNDING: FundingBasis = { rate: null, intervalHours: null };

/** The funding basis of a mark for a symbol with the given interval. */
export function fundingBasis(mark: Mark, intervalHours: number | null): FundingBasis {
  if (mark.fundingRate === undefined) return intervalHours === null ? NO_FUNDING : { rate: null, intervalHours };
  const rate = parseDecimal(mark.fundingRate);
  return { rate: Number.isFinite(rate) ? rate : null, intervalHours };
}

/** The derived figures of a row at a mark (see deriveFrom); `intervalHours` of the symbol's funding. */
export function derive(position: RowFacts, mark: Mark, brackets?: readonly Bracket[], intervalHours: number | null = null): Derived {
  return deriveFrom(deriveBasis(position), mark, brackets, fundingBasis(mark, intervalHours));
}

/**
 * - uPnL = amt × (mark − entry)                    (amt signed: + long, − short)
 * - notional = amt × mark                           (signed)
 * - ROE % = uPnL / (|notional| / leverage) × 100    (Binance "ROI%", on initial margin at the mark)
 * - margin = isolated wallet + uPnL (isolated), |notional| / leverage (cross)
 * - maintenance margin = |notional| × MMR − cum, from the bracket holding |notional|
 * - margin ratio = maintenance margin / margin (isolated; cross needs the whole account)
 * - distance to liquidation = how far the mark may move against the position, in price and in % of the mark
 * - estimated funding = −amt × mark × rate        (positive: the position receives; longs pay shorts
 *                                                    when the rate is positive)
 */
export function deriveFrom(basis: DeriveBasis, mark: Mark, brackets?: readonly Bracket[], funding: FundingBasis = NO_FUNDING): Derived {
  const { amount, entryPrice, leverage, isolated, liquidationPrice } = basis;
  const markPrice = parseDecimal(mark.markPrice);
  const unrealizedPnl = amount * (markPrice - entryPrice);
  const notional = amount * markPrice;
  const initialMargin = leverage > 0 ? Math.abs(notional) / leverage : 0;
  const roePct = initialMargin > 0 ? (unrealizedPnl / initialMargin) * 100 : null;
  const margin = isolated ? basis.isolatedWallet + unrealizedPnl : initialMargin;
  const maintMargin = brackets === undefined || brackets.length === 0 ? null : maintenanceMargin(Math.abs(notional), brackets);
  const marginRatioPct = isolated && maintMargin !== null && margin > 0 ? (maintMargin / margin) * 100 : null;
  const liquidationDistance =
    liquidationPrice > 0 && amount !== 0 ? distanceToLiquidation(basis, markPrice) : null;
  const liquidationDistancePct =
    liquidationDistance !== null && markPrice > 0 ? (liquidationDistance / markPrice) * 100 : null;
  return {
    markPrice: mark.markPrice,
    markTime: mark.eventTime,
    unrealizedPnl,
    notional,
    roePct,
    margin,
    maintMargin,
    marginRatioPct,
    liquidationDistancePct,
    liquidationDistance,
    fundingRate: funding.rate,
    nextFundingTime: mark.nextFundingTime ?? null,
    fundingIntervalHours: funding.intervalHours,
    estimatedFunding: funding.rate === null ? null : -notional * funding.rate,
  };
}

/**
 * Price distance from the mark to the liquidation price, positive while the position is safe.
 * A long is liquidated below the mark and a short above it, so the sign of the amount orients the
 * distance and a mark already past the price gives a negative distance. Hedge legs under cross margin
 * share one liquidation price for the symbol (PROTOCOL §10), set by the net exposure of both legs,
 * which one row does not know: for them the distance is taken as it stands, unsigned.
 */
function distanceToLiquidation(basis: DeriveBasis, mark: number): number {
  const { amount, liquidationPrice } = basis;
  return basis.sharedCrossLiquidation ? Math.abs(mark - liquidationPrice) : Math.sign(amount) * (mark - liquidationPrice);
}
