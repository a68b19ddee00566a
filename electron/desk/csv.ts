/**
 * The current view as CSV, for a spreadsheet: exchange figures as the exchange wrote them (no
 * rounding, no thousands separators), derived figures as plain numbers, one row per position.
 */
import { DECIMAL_PATTERN } from '../../shared/decimal';
import type { PositionRow } from '../../shared/position';

const COLUMNS: ReadonlyArray<[header: string, value: (row: PositionRow) => string | number | null]> = [
  ['symbol', (row) => row.symbol],
  ['positionSide', (row) => row.positionSide],
  ['positionAmt', (row) => row.positionAmt],
  ['entryPrice', (row) => row.entryPrice],
  ['breakEvenPrice', (row) => row.breakEvenPrice],
  ['markPrice', (row) => row.derived.markPrice],
  // Empty while pending: the held price is stale after a resize or flip (PositionRow.liquidationPending).
  ['liquidationPrice', (row) => (row.liquidationPending === true ? null : row.liquidationPrice)],
  ['liquidationDistancePct', (row) => row.derived.liquidationDistancePct],
  ['marginType', (row) => row.marginType],
  ['leverage', (row) => row.leverage],
  ['margin', (row) => row.derived.margin],
  ['marginRatioPct', (row) => row.derived.marginRatioPct],
  ['notional', (row) => row.derived.notional],
  ['unrealizedPnl', (row) => row.derived.unrealizedPnl],
  ['roePct', (row) => row.derived.roePct],
  // The rate as a fraction (0.0001 = 0.01 %), as the exchange states it.
  ['fundingRate', (row) => row.derived.fundingRate ?? null],
  ['nextFundingTime', (row) => (row.derived.nextFundingTime == null ? null : new Date(row.derived.nextFundingTime).toISOString())], // eslint-disable-line eqeqeq -- null or undefined
  ['fundingIntervalHours', (row) => row.derived.fundingIntervalHours ?? null],
  // Positive: the position receives; negative: it pays.
  ['estimatedFunding', (row) => row.derived.estimatedFunding ?? null],
  ['fundingToday', (row) => row.fundingToday ?? null],
  ['adl', (row) => row.adl ?? null],
];

/** Quotes a field when it holds a separator, a quote or a line break; neutralises formula injection. */
function field(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(Number(value.toPrecision(12))) : value;
  // A cell starting with = + - @ is a formula to spreadsheets; prefix text (not decimals) with a quote.
  if (typeof value === 'string' && !DECIMAL_PATTERN.test(text) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function positionsCsv(rows: readonly PositionRow[]): string {
  const lines = [COLUMNS.map(([header]) => header).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, value]) => field(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
