/**
 * uPnL history per position for the sparklines: a bounded buffer per row key, fed by row updates.
 * A sample is kept at most once per `SPARK_SPACING_MS` (marks tick several times a second; the line
 * draws the row's live value as its last point, so nothing in between is lost on screen), and only
 * the newest `SPARK_LIMIT` samples are kept (the oldest drop off, like a ring buffer). Buffers are
 * replaced, never mutated, so a row's sparkline changes reference only when it gains a sample.
 */
import type { PositionRow } from '../../shared/position';

export interface SparkSample {
  readonly at: number;
  readonly value: number;
}
export type SparkSeries = readonly SparkSample[];
export type SparkMap = ReadonlyMap<string, SparkSeries>;

export const SPARK_SPACING_MS = 1_000;
/** Five minutes at one sample a second. */
export const SPARK_LIMIT = 300;
export const SPARK_WINDOW_MS = SPARK_LIMIT * SPARK_SPACING_MS;

/** The series with one more sample, or the same series when the last sample is too recent. */
export function addSample(series: SparkSeries | undefined, at: number, value: number, limit = SPARK_LIMIT): SparkSeries {
  const last = series?.[series.length - 1];
  if (series !== undefined && last !== undefined && at - last.at < SPARK_SPACING_MS) return series;
  const kept = series === undefined ? [] : series.length >= limit ? series.slice(series.length - limit + 1) : series;
  return [...kept, { at, value }];
}

/**
 * Samples the rows that changed between two views (a row object kept by the delta did not change).
 * Series of positions that left the view are kept for a window, so switching symbols and back does
 * not erase the history; after that they are dropped.
 */
export function recordRows(
  sparks: SparkMap,
  previous: readonly PositionRow[] | null,
  rows: readonly PositionRow[],
  now: number,
): SparkMap {
  const before = new Map(previous?.map((row) => [row.key, row]));
  let next: Map<string, SparkSeries> | null = null;
  for (const row of rows) {
    if (before.get(row.key) === row) continue;
    const series = sparks.get(row.key);
    const grown = addSample(series, now, row.derived.unrealizedPnl);
    if (grown === series) continue;
    next ??= new Map(sparks);
    next.set(row.key, grown);
  }
  if (next === null) return sparks;
  const inView = new Set(rows.map((row) => row.key));
  for (const [key, series] of next) {
    const last = series[series.length - 1];
    if (!inView.has(key) && (last === undefined || now - last.at > SPARK_WINDOW_MS)) next.delete(key);
  }
  return next;
}

/**
 * SVG polyline points for a series plus the live value, spread evenly across `width` and scaled to
 * the series' own range (a flat line sits in the middle). Empty when there is nothing to draw.
 */
export function sparkPoints(series: SparkSeries | undefined, live: number, width: number, height: number): string {
  const values = [...(series ?? []).map((sample) => sample.value), live];
  if (values.length < 2) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const pad = 1;
  const usable = height - 2 * pad;
  return values
    .map((value, index) => {
      const x = (index / (values.length - 1)) * width;
      const y = span === 0 ? height / 2 : pad + usable - ((value - min) / span) * usable;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (value: number) => Math.round(value * 10) / 10;
