/**
 * The exchange client: one WS API connection for requests and one `/market` stream for mark prices,
 * kept alive together. It owns the clock offset, rate-limit usage and latency, reconnects with
 * backoff when a socket drops, and tells its owner after every (re)connect so a fresh snapshot is
 * taken (events are not replayed across connections, PROTOCOL §11.6).
 */
import type { ConnectionState } from '../../shared/connection';
import type { ExchangePosition } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { measureClockOffset } from './clock';
import type { Endpoints } from './endpoints';
import { ExchangeError } from './errors';
import { MarkPriceStream } from './market-stream';
import { accountPosition, type ReplyInfo, type WsApiContext } from './methods';
import { fetchServerTime, fetchTradingSymbols } from './rest';
import type { Signer } from './signing';
import { RpcSocket } from './transport';
import type { MarkTick } from './wire';

export interface ClientMetrics {
  latencyMs: number | null;
  clockOffsetMs: number | null;
  weightUsed: number | null;
  weightLimit: number | null;
  lastMessageAt: number | null;
  badFrames: number;
}

export interface ClientEvents {
  /** The connection state changed; `message` explains states other than `live`. */
  onState?: (state: ConnectionState, message: string | null) => void;
  /** Both sockets are open (first connect or reconnect): take a snapshot now. */
  onConnected?: () => void;
  onTick?: (tick: MarkTick) => void;
}

export interface ExchangeClientOptions {
  endpoints: Endpoints;
  signer: Signer;
  events: ClientEvents;
  now?: () => number;
  backoff?: BackoffOptions;
  requestTimeoutMs?: number;
}

export class ExchangeClient {
  readonly metrics: ClientMetrics = {
    latencyMs: null,
    clockOffsetMs: null,
    weightUsed: null,
    weightLimit: null,
    lastMessageAt: null,
    badFrames: 0,
  };
  private state: ConnectionState = 'offline';
  private rpc: RpcSocket | null = null;
  private stream: MarkPriceStream | null = null;
  private followed: ReadonlySet<string> = new Set();
  private symbolList: Promise<SymbolInfo[]> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  /** Bumped on every (re)connect and on stop, so events of an old connection are ignored. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: ExchangeClientOptions) {
    this.now = options.now ?? Date.now;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Starts connecting; returns at once. Progress is reported through `onState`. */
  start(): void {
    if (this.state !== 'offline') return;
    void this.connect();
  }

  /** Closes everything; no timer or socket is left behind. */
  stop(): void {
    this.generation++;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeSockets();
    this.setState('offline', null);
  }

  /** Drops the connection and reconnects at once (the user asked). */
  reconnect(): void {
    this.stop();
    this.attempt = 0;
    void this.connect();
  }

  /** Stops for good after an authentication failure: retrying cannot help until the user acts. */
  failAuth(message: string): void {
    this.stop();
    this.setState('auth-failed', message);
  }

  /** The trading perpetual symbols, fetched once per client. */
  symbols(): Promise<SymbolInfo[]> {
    this.symbolList ??= fetchTradingSymbols(this.options.endpoints.rest).catch((error: unknown) => {
      this.symbolList = null; // let the next caller try again
      throw error;
    });
    return this.symbolList;
  }

  /** v1 `account.position` (weight 5), optionally for one symbol. */
  fetchPositions(symbol?: string): Promise<ExchangePosition[]> {
    const rpc = this.rpc;
    if (rpc === null || !rpc.isOpen) return Promise.reject(new ExchangeError(0, 'transient', 'Not connected.', 0, ''));
    return accountPosition(this.context(rpc), symbol);
  }

  /** Mark prices of exactly these symbols will flow to `onTick` (kept across reconnects). */
  followMarks(symbols: Iterable<string>): void {
    this.followed = new Set(symbols);
    this.stream?.follow(this.followed);
  }

  private context(rpc: RpcSocket): WsApiContext {
    return {
      rpc,
      signer: this.options.signer,
      serverNow: () => this.now() + (this.metrics.clockOffsetMs ?? 0),
      onReply: (info) => this.recordReply(info),
    };
  }

  private recordReply(info: ReplyInfo): void {
    this.metrics.latencyMs = Math.round(info.latencyMs * 10) / 10;
    const weight = info.rateLimits?.find((limit) => limit.rateLimitType === 'REQUEST_WEIGHT');
    if (weight !== undefined) {
      this.metrics.weightUsed = weight.count;
      this.metrics.weightLimit = weight.limit;
    }
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting', null);
    const { endpoints } = this.options;
    const touch = (): void => {
      this.metrics.lastMessageAt = this.now();
    };
    const dropped = (): void => {
      if (generation === this.generation) this.scheduleReconnect('The connection to the exchange dropped.');
    };
    try {
      const clock = await measureClockOffset(() => fetchServerTime(endpoints.rest), this.now);
      this.metrics.clockOffsetMs = Math.round(clock.offsetMs);
      const rpc = await RpcSocket.connect(endpoints.wsApi, this.options.requestTimeoutMs ?? 10_000, {
        onFrame: touch,
        onBadFrame: () => this.metrics.badFrames++,
        onClose: dropped,
      });
      if (generation !== this.generation) return rpc.close();
      this.rpc = rpc;
      const stream = await MarkPriceStream.connect(endpoints.market, {
        onTick: (tick) => this.options.events.onTick?.(tick),
        onFrame: touch,
        onBadFrame: () => this.metrics.badFrames++,
        onClose: dropped,
      });
      if (generation !== this.generation) return stream.close();
      this.stream = stream;
      stream.follow(this.followed);
    } catch (error) {
      if (generation === this.generation) this.scheduleReconnect(`Cannot reach the exchange: ${(error as Error).message}`);
      return;
    }
    this.attempt = 0;
    this.setState('live', null);
    this.options.events.onConnected?.();
  }

  private scheduleReconnect(message: string): void {
    this.generation++;
    this.closeSockets();
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.setState('reconnecting', `${message} Retrying in ${(delay / 1000).toFixed(1)} s.`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private closeSockets(): void {
    this.rpc?.close();
    this.stream?.close();
    this.rpc = null;
    this.stream = null;
  }

  private setState(state: ConnectionState, message: string | null): void {
    this.state = state;
    this.options.events.onState?.(state, message);
  }
}
