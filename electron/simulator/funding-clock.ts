/**
 * Triggers funding rounds on the funding grid of the server clock: first at the next point of
 * the grid (the 1-hour grid with Binance's periods, funding-schedule.ts), then every grid
 * period of real time, each round told its own grid time so each symbol funds on its own
 * interval. Not by re-reading the server clock each time: a frozen test clock would otherwise
 * fire in a loop.
 */
import { nextFundingTime } from './mark-feed';

/** setTimeout's ceiling (~24.8 days). */
const MAX_DELAY = 2 ** 31 - 1;

/** Starts the funding clock; `settle` receives each round's grid time. The returned function stops it. */
export function startFundingClock(now: () => number, gridMs: number, settle: (time: number) => void): () => void {
  let interval: NodeJS.Timeout | undefined;
  let next = nextFundingTime(now(), gridMs);
  const round = (): void => {
    settle(next);
    next += gridMs;
  };
  const first = setTimeout(
    () => {
      round();
      interval = setInterval(round, Math.min(gridMs, MAX_DELAY));
    },
    Math.min(Math.max(1, next - now()), MAX_DELAY),
  );
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
