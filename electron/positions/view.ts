/**
 * Turns the reducer state into what the table shows: open rows in a stable order (symbol, then
 * LONG before SHORT), narrowed to the selected symbol, with the position mode read from the sides,
 * the net figures of hedge symbols and the totals over the rows in view.
 */
import type { AccountView } from '../../shared/account';
import type { AssetTotals, HedgeNet, PositionMode, PositionRow, PositionsSummary, PositionsView } from '../../shared/position';
import type { PositionsState } from './reducer';

const SIDE_ORDER: Readonly<Record<string, number>> = { BOTH: 0, LONG: 1, SHORT: 2 };

function compareRows(a: PositionRow, b: PositionRow): number {
  if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
  return (SIDE_ORDER[a.positionSide] ?? 0) - (SIDE_ORDER[b.positionSide] ?? 0);
}

/** One-way accounts report only BOTH rows, hedge accounts only LONG/SHORT (PROTOCOL §5). */
export function positionMode(sides: ReadonlySet<string>): PositionMode {
  if (sides.has('LONG') || sides.has('SHORT')) return 'hedge';
  if (sides.has('BOTH')) return 'oneway';
  return 'unknown';
}

/** Net amount, uPnL and notional of each hedge symbol's legs (rows are sorted by symbol). */
export function hedgeNets(rows: readonly PositionRow[]): HedgeNet[] {
  const nets: HedgeNet[] = [];
  for (const row of rows) {
    if (row.positionSide === 'BOTH') continue;
    const last = nets[nets.length - 1];
    // Funding is booked per symbol, so both legs carry the symbol's figure (PositionRow.fundingToday).
    const net =
      last?.symbol === row.symbol
        ? last
        : { symbol: row.symbol, netAmount: 0, netUnrealizedPnl: 0, netNotional: 0, fundingToday: row.fundingToday ?? null };
    if (net !== last) nets.push(net);
    net.netAmount += Number(row.positionAmt);
    net.netUnrealizedPnl += row.derived.unrealizedPnl;
    net.netNotional += row.derived.notional;
  }
  return nets;
}

/** The margin asset of a symbol (electron/positions/margin-assets.ts). */
export type MarginAssetOf = (symbol: string) => string;

/**
 * Totals over the rows, per margin asset, and the row closest to liquidation. Figures of positions
 * margined in different assets are different currencies (Multi-Assets mode, PROTOCOL §13.9): they
 * are summed per asset, and the one-currency totals are null when there are several.
 */
export function summarize(rows: readonly PositionRow[], assetOf: MarginAssetOf = () => 'USDT'): PositionsSummary {
  const byAsset = new Map<string, AssetTotals>();
  let worstLiquidationDistancePct: number | null = null;
  let worstKey: string | null = null;
  for (const row of rows) {
    const asset = assetOf(row.symbol);
    let totals = byAsset.get(asset);
    if (totals === undefined) byAsset.set(asset, (totals = { asset, positions: 0, unrealizedPnl: 0, notional: 0 }));
    totals.positions++;
    totals.unrealizedPnl += row.derived.unrealizedPnl;
    totals.notional += Math.abs(row.derived.notional);
    const distance = row.derived.liquidationDistancePct;
    if (distance !== null && (worstLiquidationDistancePct === null || distance < worstLiquidationDistancePct)) {
      worstLiquidationDistancePct = distance;
      worstKey = row.key;
    }
  }
  const assets = [...byAsset.values()].sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
  const single = assets.length <= 1;
  return {
    positions: rows.length,
    unrealizedPnl: single ? (assets[0]?.unrealizedPnl ?? 0) : null,
    notional: single ? (assets[0]?.notional ?? 0) : null,
    byAsset: assets,
    worstLiquidationDistancePct,
    worstKey,
  };
}

export function buildView(
  state: PositionsState,
  selectedSymbol: string | null,
  version: number,
  snapshotAt: number | null,
  assetOf: MarginAssetOf = () => 'USDT',
  account: AccountView | null = null,
): PositionsView {
  const rows: PositionRow[] = [];
  const open = new Set<string>();
  for (const row of state.rows.values()) {
    open.add(row.symbol);
    if (selectedSymbol === null || row.symbol === selectedSymbol) rows.push(row);
  }
  rows.sort(compareRows);
  const mark = selectedSymbol === null ? undefined : state.marks.get(selectedSymbol);
  return {
    version,
    selectedSymbol,
    mode: positionMode(state.sides),
    rows,
    selectedMark:
      selectedSymbol === null || mark === undefined
        ? null
        : { symbol: selectedSymbol, markPrice: mark.markPrice, markTime: mark.eventTime },
    snapshotAt,
    openSymbols: [...open].sort(),
    hedgeNets: hedgeNets(rows),
    summary: summarize(rows, assetOf),
    account,
  };
}
