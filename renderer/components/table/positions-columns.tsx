/**
 * The positions table's features and columns, at module scope so their references never change
 * (TanStack reprocesses the table whenever they do). Column ids are the contract's POSITION_COLUMNS
 * and double as test hooks (`data-col`).
 *
 * Each accessor returns what the column sorts by; cells render the exchange's strings through
 * `shared/format.ts` on the symbol's grid. The numbers made here are sort keys only, never shown.
 * Where a figure is not available ("—") the accessor returns undefined, sorted last both ways.
 *
 * Each column also says what of a row its cell shows (`meta.shows`): a cell is drawn again only
 * when that changes (PositionCell.tsx), so a mark tick redraws the handful of cells it moves, not
 * all nineteen. test/unit/renderer/cell-shows.test.ts checks every column's list over random rows: rows
 * that agree on it render the same markup.
 */
import {
  columnOrderingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createSortedRowModel,
  metaHelper,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_text,
  tableFeatures,
  type CellContext,
} from '@tanstack/react-table';
import { isZeroDecimal } from '../../../shared/decimal';
import type { PositionRow } from '../../../shared/position';
import type { PositionColumn } from '../../../shared/ui-constants';
import type { SymbolInfo } from '../../../shared/symbols';
import { directionOf } from '../../store/badges';
import { amountText } from '../figures';
import { priceText, quantityText } from '../grid-format';
import { COLUMN_LABEL } from '../labels';
import { AgeCell, dataTimeOf, MarginModeCell, PnlCell, Quantity, RiskCell, SideCell, SignedPercent, UpdatingCell } from './cells';
import { AdlCell, FundingAmountCell, FundingCell, MarginRatioCell } from './funding-cells';

interface PositionsTableMeta {
  /** The symbol list by name, for each row's tick and step size. */
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  /** The liquidation-distance alert threshold (%), which colours the distance bar. */
  readonly thresholdPct: number;
}

/** What a cell shows of its row: primitives, compared one by one. */
export type Shown = string | number | boolean | null | undefined | readonly (string | number | boolean | null | undefined)[];

interface PositionsColumnMeta {
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** Every value of the row the cell's output depends on (the symbol's grid and the threshold come apart). */
  readonly shows: (row: PositionRow) => Shown;
}

