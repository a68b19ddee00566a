/**
 * REQUEST_WEIGHT accounting, per connection origin (IP), shared by REST and the WS API as on
 * Binance (PROTOCOL §9). Windows are fixed calendar minutes of the simulator clock, which is
 * how Binance's `intervalNum: 1, interval: MINUTE` counters reset.
 *
 * Escalation: the request that goes over the limit gets 429 with `retryAfter` = the end of the
 * minute; a request that still arrives before `retryAfter` gets 418 and bans the origin for
 * `banMs` (Binance bans for 2 minutes to 3 days). The control endpoint can force either.
 */

/** Binance's USDⓈ-M request-weight budget per IP and minute. */
export const REQUEST_WEIGHT_LIMIT = 2400;

/** Binance's shortest automatic ban: 2 minutes. */
export const DEFAULT_BAN_MS = 120_000;

const WINDOW_MS = 60_000;

/** The usage after a charge. */
export interface WeightUsage {
  /** Weight used in the current minute, this charge included. */
  readonly count: number;
  /** True when this charge went over the limit and the request must be refused (429). */
  readonly limited: boolean;
}

/** Whether a request may proceed, or the 429/418 it gets instead. */
export type Admission =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly status: 429 | 418; readonly retryAfter: number; readonly count: number };

/** One `rateLimits` entry as the WS API returns it. */
export interface RateLimitEntry {
  readonly rateLimitType: 'REQUEST_WEIGHT';
  readonly interval: 'MINUTE';
  readonly intervalNum: 1;
  readonly limit: number;
  readonly count: number;
}

interface OriginState {
  windowStart: number;
  count: number;
  /** The `retryAfter` of the last 429: requests before it escalate to a ban. */
  limitedUntil: number;
  bannedUntil: number;
}

/** Per-origin weight counters over fixed one-minute windows, with 429/418 escalation. */
export class WeightLedger {
  private readonly origins = new Map<string, OriginState>();
  /** A forced 429 window or ban for every origin (control endpoint). */
  private forced: { status: 429 | 418; until: number } | undefined;

  constructor(
    private readonly now: () => number,
    readonly limit: number = REQUEST_WEIGHT_LIMIT,
    private readonly banMs: number = DEFAULT_BAN_MS,
  ) {}

  /**
   * Adds `weight` for `origin`. A refused request still counts, as a request that reached
   * the server does on Binance; that is what makes ignoring 429s escalate.
   */
  charge(origin: string, weight: number): WeightUsage {
    const state = this.state(origin);
    state.count += weight;
    return { count: state.count, limited: state.count > this.limit };
  }

  /**
   * Decides a request: banned origins get 418 (not counted), an origin that ignores a 429 is
   * banned, and a request over the budget gets 429.
   */
  admit(origin: string, weight: number): Admission {
    const now = this.now();
    const state = this.state(origin);
    this.applyForced(state, now);
    if (state.bannedUntil > now) return { ok: false, status: 418, retryAfter: state.bannedUntil, count: state.count };
    if (state.limitedUntil > now) {
      // Still sending inside a 429 window: Binance's automated ban.
      state.bannedUntil = now + this.banMs;
      state.limitedUntil = 0;
      return { ok: false, status: 418, retryAfter: state.bannedUntil, count: state.count };
    }
    const { count, limited } = this.charge(origin, weight);
    if (this.forced?.status === 429 && this.forced.until > now) {
      state.limitedUntil = this.forced.until;
      return { ok: false, status: 429, retryAfter: state.limitedUntil, count };
    }
    if (!limited) return { ok: true, count };
    state.limitedUntil = state.windowStart + WINDOW_MS;
    return { ok: false, status: 429, retryAfter: state.limitedUntil, count };
  }

  /**
   * Forces every origin's next requests: 429 until `until` (ignoring it escalates to a ban,
   * as usual), or 418 (a ban) until `until`.
   */
  force(status: 429 | 418, until: number): void {
    this.forced = { status, until };
    if (status === 418) for (const state of this.origins.values()) state.bannedUntil = until;
  }

  /** Lifts forced limits, bans and 429 windows. */
  reset(): void {
    this.forced = undefined;
    for (const state of this.origins.values()) {
      state.bannedUntil = 0;
      state.limitedUntil = 0;
    }
  }

  /** Weight used by `origin` in the current minute. */
  used(origin: string): number {
    return this.state(origin).count;
  }

  /** The `rateLimits` array for a reply. */
  report(count: number): RateLimitEntry[] {
    return [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: this.limit, count }];
  }

  private applyForced(state: OriginState, now: number): void {
    if (this.forced?.status === 418 && this.forced.until > now && state.bannedUntil < this.forced.until) {
      state.bannedUntil = this.forced.until;
    }
  }

  private state(origin: string): OriginState {
    const start = Math.floor(this.now() / WINDOW_MS) * WINDOW_MS;
    let state = this.origins.get(origin);
    if (!state) {
      state = { windowStart: start, count: 0, limitedUntil: 0, bannedUntil: 0 };
      this.origins.set(origin, state);
    } else if (state.windowStart !== start) {
      state.windowStart = start;
      state.count = 0;
    }
    return state;
  }
}
