/**
 * The totals bar's figures for a list of rows, computed the plain way for test doubles that build
 * views without the engine (the engine's own code is what the tests check against, so it is not reused).
 */
import type { PositionRow, PositionsSummary } from '../../shared/position';

export function summaryOf(rows: readonly PositionRow[]): PositionsSummary {
  let worst: PositionRow | null = null;
  for (const row of rows) {
    const distance = row.derived.liquidationDistancePct;
    if (distance === null) continue;
    if (worst === null || distance < worst.derived.liquidationDistancePct!) worst = row;
  }
  return {
    positions: rows.length,
    unrealizedPnl: rows.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0),
    notional: rows.reduce((sum, row) => sum + Math.abs(row.derived.notional), 0),
    worstLiquidationDistancePct: worst?.derived.liquidationDistancePct ?? null,
    worstKey: worst?.key ?? null,
  };
}
