/**
 * One position. Memoized on the position object itself, which the store keeps when it did not
 * change, so a mark tick on one symbol re-renders that symbol's rows only, and within them only the
 * cells whose figures moved (PositionCell). The row also listens to
 * three small things of its own: whether it turned stale, whether figures stopped flowing, and its
 * latest alert (which makes it flash).
 */
import type { Row } from '@tanstack/react-table';
import { memo } from 'react';
import type { PositionRow } from '../../../shared/position';
import type { SymbolInfo } from '../../../shared/symbols';
import { selectDataFlowing } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { useClock } from '../clock';
import { dataTimeOf, STALE_AFTER_MS } from './cells';
import type { PositionsFeatures } from './positions-columns';
import { PositionCell, shownOf } from './PositionCell';
import { countRender } from './render-counts';
import { riskLevel } from './risk';

/** Pixels; rows are fixed-height so the virtualizer never has to measure them. */
export const ROW_HEIGHT = 30;

/** How long a row flashes after an alert about it (ms); matches the CSS animation. */
export const FLASH_MS = 3_000;

interface Props {
  readonly row: Row<PositionsFeatures, PositionRow>;
  /** A hedge leg drawn under its net row. */
  readonly leg: boolean;
  /** The symbol's grid. The cells read it from the table meta; it is a prop so that a row and its
   *  cells re-render when the symbol list arrives. */
  readonly grid: SymbolInfo | undefined;
  /** The visible columns, joined: a change of columns re-renders every row. */
  readonly columnsKey: string;
  readonly thresholdPct: number;
  readonly index: number;
  readonly start: number;
}

function PositionsTableRowView({ row, leg, grid, thresholdPct, index, start }: Props) {
  const position = row.original;
  countRender(position.key);
  const at = dataTimeOf(position);
  const old = useClock((now) => now - at > STALE_AFTER_MS);
  const flowing = useAppStore(selectDataFlowing);
  const flash = useAppStore((state) => state.alerts.flashes.get(position.key));
  const danger = riskLevel(position.derived.liquidationDistancePct, thresholdPct) === 'high';
  // Only a recent alert flashes: a row scrolled back into view later does not flash again.
  const flashing = flash !== undefined && Date.now() - flash.at < FLASH_MS;

  const classes = ['positions-row'];
  if (leg) classes.push('leg');
  if (old || !flowing) classes.push('stale');
  if (danger) classes.push('danger');
  if (flashing) classes.push('row-flash', flash.count % 2 === 0 ? 'flash-b' : 'flash-a');

  return (
    <tr
      role="row"
      className={classes.join(' ')}
      data-row-key={position.key}
      data-stale={old || !flowing ? 'true' : undefined}
      data-flash={flashing ? flash.count : undefined}
      // Row 1 is the header; only visible rows are in the DOM, so say where each one sits.
      aria-rowindex={index + 2}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
    >
      {row.getVisibleCells().map((cell) => (
        <PositionCell key={cell.id} cell={cell} shown={shownOf(cell, position)} grid={grid} thresholdPct={thresholdPct} leg={leg} />
      ))}
    </tr>
  );
}

/**
 * TanStack builds new Row objects whenever `data` changes, so the default shallow comparison would
 * re-render every row on every update. Compare what a row shows instead: its position object
 * (kept by `applyPositionsPush` when unchanged), its grid, columns, threshold and place.
 */
export const PositionsTableRow = memo(
  PositionsTableRowView,
  (prev, next) =>
    prev.row.original === next.row.original &&
    prev.leg === next.leg &&
    prev.grid === next.grid &&
    prev.columnsKey === next.columnsKey &&
    prev.thresholdPct === next.thresholdPct &&
    prev.index === next.index &&
    prev.start === next.start,
);
