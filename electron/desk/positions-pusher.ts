/**
 * Sends positions to one receiver (a renderer): a full view first, deltas after, never more than 60
 * pushes per second. A delta is computed against what this receiver was last sent, so rows that
 * did not change never travel again.
 */
import type { PositionsView } from '../../shared/position';
import { diffViews } from '../../shared/positions-delta';
import type { PositionsPush } from '../../shared/positions-push';
import { LeadingThrottle, PUSH_INTERVAL_MS } from '../ipc/throttle';

export class PositionsPusher {
  private lastSent: PositionsView | null = null;
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

  /** The receiver fetched the full state itself: the next push is a full view, so it cannot drift. */
  resync(): void {
    this.lastSent = null;
    this.throttle.notify();
  }

  dispose(): void {
    this.throttle.cancel();
  }

  private flush(): void {
    const view = this.currentView();
    if (view === this.lastSent) return;
    const push: PositionsPush = this.lastSent === null ? { kind: 'full', view } : diffViews(this.lastSent, view);
    this.lastSent = view;
    this.send(push);
  }
}
