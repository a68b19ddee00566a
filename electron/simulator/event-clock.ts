/**
 * Event times as the live exchange stamps them (PROTOCOL §13.5): `E` (sent) is a few ms after
 * `T` (transaction), never equal to it as on the example pages, and strictly increasing on one
 * stream, so events that share one `T` (two trades of one order, funding rows) still have
 * distinct `E`s in their order. On a frozen test clock `E` creeps ahead by 1 ms per event.
 */

/** How long after its transaction an event is sent. */
export const EVENT_DELAY_MS = 3;

/** Hands out event times. */
export class EventClock {
  private last = Number.NEGATIVE_INFINITY;

  /** The `E` of the next event of transaction time `T`. */
  stamp(T: number): number {
    const E = Math.max(T + EVENT_DELAY_MS, this.last + 1);
    this.last = E;
    return E;
  }
}