export const positionsFeatures = tableFeatures({
  rowSortingFeature,
  columnOrderingFeature,
  columnVisibilityFeature,
  sortedRowModel: createSortedRowModel(),
  // 'auto' sorting picks these for text columns (symbol names mix letters and digits); numbers sort as numbers.
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

/** A decimal string as a sort key; "0" (the exchange's "not available") sorts last. */
const priceKey = (value: string) => (isZeroDecimal(value) ? undefined : Number(value));
const nullableKey = (value: number | null) => value ?? undefined;

const numeric = (shows: (row: PositionRow) => Shown) => ({ meta: { numeric: true, shows }, sortUndefined: 'last' as const });
const shows = (pick: (row: PositionRow) => Shown) => ({ meta: { shows: pick } });
const pending = (row: PositionRow) => row.liquidationPending === true;
const price = (pick: (row: PositionRow) => string) => (context: Context) =>
  priceText(pick(context.row.original), gridOf(context));

const column = createColumnHelper<PositionsFeatures, PositionRow>();
const label = (id: PositionColumn) => ({ id, header: COLUMN_LABEL[id] });

export const positionsColumns = column.columns([
  column.accessor('symbol', { ...label('symbol'), ...shows((row) => row.symbol), cell: ({ row }) => <span className="symbol">{row.original.symbol}</span> }),
  column.accessor(directionOf, { ...label('side'), ...shows((row) => [directionOf(row), row.positionSide]), cell: ({ row }) => <SideCell row={row.original} /> }),
  column.accessor((row) => Math.abs(Number(row.positionAmt)), {
    ...label('size'),
    ...numeric((row) => row.positionAmt),
    cell: (context) => (
      <Quantity text={quantityText(context.row.original.positionAmt, gridOf(context))} unit={gridOf(context)?.baseAsset} />
    ),
  }),
  column.accessor((row) => Math.abs(row.derived.notional), {
    ...label('notional'),
    ...numeric((row) => row.derived.notional),
    cell: ({ row }) => amountText(Math.abs(row.original.derived.notional)),
  }),
  column.accessor((row) => priceKey(row.entryPrice), { ...label('entry'), ...numeric((row) => row.entryPrice), cell: price((row) => row.entryPrice) }),
  column.accessor((row) => priceKey(row.breakEvenPrice), {
    ...label('breakEven'),
    ...numeric((row) => row.breakEvenPrice),
    cell: price((row) => row.breakEvenPrice),
  }),
  column.accessor((row) => priceKey(row.derived.markPrice), {
    ...label('mark'),
    ...numeric((row) => row.derived.markPrice),
    cell: price((row) => row.derived.markPrice),
  }),
  // While a resize or flip awaits its snapshot the held price is stale: "updating", never that price.
  column.accessor((row) => (row.liquidationPending === true ? undefined : priceKey(row.liquidationPrice)), {
    ...label('liquidation'),
    ...numeric((row) => [pending(row), row.liquidationPrice]),
    cell: (context) => (context.row.original.liquidationPending === true ? <UpdatingCell /> : price((row) => row.liquidationPrice)(context)),
  }),
  column.accessor((row) => nullableKey(row.derived.liquidationDistancePct), {
    ...label('liqDistance'),
    ...numeric((row) => [pending(row), row.derived.liquidationDistancePct]),
    cell: ({ row, table }) =>
      row.original.liquidationPending === true ? (
        <UpdatingCell />
      ) : (
        <RiskCell distancePct={row.original.derived.liquidationDistancePct} thresholdPct={table.options.meta?.thresholdPct ?? 5} />
      ),
  }),
  // Cross before isolated, then by leverage.
  column.accessor((row) => (row.marginType === 'isolated' ? 1000 : 0) + Number(row.leverage), {
    ...label('marginType'),
    ...shows((row) => [row.marginType, row.leverage]),
    cell: ({ row }) => <MarginModeCell row={row.original} />,
  }),
  column.accessor((row) => row.derived.margin, {
    ...label('margin'),
    ...numeric((row) => row.derived.margin),
    cell: ({ row }) => amountText(row.original.derived.margin),
  }),
  // Sorted by the position's own ratio: cross rows (which show the account's) sort last.
  column.accessor((row) => nullableKey(row.derived.marginRatioPct), {
    ...label('marginRatio'),
    ...numeric((row) => [row.marginType, row.derived.marginRatioPct]),
    cell: ({ row }) => <MarginRatioCell row={row.original} />,
  }),
  column.accessor((row) => row.derived.unrealizedPnl, {
    ...label('upnl'),
    ...numeric((row) => [row.key, row.derived.unrealizedPnl]),
    cell: ({ row }) => <PnlCell row={row.original} />,
  }),
  column.accessor((row) => nullableKey(row.derived.roePct), {
    ...label('roe'),
    ...numeric((row) => row.derived.roePct),
    cell: ({ row }) => <SignedPercent value={row.original.derived.roePct} />,
  }),
  column.accessor((row) => nullableKey(row.derived.fundingRate), {
    ...label('funding'),
    ...numeric((row) => [row.derived.fundingRate, row.derived.nextFundingTime, row.derived.fundingIntervalHours]),
    cell: ({ row }) => <FundingCell row={row.original} />,
  }),
  column.accessor((row) => nullableKey(row.derived.estimatedFunding), {
    ...label('estFunding'),
    ...numeric((row) => row.derived.estimatedFunding),
    cell: (context) => <FundingAmountCell amount={context.row.original.derived.estimatedFunding} currency={gridOf(context)?.marginAsset} what="next" />,
  }),
  column.accessor((row) => row.fundingToday ?? undefined, {
    ...label('fundingToday'),
    ...numeric((row) => row.fundingToday),
    cell: (context) => <FundingAmountCell amount={context.row.original.fundingToday} currency={gridOf(context)?.marginAsset} what="today" />,
  }),
  column.accessor((row) => row.adl ?? undefined, {
    ...label('adl'),
    ...numeric((row) => row.adl),
    cell: ({ row }) => <AdlCell adl={row.original.adl} />,
  }),
  // Sorted by data time, inverted: ascending puts the freshest (smallest age) first.
  column.accessor(dataTimeOf, {
    ...label('age'),
    ...numeric(dataTimeOf),
    invertSorting: true,
    cell: ({ row }) => <AgeCell at={dataTimeOf(row.original)} />,
  }),
]);
