/**
 * Turns the reducer state into what the table shows: open rows in a stable order (symbol, then
 * LONG before SHORT), narrowed to the selected symbol, and the position mode read from the sides.
 */
import type { PositionMode, PositionRow, PositionsView } from '../../shared/position';
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

export function buildView(
  state: PositionsState,
  selectedSymbol: string | null,
  version: number,
  snapshotAt: number | null,
): PositionsView {
  const rows: PositionRow[] = [];
  for (const row of state.rows.values()) {
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
        : { symbol: selectedSymbol, markPrice: mark.price, markTime: mark.time },
    snapshotAt,
  };
}
