/**
 * The positions table's features and columns, at module scope so their references never change
 * (TanStack reprocesses the table whenever they do). Column ids are stable test hooks (`data-col`).
 *
 * Each accessor returns what the column sorts by; cells render the exchange's strings through
 * `shared/format.ts` on the symbol's grid. The numbers made here are sort keys only, never shown.
 */
import {
  createColumnHelper,
  createSortedRowModel,
  metaHelper,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_text,
  tableFeatures,
  type CellContext,
} from '@tanstack/react-table';
import { isZeroDecimal } from '../../shared/decimal';
import { formatPercent, formatPnl } from '../../shared/format';
import type { PositionRow } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import { priceText, quantityText } from './grid-format';
import { MARGIN_TYPE_LABEL } from './labels';

interface PositionsTableMeta {
  /** The symbol list by name, for each row's tick and step size. */
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
}

interface PositionsColumnMeta {
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

export const positionsFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  // 'auto' sorting picks these for text columns (symbol names mix letters and digits).
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text },
  tableMeta: metaHelper<PositionsTableMeta>(),
  columnMeta: metaHelper<PositionsColumnMeta>(),
});
export type PositionsFeatures = typeof positionsFeatures;

type Context = CellContext<PositionsFeatures, PositionRow, unknown>;

/** The grid of the row's symbol, or undefined while the symbol list is not loaded. */
function gridOf({ row, table }: Context): SymbolInfo | undefined {
  return table.options.meta?.symbols.get(row.original.symbol);
}

/** One-way rows (BOTH) are long or short by the sign of their amount; hedge legs say it themselves. */
function sideOf(row: PositionRow): 'LONG' | 'SHORT' {
  if (row.positionSide !== 'BOTH') return row.positionSide;
  return row.positionAmt.startsWith('-') ? 'SHORT' : 'LONG';
}

function toneOf(value: number | null): string | undefined {
  if (value === null || value === 0) return undefined;
  return value > 0 ? 'gain' : 'loss';
}

function SideCell({ row }: { row: PositionRow }) {
  const side = sideOf(row);
  return (
    <>
      <span className={side === 'LONG' ? 'side side-long' : 'side side-short'}>{side}</span>
      <span className="side-mode">{row.positionSide === 'BOTH' ? 'one-way' : 'hedge'}</span>
    </>
  );
}

const numeric = { meta: { numeric: true } };
const price = (pick: (row: PositionRow) => string) => (context: Context) =>
  priceText(pick(context.row.original), gridOf(context));

const column = createColumnHelper<PositionsFeatures, PositionRow>();

export const positionsColumns = column.columns([
  column.accessor('symbol', { id: 'symbol', header: 'Symbol' }),
  column.accessor(sideOf, { id: 'side', header: 'Side', cell: ({ row }) => <SideCell row={row.original} /> }),
  column.accessor((row) => Math.abs(Number(row.positionAmt)), {
    id: 'size',
    header: 'Size',
    ...numeric,
    cell: (context) => quantityText(context.row.original.positionAmt, gridOf(context)),
  }),
  column.accessor((row) => Number(row.entryPrice), {
    id: 'entry',
    header: 'Entry',
    ...numeric,
    cell: price((row) => row.entryPrice),
  }),
  column.accessor((row) => Number(row.breakEvenPrice), {
    id: 'breakEven',
    header: 'Break-even',
    ...numeric,
    cell: price((row) => row.breakEvenPrice),
  }),
  column.accessor((row) => Number(row.derived.markPrice), {
    id: 'mark',
    header: 'Mark',
    ...numeric,
    cell: price((row) => row.derived.markPrice),
  }),
  // "0" means "no liquidation price" (e.g. fully hedged): sort those last, whatever the direction.
  column.accessor((row) => (isZeroDecimal(row.liquidationPrice) ? undefined : Number(row.liquidationPrice)), {
    id: 'liquidation',
    header: 'Liq. price',
    ...numeric,
    sortUndefined: 'last',
    cell: price((row) => row.liquidationPrice),
  }),
  column.accessor((row) => row.derived.unrealizedPnl, {
    id: 'upnl',
    header: 'uPnL',
    ...numeric,
    cell: ({ row }) => (
      <span className={toneOf(row.original.derived.unrealizedPnl)}>{formatPnl(row.original.derived.unrealizedPnl)}</span>
    ),
  }),
  column.accessor((row) => row.derived.roePct ?? undefined, {
    id: 'roe',
    header: 'ROE %',
    ...numeric,
    sortUndefined: 'last',
    cell: ({ row }) => <span className={toneOf(row.original.derived.roePct)}>{formatPercent(row.original.derived.roePct)}</span>,
  }),
  column.accessor((row) => Number(row.leverage), {
    id: 'leverage',
    header: 'Leverage',
    ...numeric,
    cell: ({ row }) => `${row.original.leverage}×`,
  }),
  column.accessor('marginType', {
    id: 'marginType',
    header: 'Margin type',
    cell: ({ row }) => MARGIN_TYPE_LABEL[row.original.marginType],
  }),
]);
