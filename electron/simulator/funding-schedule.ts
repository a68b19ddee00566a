/**
 * Funding intervals per symbol (PROTOCOL §13.10): Binance funds most perpetuals every 8 h but
 * moves some to 4 h or 1 h (`GET /fapi/v1/fundingInfo` lists those). Each symbol funds on its own
 * grid of the server clock (00:00 UTC-aligned), and its mark stream's `T` is its own next
 * funding time. The `fundingIntervalMs` option sets the period of an 8 h symbol (tests shorten
 * it); 4 h and 1 h symbols use a half and an eighth of it.
 */
import { FUNDING_PERIOD_MS, nextFundingTime } from './mark-feed';
import { type SymbolSpec, fundingHoursOf } from './symbols';

/** Each symbol's funding period. */
export class FundingSchedule {
  private readonly hours = new Map<string, 1 | 4 | 8>();

  constructor(
    /** The period of an 8-hour symbol. */
    private readonly basePeriodMs: number = FUNDING_PERIOD_MS,
    symbols: readonly SymbolSpec[] = [],
  ) {
    for (const spec of symbols) this.hours.set(spec.symbol, fundingHoursOf(spec));
  }

  /** The symbol's funding period in ms (8 h symbols: the base period). */
  periodOf(symbol: string): number {
    return this.periodFor(this.hours.get(symbol) ?? 8);
  }

  /** The finest grid any symbol funds on: the 1-hour period. */
  get gridMs(): number {
    return this.periodFor(1);
  }

  /** The symbol's next funding time after `now`. */
  nextFundingTime(symbol: string, now: number): number {
    return nextFundingTime(now, this.periodOf(symbol));
  }

  /** Whether the symbol funds at `time` (a point of the 1-hour grid). */
  isDue(symbol: string, time: number): boolean {
    return time % this.periodOf(symbol) === 0;
  }

  private periodFor(hours: 1 | 4 | 8): number {
    return Math.max(1, Math.round((this.basePeriodMs * hours) / 8));
  }
}
