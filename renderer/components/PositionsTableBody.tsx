/**
 * The virtualized body: only the rows in (and near) the viewport are in the DOM, so 500 positions
 * updating at 10 Hz cost what a screenful does. Rows have a fixed height and move by `transform`,
 * which changes on every scroll without causing layout.
 */
import type { Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PositionRow } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import type { PositionsFeatures } from './positions-columns';
import { PositionsTableRow, ROW_HEIGHT } from './PositionsTableRow';

interface Props {
  readonly rows: readonly Row<PositionsFeatures, PositionRow>[];
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  readonly scrollElement: HTMLDivElement | null;
}

export function PositionsTableBody({ rows, symbols, scrollElement }: Props) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT,
    // Keyed by position, so a row keeps its element when others are added, removed or re-sorted.
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
  });

  return (
    <tbody role="rowgroup" className="positions-body" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        if (row === undefined) return null;
        return (
          <PositionsTableRow
            key={row.id}
            row={row}
            grid={symbols.get(row.original.symbol)}
            index={item.index}
            start={item.start}
          />
        );
      })}
    </tbody>
  );
}
