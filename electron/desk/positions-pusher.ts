/**
 * Sends positions to one receiver (a renderer): a full view first, deltas after, one IPC message per
 * throttle interval, so never more than 60 a second whatever the input rate. A delta is computed
 * against the last version this receiver was sent in full, so rows that did not change never travel
 * again, and a changed row sends only its changed fields. A version larger than the part budget
 * goes out as several parts on consecutive intervals; the receiver shows it once all have arrived.
 * Meanwhile newer changes wait, and the next delta covers all of them at once: the queue never
 * holds more than one version, and the receiver sees fewer, never partial, versions under load.
 */
import type { PositionsView } from '../../shared/position';
import { diffViews, fullChange } from '../../shared/positions-delta';
import type { PositionsPush } from '../../shared/positions-push';
import { splitChange } from '../../shared/positions-split';
import { LeadingThrottle, PUSH_INTERVAL_MS } from '../ipc/throttle';

export class PositionsPusher {
  /** The last version whose every part was sent; null: the receiver needs a full view. */
  private lastSent: PositionsView | null = null;
  /** Parts of `sending` not sent yet. */
  private queue: PositionsPush[] = [];
  private sending: PositionsView | null = null;
  private readonly throttle: LeadingThrottle;

  constructor(
    private readonly currentView: () => PositionsView,
    private readonly send: (push: PositionsPush) => void,
  ) {
    this.throttle = new LeadingThrottle(PUSH_INTERVAL_MS, () => this.flush());
  }

  /** The view changed. */
  notify(): void {
    this.throttle.notify();
  }

  /** The receiver lost track (or just loaded): drop any version half sent and start again with a full view. */
  resync(): void {
    this.lastSent = null;
    this.queue = [];
    this.sending = null;
    this.throttle.notify();
  }

  dispose(): void {
    this.throttle.cancel();
  }

  private flush(): void {
    if (this.queue.length === 0) {
      const view = this.currentView();
      if (view === this.lastSent) return;
      this.queue = splitChange(this.lastSent === null ? fullChange(view) : diffViews(this.lastSent, view));
      this.sending = view;
    }
    const part = this.queue.shift()!;
    if (this.queue.length === 0) this.lastSent = this.sending;
    this.send(part);
    if (this.queue.length > 0) this.throttle.notify(); // the next part goes one interval later
  }
}
