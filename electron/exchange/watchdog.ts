/**
 * Liveness of one socket: a socket that must carry frames (the @1s mark stream) but went quiet, or an
 * idle request socket, is pinged; if neither a pong nor any other frame follows in time, the socket
 * is declared dead — a half-open TCP connection otherwise looks alive for many minutes.
 */
export interface WatchdogOptions {
  /** Quiet time after which a ping is sent (ms). */
  quietMs: number;
  /** Time a pinged socket has to show life (ms). */
  pongTimeoutMs: number;
}

export type WatchdogVerdict = 'alive' | 'ping' | 'dead';

export class Watchdog {
  private lastFrameAt: number;
  private pingedAt: number | null = null;

  constructor(
    private readonly options: WatchdogOptions,
    now: number,
  ) {
    this.lastFrameAt = now;
  }

  /** Any frame, pong included. */
  frame(now: number): void {
    this.lastFrameAt = now;
    this.pingedAt = null;
  }

  /** What to do now: nothing, send a ping, or give the socket up. */
  check(now: number): WatchdogVerdict {
    if (this.pingedAt !== null) return now - this.pingedAt >= this.options.pongTimeoutMs ? 'dead' : 'alive';
    if (now - this.lastFrameAt < this.options.quietMs) return 'alive';
    this.pingedAt = now;
    return 'ping';
  }

  /** True between a ping and the next sign of life. */
  get probing(): boolean {
    return this.pingedAt !== null;
  }
}

/** Runs one watchdog at `now`, pinging its socket when it asks to; true when the socket is dead. */
export function isDead(watch: Watchdog, ping: () => void, now: number): boolean {
  const verdict = watch.check(now);
  if (verdict === 'ping') ping();
  return verdict === 'dead';
}
