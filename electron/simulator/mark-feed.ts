/**
 * Drives the price walk and publishes `markPriceUpdate` frames on `/market`:
 * `<symbol>@markPrice@1s` every interval and `<symbol>@markPrice` every third interval, like
 * Binance's 1 s and 3 s streams (PROTOCOL §7).
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

const FUNDING_PERIOD_MS = 8 * 3_600_000;

/** The next funding time on Binance's 00:00 / 08:00 / 16:00 UTC grid, strictly after `now`. */
export function nextFundingTime(now: number): number {
  return (Math.floor(now / FUNDING_PERIOD_MS) + 1) * FUNDING_PERIOD_MS;
}

/**
 * Builds a frame. `P` (estimated settle price) is only meaningful before delivery, so it
 * follows the index, as Binance's perpetual frames do. Delivery contracts have no funding:
 * Binance reports their funding rate as "" and next funding time as 0.
 */
export function markPricePayload(quote: MarkQuote, eventTime: number): MarkPriceUpdate {
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
    T: funded ? nextFundingTime(eventTime) : 0,
  };
}

/** Options of {@link startMarkFeed}. */
export interface MarkFeedOptions {
  readonly walk: PriceWalk;
  readonly hub: StreamHub;
  readonly intervalMs: number;
  readonly now: () => number;
}

/** Starts ticking; the returned function stops the timer. */
export function startMarkFeed({ walk, hub, intervalMs, now }: MarkFeedOptions): () => void {
  let tick = 0;
  const timer = setInterval(() => {
    tick += 1;
    walk.step();
    const eventTime = now();
    for (const quote of walk.quotes()) {
      const base = quote.symbol.toLowerCase();
      publishIfWanted(hub, `${base}@markPrice@1s`, quote, eventTime);
      if (tick % 3 === 0) publishIfWanted(hub, `${base}@markPrice`, quote, eventTime);
    }
  }, intervalMs);
  return () => clearInterval(timer);
}

function publishIfWanted(hub: StreamHub, stream: string, quote: MarkQuote, eventTime: number): void {
  if (hub.hasSubscribers(stream)) hub.publish(stream, markPricePayload(quote, eventTime));
}
