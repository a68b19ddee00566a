/**
 * The plain-text positions table (no colours, no dependency): the app's columns, with prices on
 * each symbol's tick grid and sizes on its step grid through shared/format.ts. Without exchange
 * info (tick sizes unknown) the exchange's strings are shown as they are.
 */
import type { ConnectionStatus, DemoAccount, Environment } from '../../shared/connection';
import { formatAmount, formatPercent, formatPnl, formatPrice, formatQuantity } from '../../shared/format';
import type { PositionRow, PositionsView } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import { accountSummaryLine } from './account-json';
import { displayWidth, padDisplay } from './text-width';

export interface TableInput {
  view: PositionsView;
  status: ConnectionStatus | null;
  environment: Environment;
  demoAccount: DemoAccount | null;
  symbols: ReadonlyMap<string, SymbolInfo>;
  now: number;
  /** Rows of positions to show at most (a terminal's height); the rest are counted. */
  maxRows?: number;
}

type Align = 'left' | 'right';
interface Column {
  title: string;
  align: Align;
  cell: (row: PositionRow, info: SymbolInfo | undefined, now: number) => string;
}

const STATE_LABEL: Readonly<Record<string, string>> = {
  connecting: 'connecting…',
  live: 'live',
  degraded: 'degraded',
  reconnecting: 'reconnecting…',
  'auth-failed': 'AUTHENTICATION FAILED',
  banned: 'BANNED by the exchange',
  offline: 'offline',
};

const price = (value: string, info: SymbolInfo | undefined): string =>
  info === undefined ? value : formatPrice(value, info.tickSize);

/** The app table's word for a liquidation price the exchange is still sending (cells.tsx). */
export const UPDATING = 'updating…';

/**
 * While an ACCOUNT_UPDATE's snapshot is awaited the held liquidation price is the stale one
 * (shared/position.ts `liquidationPending`): say "updating…", never that price.
 */
const liquidationCell = (row: PositionRow, text: () => string): string => (row.liquidationPending === true ? UPDATING : text());

const COLUMNS: readonly Column[] = [
  { title: 'SYMBOL', align: 'left', cell: (row) => row.symbol },
  { title: 'SIDE', align: 'left', cell: (row) => sideLabel(row) },
  {
    title: 'SIZE',
    align: 'right',
    cell: (row, info) => (info === undefined ? row.positionAmt.replace(/^-/, '') : formatQuantity(row.positionAmt, info.stepSize)),
  },
  { title: 'ENTRY', align: 'right', cell: (row, info) => price(row.entryPrice, info) },
  { title: 'BREAK-EVEN', align: 'right', cell: (row, info) => price(row.breakEvenPrice, info) },
  { title: 'MARK', align: 'right', cell: (row, info) => price(row.derived.markPrice, info) },
  { title: 'LIQ.PRICE', align: 'right', cell: (row, info) => liquidationCell(row, () => price(row.liquidationPrice, info)) },
  { title: 'TO LIQ', align: 'right', cell: (row) => liquidationCell(row, () => formatPercent(row.derived.liquidationDistancePct)) },
  { title: 'MARGIN', align: 'left', cell: (row) => `${row.marginType === 'isolated' ? 'iso' : 'cross'} ${row.leverage}x` },
  { title: 'MARGIN AMT', align: 'right', cell: (row) => formatAmount(row.derived.margin) },
  { title: 'uPnL', align: 'right', cell: (row) => formatPnl(row.derived.unrealizedPnl) },
  { title: 'ROE', align: 'right', cell: (row) => formatPercent(row.derived.roePct) },
  { title: 'NOTIONAL', align: 'right', cell: (row) => formatAmount(row.derived.notional) },
  { title: 'AGE', align: 'right', cell: (row, _info, now) => formatAge(now - (row.markAt ?? row.snapshotAt)) },
];

/** One-way rows are BOTH; the sign of the amount says which way they point. */
function sideLabel(row: PositionRow): string {
  if (row.positionSide !== 'BOTH') return row.positionSide;
  return row.positionAmt.startsWith('-') ? 'SHORT' : 'LONG';
}

