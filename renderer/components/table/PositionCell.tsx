/**
 * One cell of a position row, drawn again only when what it shows changes: its column's
 * `meta.shows` of the row (positions-columns.tsx), the symbol's grid, the risk threshold, or whether
 * the row is a hedge leg. A mark tick moves about half of a row's nineteen cells; the rest keep
 * their elements and cost React nothing. Cells that follow other things (the clock, the account's
 * ratio, a sparkline's history) subscribe to them themselves, which a skipped render does not stop.
 */
import { FlexRender, type Cell } from '@tanstack/react-table';
import { memo } from 'react';
import type { PositionRow } from '../../../shared/position';
import type { SymbolInfo } from '../../../shared/symbols';
import { OnNetRowCell } from './funding-cells';
import type { PositionsFeatures, Shown } from './positions-columns';

interface Props {
  readonly cell: Cell<PositionsFeatures, PositionRow, unknown>;
  /** The column's `meta.shows` of the row: the cell re-renders when one of these changes. */
  readonly shown: Shown | typeof ALWAYS;
  readonly grid: SymbolInfo | undefined;
  readonly thresholdPct: number;
  /** A hedge leg drawn under its net row. */
  readonly leg: boolean;
}

function PositionCellView({ cell, leg }: Props) {
  return (
    <td role="cell" data-col={cell.column.id} className={cell.column.columnDef.meta?.numeric === true ? 'num' : undefined}>
      {/* Funding is booked per symbol: a hedge leg leaves it to its net row, so it is not shown twice. */}
      {leg && cell.column.id === 'fundingToday' ? <OnNetRowCell /> : <FlexRender cell={cell} />}
    </td>
  );
}

/**
 * For a column that does not say what it shows: drawn on every render of its row. Every column says
 * today (cell-shows.test.ts requires it); a new one without `shows` is then only slower, never stale.
 */
const ALWAYS = Symbol('always drawn');

/** Whether two `shows` results are the same, value by value (the memo's test; exported for its property test). */
export function sameShown(a: Shown | typeof ALWAYS, b: Shown | typeof ALWAYS): boolean {
  if (a === ALWAYS || b === ALWAYS) return false;
  if (!Array.isArray(a) || !Array.isArray(b)) return Object.is(a, b);
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/** What the cell shows of the row, as its column says. */
export function shownOf(cell: Cell<PositionsFeatures, PositionRow, unknown>, row: PositionRow): Shown | typeof ALWAYS {
  const shows = cell.column.columnDef.meta?.shows;
  return shows === undefined ? ALWAYS : shows(row);
}

export const PositionCell = memo(
  PositionCellView,
  (prev, next) =>
    prev.cell.column.id === next.cell.column.id &&
    prev.grid === next.grid &&
    prev.thresholdPct === next.thresholdPct &&
    prev.leg === next.leg &&
    sameShown(prev.shown, next.shown),
);
