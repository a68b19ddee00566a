/**
 * Sends positions to one receiver (a renderer), paced by the receiver: a full view first, then one
 * delta per version, each in one IPC message, and never more than one version in flight. The
 * receiver acknowledges every version it applied (`ackPositions`); until it does, changes only
 * accumulate in the engine, and the next push — sent when the ack arrives — is one delta from the
 * acknowledged version to whatever the view is by then. So the queue between main and a receiver
 * never holds more than one version at any input rate, a slow receiver is sent fewer versions (never
 * a backlog of stale ones), and a receiver that stops acknowledging (hung) costs nothing but the
 * view held for it. Pushes still go through the leading-edge throttle: at most 60 a second.
 *
 * The delta's base is the acknowledged version, which with one version in flight is always the one
 * sent last: a delta is built only on a view the receiver said it holds, so it can never miss its
 * base, and an ack lost or refused leaves the pusher waiting (until the receiver resyncs), never
 * sending a delta the receiver cannot apply.
 */
import type { PositionsView } from '../../shared/position';
import { pushFor } from '../../shared/positions-delta';
import type { PositionsPush } from '../../shared/positions-push';
import { LeadingThrottle, PUSH_INTERVAL_MS } from '../ipc/throttle';

export class PositionsPusher {
  /** The last version the receiver acknowledged; null: it needs a full view. */
  private acked: PositionsView | null = null;
  /** The version sent and not acknowledged yet; null: nothing in flight. */
  private inFlight: PositionsView | null = null;
  private readonly throttle: LeadingThrottle;
  /** A change is waiting for the end of this turn of the event loop. */
  private endOfTurn: NodeJS.Immediate | null = null;

  constructor(
    private readonly currentView: () => PositionsView,
    private readonly send: (push: PositionsPush) => void,
    /** The throttle's clock (tests pass a fake one). */
    now: () => number = () => performance.now(),
  ) {
    this.throttle = new LeadingThrottle(PUSH_INTERVAL_MS, () => this.flush(), now);
  }

  /**
   * The view changed. It goes out at the end of this turn of the event loop, not inside the change:
   * the exchange sends the one-second marks of every symbol together, and socket reads that arrive
   * together are handled in one turn, so they go out as one push. Sent at once, the first read would
   * go alone and the rest would wait for its ack and a throttle interval.
   */
  notify(): void {
    this.endOfTurn ??= setImmediate(() => {
      this.endOfTurn = null;
      this.throttle.notify();
    });
  }

  /**
   * The receiver applied `version`. Only the version in flight counts: an ack of anything else (one
   * sent before a resync, or a made-up number) changes nothing. Returns whether it was taken.
   */
  ack(version: number): boolean {
    if (this.inFlight === null || this.inFlight.version !== version) return false;
    this.acked = this.inFlight;
    this.inFlight = null;
    // Whatever changed while the version was in flight goes out now, or at the interval's end.
    this.throttle.notify();
    return true;
  }

  /** The receiver lost track (or just loaded): forget what it holds and start again with a full view. */
  resync(): void {
    this.acked = null;
    this.inFlight = null;
    this.throttle.notify();
  }

  /** Whether a version is waiting for its ack (for the bench and tests). */
  get waiting(): boolean {
    return this.inFlight !== null;
  }

  dispose(): void {
    if (this.endOfTurn !== null) clearImmediate(this.endOfTurn);
    this.endOfTurn = null;
    this.throttle.cancel();
  }

  private flush(): void {
    if (this.inFlight !== null) return; // the ack will call again
    const view = this.currentView();
    if (view === this.acked) return;
    const push = pushFor(this.acked, view);
    this.inFlight = view;
    this.send(push);
  }
}
