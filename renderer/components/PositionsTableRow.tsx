/** One position. Memoized on the position object itself, which the store keeps when it did not change. */
import { FlexRender, type Row } from '@tanstack/react-table';
import { memo } from 'react';
import type { PositionRow } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import type { PositionsFeatures } from './positions-columns';

/** Pixels; rows are fixed-height so the virtualizer never has to measure them. */
export const ROW_HEIGHT = 28;

interface Props {
  readonly row: Row<PositionsFeatures, PositionRow>;
  /** The symbol's grid. The cells read it from the table meta; it is a prop so that a row
   *  re-renders when the symbol list arrives. */
  readonly grid: SymbolInfo | undefined;
  readonly index: number;
  readonly start: number;
}

function PositionsTableRowView({ row, index, start }: Props) {
  return (
    <tr
      role="row"
      className="positions-row"
      data-row-key={row.original.key}
      // Row 1 is the header; only visible rows are in the DOM, so say where each one sits.
      aria-rowindex={index + 2}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
    >
      {row.getAllCells().map((cell) => (
        <td
          key={cell.id}
          role="cell"
          data-col={cell.column.id}
          className={cell.column.columnDef.meta?.numeric === true ? 'num' : undefined}
        >
          <FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  );
}

/**
 * TanStack builds new Row objects whenever `data` changes, so the default shallow comparison would
 * re-render every row on every update. Compare what a row shows instead: its position object
 * (kept by `applyPositionsPush` when unchanged), its grid and its place.
 */
export const PositionsTableRow = memo(
  PositionsTableRowView,
  (prev, next) =>
    prev.row.original === next.row.original &&
    prev.grid === next.grid &&
    prev.index === next.index &&
    prev.start === next.start,
);
