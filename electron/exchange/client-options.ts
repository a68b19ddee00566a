/** The exchange client's options, events, timings and metrics (see client.ts). */
import type { ConnectionState } from '../../shared/connection';
import type { BackoffOptions } from './backoff';
import type { Endpoints } from './endpoints';
import type { ReplyInfo } from './methods';
import type { Signer } from './signing';
import type { UserEvent } from './user-events';
import type { MarkTick } from './wire';

export interface ClientMetrics {
  latencyMs: number | null;
  clockOffsetMs: number | null;
  weightUsed: number | null;
  weightLimit: number | null;
  lastMessageAt: number | null;
  badFrames: number;
  /** Rows dropped from list replies (positions, exchangeInfo, brackets, symbolConfig) as malformed. */
  malformedRows: number;
}

/** Metrics before anything was measured. */
export function emptyMetrics(): ClientMetrics {
  return { latencyMs: null, clockOffsetMs: null, weightUsed: null, weightLimit: null, lastMessageAt: null, badFrames: 0, malformedRows: 0 };
}

/** Latency and weight usage from a WS API reply: usage comes from its `rateLimits`, never from a weight table. */
export function recordReply(metrics: ClientMetrics, info: ReplyInfo): void {
  metrics.latencyMs = Math.round(info.latencyMs * 10) / 10;
  const weight = info.rateLimits?.find((limit) => limit.rateLimitType === 'REQUEST_WEIGHT');
  if (weight !== undefined) {
    metrics.weightUsed = weight.count;
    metrics.weightLimit = weight.limit;
  }
}

export interface ClientEvents {
  /** The connection state changed; `message` explains states other than `live`. */
  onState?: (state: ConnectionState, message: string | null) => void;
  /** Sockets are (re)opened: take a snapshot now. */
  onConnected?: () => void;
  onTick?: (tick: MarkTick) => void;
  /** An account event from the user data stream. */
  onUserEvent?: (event: UserEvent) => void;
  /**
   * Something worth a line on the connection timeline (renewals, clock resyncs, the switch to v2
   * positions; `error`: malformed rows dropped from a reply, once per reply kind and connection).
   */
  onNotice?: (kind: 'renewal' | 'resync' | 'listen-key' | 'info' | 'error', message: string) => void;
}

export interface ClientTimings {
  /** Mark stream silent this long → ping; the @1s stream ticks every second (ms). */
  streamQuietMs: number;
  /** WS API silent this long → ping (ms). */
  rpcQuietMs: number;
  /** A pinged socket must show life within this (ms). */
  pongTimeoutMs: number;
  /** Connections are renewed after this long; the exchange cuts them at 24 h (ms). */
  maxConnectionMs: number;
  /** The clock offset is re-measured this often (ms). */
  clockResyncMs: number;
  /** A (re)connect attempt reuses an offset measured this recently instead of asking again (ms). */
  clockReuseMs: number;
  /** The symbol list is re-fetched after this long (ms). */
  symbolsTtlMs: number;
  /** Without a retry time from the exchange, a 429 pauses requests this long (ms). */
  rateLimitPauseMs: number;
  /** Listen keys live 60 min; they are extended this often (ms). */
  listenKeyKeepaliveMs: number;
}

export const DEFAULT_TIMINGS: ClientTimings = {
  streamQuietMs: 5_000,
  rpcQuietMs: 60_000,
  pongTimeoutMs: 5_000,
  maxConnectionMs: 23 * 3_600_000 + 50 * 60_000,
  clockResyncMs: 3_600_000,
  clockReuseMs: 5 * 60_000,
  symbolsTtlMs: 24 * 3_600_000,
  rateLimitPauseMs: 60_000,
  listenKeyKeepaliveMs: 30 * 60_000,
};

export interface ExchangeClientOptions {
  endpoints: Endpoints;
  signer: Signer;
  events: ClientEvents;
  now?: () => number;
  backoff?: BackoffOptions;
  requestTimeoutMs?: number;
  timings?: Partial<ClientTimings>;
}
