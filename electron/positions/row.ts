/**
 * Building a table row from the exchange's fields and what was derived from them — the one place
 * rows are made, for snapshots, mark ticks and account updates alike.
 */
import type { Derived, ExchangePosition, PositionRow } from '../../shared/position';
import type { Mark } from './derive';
import type { RowExtras } from './state';

/**
 * A row's exchange fields, whether its liquidation price awaits a snapshot (see PositionRow), and
 * the extras a held row already carries (ADL quantile, funding today).
 */
export type RowFacts = ExchangePosition & {
  readonly liquidationPending?: boolean | undefined;
  readonly adl?: number | null | undefined;
  readonly fundingToday?: number | null | undefined;
};

/** A row; its extras are `extras` when given, else those `position` carries (a held row re-priced). */
export function buildRow(
  key: string,
  position: RowFacts,
  derived: Derived,
  snapshotAt: number,
  markAt: number | null,
  extras?: RowExtras,
): PositionRow {
  // One object literal, not a spread of exchangeFields(): this runs for every row on every mark tick,
  // and the spread measured ~150× slower on Node 20 (bench/PROFILE-HISTORY.md).
  return {
    symbol: position.symbol,
    positionSide: position.positionSide,
    positionAmt: position.positionAmt,
    entryPrice: position.entryPrice,
    breakEvenPrice: position.breakEvenPrice,
    markPrice: position.markPrice,
    unRealizedProfit: position.unRealizedProfit,
    liquidationPrice: position.liquidationPrice,
    leverage: position.leverage,
    maxNotionalValue: position.maxNotionalValue,
    marginType: position.marginType,
    isolatedMargin: position.isolatedMargin,
    isAutoAddMargin: position.isAutoAddMargin,
    notional: position.notional,
    isolatedWallet: position.isolatedWallet,
    updateTime: position.updateTime,
    key,
    derived,
    snapshotAt,
    markAt,
    liquidationPending: position.liquidationPending === true,
    adl: extras === undefined ? (position.adl ?? null) : extras.adl,
    fundingToday: extras === undefined ? (position.fundingToday ?? null) : extras.fundingToday,
  };
}

/** True when the row already carries these extras. */
export function sameExtras(row: Partial<RowExtras>, extras: RowExtras): boolean {
  return (row.adl ?? null) === extras.adl && (row.fundingToday ?? null) === extras.fundingToday;
}

/**
 * True when a new snapshot row says exactly what the held row says, at the same mark price (a newer
 * mark at the same price changes no figure, so the row may keep its object).
 */
export function sameRow(previous: PositionRow | undefined, position: RowFacts, mark: Mark): previous is PositionRow {
  if (previous === undefined) return false;
  return (
    (previous.liquidationPending === true) === (position.liquidationPending === true) &&
    previous.derived.markPrice === mark.markPrice &&
    previous.positionAmt === position.positionAmt &&
    previous.entryPrice === position.entryPrice &&
    previous.breakEvenPrice === position.breakEvenPrice &&
    previous.markPrice === position.markPrice &&
    previous.unRealizedProfit === position.unRealizedProfit &&
    previous.liquidationPrice === position.liquidationPrice &&
    previous.leverage === position.leverage &&
    previous.maxNotionalValue === position.maxNotionalValue &&
    previous.marginType === position.marginType &&
    previous.isolatedMargin === position.isolatedMargin &&
    previous.isAutoAddMargin === position.isAutoAddMargin &&
    previous.notional === position.notional &&
    previous.isolatedWallet === position.isolatedWallet &&
    previous.updateTime === position.updateTime
  );
}
