/**
 * The one gate every request to the exchange passes — WS API methods and REST calls alike (the
 * weight budget is shared per IP between them, PROTOCOL §9). It holds the policy:
 * - nothing is sent while a 429 (or a WAF 403) pause or a 418 ban runs, whichever transport caused it;
 * - a -1021 clock rejection re-measures the offset and retries once;
 * - a rejected key or signature is reported once and not retried;
 * and it tells its owner (the client) so the connection state and the status bar follow.
 */
import { ExchangeError, forKeyType } from './errors';
import type { KeyType } from './signing';

/** A WAF 403 says nothing about when to come back; asking soon only prolongs it (PROTOCOL §2). */
export const WAF_BACKOFF_MS = 5 * 60_000;
/** Bans start at 2 minutes (PROTOCOL §9): the floor when a 418 names no end. */
export const MIN_BAN_MS = 2 * 60_000;

export interface GateHooks {
  /** The exchange's time as estimated here (ms epoch): pauses and bans are in exchange time. */
  serverNow(): number;
  keyType: KeyType;
  /** Without a retry time from the exchange, a 429 pauses requests this long (ms). */
  defaultPauseMs: number;
  /** Re-measures the clock offset (one request, through this gate). */
  resyncClock(): Promise<void>;
  /** The clock was re-measured after a -1021 and the request is tried again. */
  onResynced?(): void;
  /** Requests are paused until `until` (exchange time) because of `error` (a 429, or a WAF 403). */
  onPaused?(until: number, error: ExchangeError): void;
  /** The IP is banned: the owner closes everything; the gate refuses until `until`. */
  onBanned?(error: ExchangeError, until: number): void;
  /** The key or signature was rejected; `current` is false for a request of a link already replaced. */
  onAuthFailed?(error: ExchangeError, current: boolean): void;
}

export interface GateRun {
  /** Does an auth failure of this request concern the live connection? (default: yes) */
  current?: () => boolean;
  /** Retry once after a -1021 clock rejection (default: yes; never for the clock request itself). */
  clockRetry?: boolean;
}

export class RequestGate {
  private pausedUntil = 0;
  private bannedUntil = 0;
  private banError: ExchangeError | null = null;
  /**
   * Errors this gate has already applied (or produced itself): an error that went through `run` and
   * then reaches the client's connect step, or the one `admit` throws, must not pause or ban twice
   * (a second onBanned would reset the comeback timer and report the ban again).
   */
  private readonly recorded = new WeakSet<ExchangeError>();

  constructor(private readonly hooks: GateHooks) {}

  /** True while a ban runs. */
  get banned(): boolean {
    return this.hooks.serverNow() < this.bannedUntil;
  }

  /** True while a 429/403 pause runs (bans aside). */
  get paused(): boolean {
    return this.hooks.serverNow() < this.pausedUntil;
  }

  /** When a ban ends (exchange time), or null when none runs. */
  get banEndsAt(): number | null {
    return this.banned ? this.bannedUntil : null;
  }

  /** Throws the error a request gets now without being sent, or returns when it may go. */
  admit(): void {
    let refusal: ExchangeError | null = null;
    if (this.banned) {
      refusal = this.banError ?? new ExchangeError(-1003, 'banned', 'The exchange has banned this IP; PerpDesk sends nothing meanwhile.', 418, '', this.bannedUntil);
    } else if (this.paused) {
      refusal = new ExchangeError(-1003, 'rate-limit', 'Waiting for the exchange rate limit to reset.', 429, '', this.pausedUntil);
    }
    if (refusal === null) return;
    this.recorded.add(refusal); // the gate's own refusal: the pause or ban it reports is already applied
    throw refusal;
  }

  /** Sends through the gate: refused while paused or banned; errors update the policy, then propagate. */
  async run<T>(send: () => Promise<T>, options: GateRun = {}): Promise<T> {
    this.admit();
    try {
      return await send();
    } catch (thrown) {
      if (!(thrown instanceof ExchangeError)) throw thrown;
      const error = forKeyType(thrown, this.hooks.keyType);
      if (error.kind === 'clock' && options.clockRetry !== false) {
        await this.hooks.resyncClock();
        this.hooks.onResynced?.();
        return this.run(send, { ...options, clockRetry: false });
      }
      this.record(error, options.current?.() ?? true);
      throw error;
    }
  }

  /**
   * Applies an error that reached the client some other way (a failed connect, a server notice).
   * An error the gate already applied or produced is ignored, so each 429/418 acts exactly once.
   */
  record(error: ExchangeError, current = true): void {
    if (this.recorded.has(error)) return;
    this.recorded.add(error);
    if (error.kind === 'rate-limit') this.pause(error);
    else if (error.kind === 'banned') this.ban(error);
    else if (error.kind === 'auth') this.hooks.onAuthFailed?.(error, current);
  }

  private pause(error: ExchangeError): void {
    const now = this.hooks.serverNow();
    const fallback = error.status === 403 ? WAF_BACKOFF_MS : this.hooks.defaultPauseMs;
    const until = error.retryAfter !== null && error.retryAfter > now ? error.retryAfter : now + fallback;
    // A later, shorter answer never shortens a pause already running.
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.hooks.onPaused?.(this.pausedUntil, error);
  }

  private ban(error: ExchangeError): void {
    const now = this.hooks.serverNow();
    const until = error.retryAfter !== null && error.retryAfter > now ? error.retryAfter : now + MIN_BAN_MS;
    this.bannedUntil = Math.max(this.bannedUntil, until);
    this.banError = error;
    this.hooks.onBanned?.(error, this.bannedUntil);
  }
}
