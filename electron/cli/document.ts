/**
 * The JSON the CLI prints. Each position carries the exchange's v1 `account.position` fields with
 * the exchange's strings unchanged, then what main derived from the live mark (`derived`) and how
 * old the row's data is. `snapshot --json` prints one document; `watch --json` prints one per line,
 * plus a `status` line whenever the connection state changes.
 */
import type { ConnectionState, ConnectionStatus, DemoAccount, Environment } from '../../shared/connection';
import { isZeroDecimal } from '../../shared/decimal';
import { accountJson, type AccountJson } from './account-json';
import {
  exchangeFields,
  positionKey,
  type Derived,
  type ExchangePosition,
  type HedgeNet,
  type PositionMode,
  type PositionRow,
  type PositionsSummary,
  type PositionsView,
} from '../../shared/position';

export type PositionJson = Omit<ExchangePosition, 'liquidationPrice'> & {
  /** The exchange's string, or null while it is sending a new one after an ACCOUNT_UPDATE
   * (`liquidationPending`): the held price is stale then and must not be read as current. */
  liquidationPrice: string | null;
  /** Null for a flat row (--all): nothing to derive. */
  derived: Derived | null;
  /** Local time (ms) the snapshot that last changed this row was received. */
  snapshotAt: number;
  /** Local time (ms) of the newest mark tick for this row; null before the first. */
  markAt: number | null;
  snapshotAgeMs: number;
  markAgeMs: number | null;
  /** Auto-deleveraging quantile 0–4 as the exchange shows it; null while unknown. */
  adl: number | null;
  /** Funding received (+) or paid (−) on the symbol since 00:00 UTC, in its margin asset; null while unknown. */
  fundingToday: number | null;
};

export interface PositionsDocument {
  type: 'positions';
  /** Local time (ms) this document was produced; the ages are relative to it. */
  at: number;
  environment: Environment;
  demoAccount: DemoAccount | null;
  connection: ConnectionState;
  mode: PositionMode;
  /** The --symbol filter, or null. */
  symbol: string | null;
  /** Local time (ms) of the last full-account snapshot. */
  snapshotAt: number | null;
  positions: PositionJson[];
  /** Net figures per hedge-mode symbol (one-way accounts: empty). */
  hedgeNets: HedgeNet[];
  /** Totals over the open positions in view. */
  summary: PositionsSummary;
  /** The account's balances and margin ratios (account-json.ts); null before the first account read. */
  account: AccountJson | null;
}

export interface StatusDocument {
  type: 'status';
  at: number;
  connection: ConnectionState;
  message: string | null;
}

/** An open row as printed: the v1 fields, `derived`, and the ages at `now`. */
export function positionJson(row: PositionRow, now: number): PositionJson {
  return {
    ...exchangeFields(row),
    liquidationPrice: row.liquidationPending === true ? null : row.liquidationPrice,
    derived: row.derived,
    snapshotAt: row.snapshotAt,
    markAt: row.markAt,
    snapshotAgeMs: Math.max(0, now - row.snapshotAt),
    markAgeMs: row.markAt === null ? null : Math.max(0, now - row.markAt),
    adl: row.adl ?? null,
    fundingToday: row.fundingToday ?? null,
  };
}

/** A flat row (zero size) from a raw snapshot: exchange fields only. */
export function flatPositionJson(row: ExchangePosition, receivedAt: number, now: number): PositionJson {
  return {
    ...exchangeFields(row),
    derived: null,
    snapshotAt: receivedAt,
    markAt: null,
    snapshotAgeMs: Math.max(0, now - receivedAt),
    markAgeMs: null,
    adl: null,
    fundingToday: null,
  };
}

const SIDE_ORDER: Readonly<Record<string, number>> = { BOTH: 0, LONG: 1, SHORT: 2 };

/** Symbol, then BOTH/LONG/SHORT: the order of the app's table. */
function compareJson(a: PositionJson, b: PositionJson): number {
  if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
  return (SIDE_ORDER[a.positionSide] ?? 0) - (SIDE_ORDER[b.positionSide] ?? 0);
}

export interface DocumentInput {
  view: PositionsView;
  status: ConnectionStatus | null;
  environment: Environment;
  demoAccount: DemoAccount | null;
  now: number;
  /** --all: the raw rows of a snapshot; its flat rows are added to the view's open ones. */
  allRows?: { rows: readonly ExchangePosition[]; receivedAt: number };
}

/** The positions document of a view (with --all, its flat rows added from the raw snapshot). */
export function positionsDocument(input: DocumentInput): PositionsDocument {
  const { view, now } = input;
  const positions = view.rows.map((row) => positionJson(row, now));
  if (input.allRows !== undefined) {
    const open = new Set(view.rows.map((row) => row.key));
    for (const row of input.allRows.rows) {
      if (view.selectedSymbol !== null && row.symbol !== view.selectedSymbol) continue;
      // Only flat rows are added: an open row belongs to the engine's view (a position opened since the
      // engine's snapshot shows up on the engine's next one, not half-derived here).
      if (!isZeroDecimal(row.positionAmt) || open.has(positionKey(row.symbol, row.positionSide))) continue;
      positions.push(flatPositionJson(row, input.allRows.receivedAt, now));
    }
    positions.sort(compareJson);
  }
  return {
    type: 'positions',
    at: now,
    environment: input.environment,
    demoAccount: input.demoAccount,
    connection: input.status?.state ?? 'connecting',
    mode: view.mode,
    symbol: view.selectedSymbol,
    snapshotAt: view.snapshotAt,
    positions,
    hedgeNets: view.hedgeNets,
    summary: view.summary,
    account: accountJson(view.account, now),
  };
}

/** A `watch --json` line saying the connection state changed. */
export function statusDocument(status: ConnectionStatus, now: number): StatusDocument {
  return { type: 'status', at: now, connection: status.state, message: status.message };
}
