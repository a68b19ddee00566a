/** The positions table's cells that are more than a formatted string. */
import { formatPercent, formatPnl, NOT_AVAILABLE } from '../../../shared/format';
import type { PositionRow } from '../../../shared/position';
import { directionOf } from '../../store/badges';
import { sparkPoints } from '../../store/sparklines';
import { useAppStore } from '../../store/store';
import { useClock } from '../clock';
import { ageText, percentText } from '../figures';
import { MARGIN_TYPE_LABEL } from '../labels';
import { riskFill, riskLevel } from './risk';

/** Rows older than this are dimmed: marks tick every second, snapshots come every few. */
export const STALE_AFTER_MS = 10_000;

/** When the row's figures last changed: its newest mark tick or snapshot. */
export function dataTimeOf(row: Pick<PositionRow, 'markAt' | 'snapshotAt'>): number {
  return Math.max(row.markAt ?? 0, row.snapshotAt);
}

export function toneOf(value: number | null): 'gain' | 'loss' | undefined {
  if (value === null || value === 0 || !Number.isFinite(value)) return undefined;
  return value > 0 ? 'gain' : 'loss';
}

export function SideCell({ row }: { row: PositionRow }) {
  const side = directionOf(row);
  return (
    <>
      <span className={side === 'LONG' ? 'side side-long' : 'side side-short'}>{side}</span>
      {/* One-way rows are the exchange's BOTH side: say so, quietly. */}
      {row.positionSide === 'BOTH' && <span className="side-mode">BOTH</span>}
    </>
  );
}

/** A size; the coin is drawn by CSS from `data-unit`, so the cell's text is the number alone. */
export function Quantity({ text, unit }: { text: string; unit: string | undefined }) {
  return (
    <span className="qty" data-unit={unit}>
      {text}
    </span>
  );
}

/**
 * A figure the exchange is about to send again: the liquidation price after an ACCOUNT_UPDATE that
 * resized or flipped the position, until the snapshot that follows (the stream does not carry it).
 * Neither the stale value nor "—", which would say there is none.
 */
export function UpdatingCell() {
  return (
    <span className="muted updating" data-updating="true" title="The exchange is sending the new liquidation price">
      updating…
    </span>
  );
}

const BAR_WIDTH = 44;

/** Distance to liquidation: the percentage and a small bar coloured by risk against the threshold. */
export function RiskCell({ distancePct, thresholdPct }: { distancePct: number | null; thresholdPct: number }) {
  if (distancePct === null) return <span className="muted">{NOT_AVAILABLE}</span>;
  const level = riskLevel(distancePct, thresholdPct);
  return (
    <span className={`risk risk-${level}`}>
      <span className="risk-bar" aria-hidden="true" style={{ width: BAR_WIDTH }}>
        <span className="risk-fill" style={{ width: Math.round(riskFill(distancePct, thresholdPct) * BAR_WIDTH) }} />
      </span>
      <span className="risk-text">{percentText(distancePct)}</span>
    </span>
  );
}

/** "Cross 20×". The leverage keeps its own `data-col="leverage"` hook inside the margin-mode cell. */
export function MarginModeCell({ row }: { row: PositionRow }) {
  return (
    <>
      <span className="margin-type">{MARGIN_TYPE_LABEL[row.marginType]}</span>{' '}
      <span className="leverage" data-col="leverage">
        {row.leverage}×
      </span>
    </>
  );
}

export function SignedPercent({ value }: { value: number | null }) {
  return <span className={toneOf(value)}>{formatPercent(value)}</span>;
}

const SPARK_WIDTH = 40;
const SPARK_HEIGHT = 16;

/** The uPnL history of one position, plus its live value. Subscribes to its own series only. */
function Sparkline({ rowKey, live }: { rowKey: string; live: number }) {
  const series = useAppStore((state) => state.sparks.get(rowKey));
  const points = sparkPoints(series, live, SPARK_WIDTH, SPARK_HEIGHT);
  const first = series?.[0]?.value ?? live;
  return (
    <svg
      className={`spark ${live >= first ? 'spark-up' : 'spark-down'}`}
      width={SPARK_WIDTH}
      height={SPARK_HEIGHT}
      viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      {points !== '' && <polyline points={points} />}
    </svg>
  );
}

/** uPnL, signed and coloured, after its sparkline. */
export function PnlCell({ row }: { row: PositionRow }) {
  const value = row.derived.unrealizedPnl;
  return (
    <>
      <Sparkline rowKey={row.key} live={value} />
      <span className={`pnl ${toneOf(value) ?? ''}`}>{formatPnl(value)}</span>
    </>
  );
}

/** "2 s": re-renders itself with the clock, so the row around it does not. */
export function AgeCell({ at }: { at: number }) {
  const text = useClock((now) => ageText(now - at));
  return <span className="age">{text}</span>;
}
