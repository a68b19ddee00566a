/**
 * The positions table: TanStack owns sorting, column order and visibility; hedge legs are grouped
 * under net rows after sorting; the body virtualizes. `data` is the store's own rows array, whose
 * reference changes only when main sends a real update.
 */
import { FlexRender, useTable, type Header } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import type { PositionRow } from '../../../shared/position';
import { resolveColumns, tableColumnState } from '../../store/column-prefs';
import { selectColumnPrefs, selectHedgeNets, selectRows, selectSymbolMap, selectThreshold } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { groupHedgeLegs } from './display-rows';
import { positionsColumns, positionsFeatures, type PositionsFeatures } from './positions-columns';
import { PositionsTableBody } from './PositionsTableBody';

const getRowId = (row: PositionRow) => row.key;
const shapeOf = (row: { original: PositionRow }) => row.original;

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

export function PositionsTable() {
  const data = useAppStore(selectRows);
  const symbols = useAppStore(selectSymbolMap);
  const thresholdPct = useAppStore(selectThreshold);
  const prefs = useAppStore(selectColumnPrefs);
  const nets = useAppStore(selectHedgeNets);
  const columns = useMemo(() => resolveColumns(prefs), [prefs]);
  const columnState = useMemo(() => tableColumnState(columns), [columns]);
  const meta = useMemo(() => ({ symbols, thresholdPct }), [symbols, thresholdPct]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  // State rather than a ref: React attaches a parent's ref only after its children's layout effects
  // ran, so the body's virtualizer would find no element and show no rows until some later render.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const table = useTable({
    features: positionsFeatures,
    columns: positionsColumns,
    data,
    getRowId,
    meta,
    state: columnState,
  });
  const rows = table.getRowModel().rows;
  const items = useMemo(() => groupHedgeLegs(rows, shapeOf, nets, collapsed), [rows, nets, collapsed]);
  const toggleGroup = useCallback((symbol: string) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(symbol)) next.add(symbol);
      return next;
    });
  }, []);

  return (
    // Focusable so the list scrolls from the keyboard.
    <div ref={setScrollElement} className="positions-scroll" tabIndex={0} role="region" aria-label="Open positions">
      {/* Explicit roles: the table elements are laid out as grid/flex rows for virtualization, and
          browsers have dropped native table semantics from tables restyled like this. */}
      <table role="table" aria-label="Positions" aria-rowcount={items.length + 1} className="positions-table">
        <thead role="rowgroup" className="positions-head">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} role="row" aria-rowindex={1} className="positions-row">
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        <PositionsTableBody
          items={items}
          symbols={symbols}
          columns={columns.visible}
          thresholdPct={thresholdPct}
          scrollElement={scrollElement}
          onToggleGroup={toggleGroup}
        />
      </table>
    </div>
  );
}

function HeaderCell({ header }: { header: Header<PositionsFeatures, PositionRow, unknown> }) {
  const sorted = header.column.getIsSorted();
  return (
    <th
      role="columnheader"
      data-col={header.column.id}
      className={header.column.columnDef.meta?.numeric === true ? 'num' : undefined}
      aria-sort={sorted === false ? 'none' : ARIA_SORT[sorted]}
    >
      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
        <FlexRender header={header} />
        <span className="sort-mark" aria-hidden="true">
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
        </span>
      </button>
    </th>
  );
}