/** "0.4s", "12s", "3m", "2h": the age of a row's newest data. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}

const DEMO_ACCOUNT_NAME: Record<DemoAccount, string> = { oneway: 'one-way', hedge: 'hedge', multi: 'Multi-Assets' };

function environmentLabel(environment: Environment, demoAccount: DemoAccount | null): string {
  if (environment !== 'demo') return environment.toUpperCase();
  return `DEMO${demoAccount === null ? '' : ` (${DEMO_ACCOUNT_NAME[demoAccount]} account)`}`;
}

function headerLines(input: TableInput): string[] {
  const { view, status, now } = input;
  const state = status === null ? 'connecting…' : (STATE_LABEL[status.state] ?? status.state);
  const parts = [`PerpDesk · ${environmentLabel(input.environment, input.demoAccount)}`, state];
  if (status?.latencyMs !== null && status?.latencyMs !== undefined) parts.push(`${status.latencyMs} ms`);
  if (view.snapshotAt !== null) parts.push(`snapshot ${formatAge(now - view.snapshotAt)} ago`);
  parts.push(new Date(now).toLocaleTimeString('en-GB', { hour12: false }));
  const { summary } = view;
  const totals = [
    `${summary.positions} position${summary.positions === 1 ? '' : 's'}${view.selectedSymbol === null ? '' : ` in ${view.selectedSymbol}`}`,
    `mode ${view.mode === 'oneway' ? 'one-way' : view.mode}`,
    // Multi-Assets: one currency per total, never USDC summed into USDT (the engine gives null then).
    ...(summary.unrealizedPnl === null || summary.notional === null
      ? (summary.byAsset ?? []).map((t) => `${t.asset} uPnL ${formatPnl(t.unrealizedPnl)} notional ${formatAmount(t.notional)}`)
      : [`uPnL ${formatPnl(summary.unrealizedPnl)}`, `notional ${formatAmount(summary.notional)}`]),
  ];
  if (summary.worstKey !== null) totals.push(`closest to liquidation ${summary.worstKey} ${formatPercent(summary.worstLiquidationDistancePct)}`);
  const lines = [parts.join(' · ')];
  if (view.snapshotAt !== null || view.rows.length > 0) {
    lines.push(totals.join(' · '));
    if (view.account !== null) lines.push(accountSummaryLine(view.account));
  }
  if (status?.message) lines.push(`! ${status.message}`);
  return lines;
}

/** The table as lines of text (no trailing newline). */
export function renderTable(input: TableInput): string[] {
  const { view, symbols, now } = input;
  // No blank line inside a table: on a pipe, a blank line is what separates one table from the next.
  const lines = headerLines(input);
  if (view.rows.length === 0) {
    const mark = view.selectedMark;
    if (view.snapshotAt === null) lines.push('Waiting for the first snapshot…');
    else if (mark === null) lines.push(view.selectedSymbol === null ? 'No open positions.' : `No open position in ${view.selectedSymbol}.`);
    else lines.push(`No open position in ${mark.symbol} (mark ${price(mark.markPrice, symbols.get(mark.symbol))}).`);
    return lines;
  }
  const limit = input.maxRows ?? Number.POSITIVE_INFINITY;
  const shown = view.rows.slice(0, Math.max(1, limit));
  const cells = shown.flatMap((row) => {
    const info = symbols.get(row.symbol);
    const line = COLUMNS.map((column) => column.cell(row, info, now));
    const net = netLine(view, row);
    return net === null ? [line] : [line, net];
  });
  // Widths in terminal columns, not string length: a CJK symbol name takes two columns per character.
  const widths = COLUMNS.map((column, i) => Math.max(displayWidth(column.title), ...cells.map((line) => displayWidth(line[i] ?? ''))));
  const layout = (line: readonly string[]): string =>
    line
      .map((text, i) => padDisplay(text, widths[i] ?? 0, COLUMNS[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  lines.push(layout(COLUMNS.map((column) => column.title)));
  for (const line of cells) lines.push(layout(line));
  if (shown.length < view.rows.length) lines.push(`… ${view.rows.length - shown.length} more (narrow with --symbol)`);
  return lines;
}

/** Under the SHORT leg of a hedge symbol with both legs in view: the net amount, uPnL and notional. */
function netLine(view: PositionsView, row: PositionRow): string[] | null {
  if (row.positionSide !== 'SHORT') return null;
  if (!view.rows.some((other) => other.symbol === row.symbol && other.positionSide === 'LONG')) return null;
  const net = view.hedgeNets.find((candidate) => candidate.symbol === row.symbol);
  if (net === undefined) return null;
  const cells = COLUMNS.map(() => '');
  const set = (title: string, value: string): void => {
    const index = COLUMNS.findIndex((column) => column.title === title);
    if (index >= 0) cells[index] = value;
  };
  set('SIDE', '  net');
  set('SIZE', `${net.netAmount < 0 ? '−' : ''}${String(Math.abs(Number(net.netAmount.toPrecision(12))))}`);
  set('uPnL', formatPnl(net.netUnrealizedPnl));
  set('NOTIONAL', formatAmount(net.netNotional));
  return cells;
}
