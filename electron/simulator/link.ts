/**
 * One server-side connection (WS API, market or private) with what Binance does to every
 * connection (PROTOCOL §1): a ping every `pingIntervalMs`, a disconnect when no pong echoing
 * a ping's payload arrives within `pongTimeoutMs`, and a close after `maxConnectionMs` (24 h).
 * It is also where faults are injected: stalls, withheld pongs, clean or abrupt drops. Every
 * outgoing frame goes through {@link Link.send} so a stall silences all of them at once.
 */
import { WebSocket } from 'ws';

/** The three kinds of connection. */
export type LinkKind = 'wsApi' | 'market' | 'private';

/** Heartbeat and lifetime settings, shared by every connection of a simulator. */
export interface LinkTimings {
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  readonly maxConnectionMs: number;
}

/** Binance's values: ping every 3 min, pong within 10 min, 24 h lifetime. */
export const BINANCE_TIMINGS: LinkTimings = {
  pingIntervalMs: 180_000,
  pongTimeoutMs: 600_000,
  maxConnectionMs: 24 * 3_600_000,
};

/** Close code and reason when a connection reaches its maximum lifetime. */
export const LIFETIME_CLOSE = { code: 1000, reason: '24h' } as const;

/** setTimeout's ceiling (~24.8 days); longer delays would fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/** A connection and its heartbeat. */
export class Link {
  private stalled = false;
  private stallTimer: NodeJS.Timeout | undefined;
  private pongsWithheld = false;
  private pingCount = 0;
  private readonly awaitingPong = new Map<string, NodeJS.Timeout>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly lifetimeTimer: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    readonly kind: LinkKind,
    timings: LinkTimings,
  ) {
    // The server's WebSocketServer runs with autoPong off, so answering pings is ours to withhold.
    socket.on('ping', (data) => {
      if (!this.pongsWithheld && !this.stalled && this.isOpen) socket.pong(data);
    });
    socket.on('pong', (data) => this.receivePong(data.toString('utf8')));
    socket.on('close', () => this.stopTimers());
    this.pingTimer = setInterval(() => this.ping(timings.pongTimeoutMs), Math.min(timings.pingIntervalMs, MAX_DELAY));
    this.lifetimeTimer = setTimeout(
      () => this.close(LIFETIME_CLOSE.code, LIFETIME_CLOSE.reason),
      Math.min(timings.maxConnectionMs, MAX_DELAY),
    );
  }

  /** Whether frames can still be sent. */
  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Whether the connection is stalled. */
  get isStalled(): boolean {
    return this.stalled;
  }

  /**
   * Sends a frame unless the connection is stalled or closing. Frames produced during a stall
   * are dropped, not queued: a stalled feed that later resumes does not replay, so a client
   * has to re-snapshot, as it must after any gap on Binance.
   */
  send(data: string | Buffer, binary = false): void {
    if (this.stalled || !this.isOpen) return;
    this.socket.send(data, { binary });
  }

  /** Stops sending anything (frames, pings, pongs) for `durationMs`, or until {@link unstall}. */
  stall(durationMs?: number): void {
    this.stalled = true;
    clearTimeout(this.stallTimer);
    this.stallTimer = durationMs === undefined ? undefined : setTimeout(() => this.unstall(), Math.min(durationMs, MAX_DELAY));
  }

  /** Resumes sending. */
  unstall(): void {
    this.stalled = false;
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  /** Stops (or resumes) answering the client's pings. */
  withholdPongs(withheld: boolean): void {
    this.pongsWithheld = withheld;
  }

  /** A clean close: a close frame with `code`; the socket is destroyed if the peer does not answer. */
  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code, reason);
    else this.socket.terminate();
  }

  /** An abrupt drop: the TCP socket is destroyed, no close frame. */
  destroy(): void {
    this.socket.terminate();
  }

  private ping(pongTimeoutMs: number): void {
    if (this.stalled || !this.isOpen) return;
    this.pingCount += 1;
    const payload = String(this.pingCount);
    this.socket.ping(payload);
    this.awaitingPong.set(
      payload,
      setTimeout(() => {
        // No pong echoing this ping in time: the peer is gone as far as the server can tell.
        if (this.awaitingPong.has(payload)) this.destroy();
      }, Math.min(pongTimeoutMs, MAX_DELAY)),
    );
  }

  /** A pong counts only when it echoes an outstanding ping; it then proves every older one too. */
  private receivePong(payload: string): void {
    if (!this.awaitingPong.has(payload)) return;
    for (const [pending, timer] of this.awaitingPong) {
      clearTimeout(timer);
      this.awaitingPong.delete(pending);
      if (pending === payload) break;
    }
  }

  private stopTimers(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.lifetimeTimer);
    clearTimeout(this.stallTimer);
    for (const timer of this.awaitingPong.values()) clearTimeout(timer);
    this.awaitingPong.clear();
  }
}
