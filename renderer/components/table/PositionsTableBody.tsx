/**
 * The virtualized body: only the rows in (and near) the viewport are in the DOM, so 500 positions
 * updating at 10 Hz cost what a screenful does. Rows have a fixed height and move by `transform`,
 * which changes on every scroll without causing layout.
 */
import type { Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PositionRow } from '../../../shared/position';
import type { PositionColumn } from '../../../shared/ui-constants';
import type { SymbolInfo } from '../../../shared/symbols';
import type { DisplayItem } from './display-rows';
import { NetRow } from './NetRow';
import type { PositionsFeatures } from './positions-columns';
import { PositionsTableRow, ROW_HEIGHT } from './PositionsTableRow';

type Item = DisplayItem<Row<PositionsFeatures, PositionRow>>;

interface Props {
  readonly items: readonly Item[];
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  readonly columns: readonly PositionColumn[];
  readonly thresholdPct: number;
  readonly scrollElement: HTMLDivElement | null;
  readonly onToggleGroup: (symbol: string) => void;
}

const itemKey = (item: Item) => (item.kind === 'net' ? `net:${item.net.symbol}` : item.row.id);

export function PositionsTableBody({ items, symbols, columns, thresholdPct, scrollElement, onToggleGroup }: Props) {
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT,
    // Keyed by position, so a row keeps its element when others are added, removed or re-sorted.
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : itemKey(item);
    },
    overscan: 8,
  });
  // The visible columns as one string: a row re-renders when they change, not when the array is rebuilt.
  const columnsKey = columns.join(',');

  return (
    <tbody role="rowgroup" className="positions-body" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((virtual) => {
        const item = items[virtual.index];
        if (item === undefined) return null;
        if (item.kind === 'net') {
          return (
            <NetRow
              key={itemKey(item)}
              net={item.net}
              legs={item.legs}
              collapsed={item.collapsed}
              grid={symbols.get(item.net.symbol)}
              columnsKey={columnsKey}
              index={virtual.index}
              start={virtual.start}
              onToggle={onToggleGroup}
            />
          );
        }
        return (
          <PositionsTableRow
            key={itemKey(item)}
            row={item.row}
            leg={item.leg}
            grid={symbols.get(item.row.original.symbol)}
            columnsKey={columnsKey}
            thresholdPct={thresholdPct}
            index={virtual.index}
            start={virtual.start}
          />
        );
      })}
    </tbody>
  );
}
