/** What the position engine is built with: the exchange reads it makes, its clocks, cadences and callbacks. */
import type { ExchangePosition } from '../../shared/position';
import type { AccountStatusRead } from '../exchange/account-types';
import type { Bracket } from './brackets';
import type { SideReadsExchange } from './side-reads';

/**
 * What the engine needs from the exchange client. The reads beside positions are optional: without
 * one, its figures stay unknown (null) and nothing else changes.
 */
export interface EngineExchange extends SideReadsExchange {
  fetchPositions(symbol?: string): Promise<ExchangePosition[]>;
  followMarks(symbols: Iterable<string>): void;
  /** Notional brackets per symbol, for maintenance margin (optional: without them it stays unknown). */
  fetchBrackets?(): Promise<ReadonlyMap<string, readonly Bracket[]>>;
  /** `v2/account.status`: balances and margins, read with every whole-account snapshot. */
  fetchAccountStatus?(): Promise<AccountStatusRead>;
}

export interface EngineOptions {
  exchange: EngineExchange;
  /** Local clock (ms). */
  now: () => number;
  /** The exchange's clock as estimated (ms). */
  serverNow: () => number;
  /** Something in the view changed; call `view()` to read it. */
  onChange: () => void;
  /** A snapshot failed; the owner decides (retry later, or stop on an auth failure). */
  onSnapshotError: (error: unknown) => void;
  /** Cadence of full snapshots while connected: the liquidation price of cross positions moves with
   * other positions' PnL and the stream does not carry it (PROTOCOL §10). */
  refreshIntervalMs?: number;
  /** Share of the request weight budget in use (0–1), or null when unknown: the cadence slows as it rises. */
  weightUsage?: () => number | null;
  /** Quiet time after an account event before the snapshot that refreshes liquidation prices (ms). */
  eventDebounceMs?: number;
  /** Least time between the start of a snapshot and an event-driven one, while the weight budget is
   * roomy (ms; rises with use, refresh-policy.ts). */
  eventRefreshFloorMs?: number;
  /** How far a position query may lag the user data stream (ms, PROTOCOL §13.4; reducer.ts). */
  snapshotLagAllowanceMs?: number;
  /** A read beside the positions failed (the account, funding, ADL): told once until it succeeds again. */
  onReadNotice?: (message: string) => void;
  /** Least time between funding income reads, and the ADL poll interval (ms; side-reads.ts). */
  fundingReadFloorMs?: number;
  adlIntervalMs?: number;
}

/** Position queries lag the stream by seconds at worst in volatile markets; beyond this a snapshot wins. */
export const SNAPSHOT_LAG_ALLOWANCE_MS = 10_000;

