/**
 * REQUEST_WEIGHT accounting, per connection origin (IP), shared by REST and the WS API as on
 * Binance (PROTOCOL §9). Windows are fixed calendar minutes of the simulator clock, which is
 * how Binance's `intervalNum: 1, interval: MINUTE` counters reset.
 */

/** Binance's USDⓈ-M request-weight budget per IP and minute. */
export const REQUEST_WEIGHT_LIMIT = 2400;

const WINDOW_MS = 60_000;

/** The usage after a charge. */
export interface WeightUsage {
  /** Weight used in the current minute, this charge included. */
  readonly count: number;
  /** True when this charge went over the limit and the request must be refused (429). */
  readonly limited: boolean;
}

/** One `rateLimits` entry as the WS API returns it. */
export interface RateLimitEntry {
  readonly rateLimitType: 'REQUEST_WEIGHT';
  readonly interval: 'MINUTE';
  readonly intervalNum: 1;
  readonly limit: number;
  readonly count: number;
}

/** Per-origin weight counters over fixed one-minute windows. */
export class WeightLedger {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly now: () => number,
    readonly limit: number = REQUEST_WEIGHT_LIMIT,
  ) {}

  /**
   * Adds `weight` for `origin`. A refused request still counts, as a request that reached
   * the server does on Binance; that is what makes ignoring 429s escalate.
   */
  charge(origin: string, weight: number): WeightUsage {
    const entry = this.entry(origin);
    entry.count += weight;
    return { count: entry.count, limited: entry.count > this.limit };
  }

  /** Weight used by `origin` in the current minute. */
  used(origin: string): number {
    return this.entry(origin).count;
  }

  /** The `rateLimits` array for a reply. */
  report(count: number): RateLimitEntry[] {
    return [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: this.limit, count }];
  }

  private entry(origin: string): { start: number; count: number } {
    const start = Math.floor(this.now() / WINDOW_MS) * WINDOW_MS;
    const existing = this.windows.get(origin);
    if (existing && existing.start === start) return existing;
    const fresh = { start, count: 0 };
    this.windows.set(origin, fresh);
    return fresh;
  }
}
