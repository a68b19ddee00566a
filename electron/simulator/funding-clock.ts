/**
 * Triggers funding rounds: first at the next time on the funding grid of the server clock
 * (00:00/08:00/16:00 UTC with the 8 h default), then every period of real time. Not by
 * re-reading the server clock each time: a frozen test clock would otherwise fire in a loop.
 */
import { nextFundingTime } from './mark-feed';

/** setTimeout's ceiling (~24.8 days). */
const MAX_DELAY = 2 ** 31 - 1;

/** Starts the funding clock; the returned function stops it. */
export function startFundingClock(now: () => number, periodMs: number, settle: () => void): () => void {
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(
    () => {
      settle();
      interval = setInterval(settle, Math.min(periodMs, MAX_DELAY));
    },
    Math.min(Math.max(1, nextFundingTime(now(), periodMs) - now()), MAX_DELAY),
  );
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
