/**
 * Binance disconnects a stream client that sends more than 10 messages a second (PROTOCOL
 * §1, §7). Counted on the monotonic clock, not the simulator's injectable one: a frozen test
 * clock must not make every message look like it arrived in the same second.
 */

/** Binance's limit of incoming messages per second on stream connections. */
export const MAX_INCOMING_PER_SECOND = 10;

/** A one-second message counter. */
export class MessageRate {
  private windowStart = performance.now();
  private count = 0;

  /** Counts one message; true when it exceeds the per-second budget. */
  exceeded(): boolean {
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    return this.count > MAX_INCOMING_PER_SECOND;
  }
}
