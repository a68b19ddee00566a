/**
 * Reconnect delays: exponential backoff with full jitter (a random delay between 0 and the capped
 * exponential), which spreads the reconnects of many clients after an exchange-wide drop.
 */
export interface BackoffOptions {
  /** Upper bound of the first delay (ms). */
  firstMs: number;
  /** Upper bound of any delay (ms). */
  capMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { firstMs: 1_000, capMs: 30_000 };

/** The delay before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.capMs, options.firstMs * 2 ** Math.min(attempt, 30));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
