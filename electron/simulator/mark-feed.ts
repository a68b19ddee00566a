/**
 * Drives the price walk and publishes `markPriceUpdate` frames on `/market`:
 * `<symbol>@markPrice@1s` and `!markPrice@arr@1s` every interval, `<symbol>@markPrice` and
 * `!markPrice@arr` every third interval, like Binance's 1 s and 3 s streams (PROTOCOL §7).
 * Payloads are built only for streams someone listens to, and each is serialized once per
 * tick whatever the number of subscribers (market-streams.ts).
 */
import { price8 } from './format';
import type { StreamHub } from './market-streams';
import type { MarkQuote, PriceWalk } from './price-walk';

/** The documented `markPriceUpdate` payload, with its documented key order. */
export interface MarkPriceUpdate {
  e: 'markPriceUpdate';
  E: number;
  s: string;
  p: string;
  ap: string;
  i: string;
  P: string;
  r: string;
  T: number;
}

/** Binance's funding period: every 8 hours. */
export const FUNDING_PERIOD_MS = 8 * 3_600_000;

/**
 * The next funding time on the funding grid, strictly after `now`. With Binance's 8 h period
 * that is 00:00 / 08:00 / 16:00 UTC; a shorter `periodMs` (tests) keeps the same epoch grid.
 */
export function nextFundingTime(now: number, periodMs: number = FUNDING_PERIOD_MS): number {
  return (Math.floor(now / periodMs) + 1) * periodMs;
}

/**
 * Builds a frame. `P` (estimated settle price) is only meaningful before delivery, so it
 * follows the index, as Binance's perpetual frames do. Delivery contracts have no funding:
 * Binance reports their funding rate as "" and next funding time as 0.
 */
export function markPricePayload(
  quote: MarkQuote,
  eventTime: number,
  fundingPeriodMs: number = FUNDING_PERIOD_MS,
): MarkPriceUpdate {
  const funded = quote.fundingRate !== '';
  return {
    e: 'markPriceUpdate',
    E: eventTime,
    s: quote.symbol,
    p: price8(quote.markPrice),
    ap: price8(quote.averagePrice),
    i: price8(quote.indexPrice),
    P: price8(quote.indexPrice),
    r: quote.fundingRate,
    T: funded ? nextFundingTime(eventTime, fundingPeriodMs) : 0,
  };
}

/** The all-symbols streams: one array frame per tick (PROTOCOL §7). */
export const ALL_MARKS_1S = '!markPrice@arr@1s';
export const ALL_MARKS_3S = '!markPrice@arr';

/** Options of {@link startMarkFeed}. */
export interface MarkFeedOptions {
  readonly walk: PriceWalk;
  readonly hub: StreamHub;
  readonly intervalMs: number;
  readonly now: () => number;
  /** The funding period, or each symbol's (funding-schedule.ts). */
  readonly fundingPeriodMs?: number | ((symbol: string) => number);
  /** Called after each step, before frames go out (liquidation and margin-call checks). */
  readonly onTick?: () => void;
}

/** Starts ticking; the returned function stops the timer. */
export function startMarkFeed(options: MarkFeedOptions): () => void {
  const { walk, hub, intervalMs, now, fundingPeriodMs = FUNDING_PERIOD_MS, onTick } = options;
  let tick = 0;
  const timer = setInterval(() => {
    tick += 1;
    walk.step();
    onTick?.();
    publishTick(hub, walk.quotes(), now(), tick % 3 === 0, fundingPeriodMs);
  }, intervalMs);
  return () => clearInterval(timer);
}

/** Publishes one tick's frames; `slow` adds the 3-second streams. */
export function publishTick(
  hub: StreamHub,
  quotes: readonly MarkQuote[],
  eventTime: number,
  slow: boolean,
  fundingPeriodMs: number | ((symbol: string) => number) = FUNDING_PERIOD_MS,
): void {
  const payloads = new Map<string, MarkPriceUpdate>();
  // Each symbol's `T` follows its own funding interval (PROTOCOL §13.10).
  const periodOf = typeof fundingPeriodMs === 'number' ? () => fundingPeriodMs : fundingPeriodMs;
  const payloadOf = (quote: MarkQuote): MarkPriceUpdate => {
    let payload = payloads.get(quote.symbol);
    if (!payload) payloads.set(quote.symbol, (payload = markPricePayload(quote, eventTime, periodOf(quote.symbol))));
    return payload;
  };
  for (const quote of quotes) {
    const base = quote.symbol.toLowerCase();
    const fast = `${base}@markPrice@1s`;
    if (hub.hasSubscribers(fast)) hub.publish(fast, payloadOf(quote));
    const threeSecond = `${base}@markPrice`;
    if (slow && hub.hasSubscribers(threeSecond)) hub.publish(threeSecond, payloadOf(quote));
  }
  const wantsAll = hub.hasSubscribers(ALL_MARKS_1S) || (slow && hub.hasSubscribers(ALL_MARKS_3S));
  if (!wantsAll) return;
  const all = quotes.map(payloadOf);
  hub.publish(ALL_MARKS_1S, all);
  if (slow) hub.publish(ALL_MARKS_3S, all);
}
