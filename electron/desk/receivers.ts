/**
 * Fan-out of pushes to every attached receiver (a window, the browser test bridge): positions as
 * throttled deltas per receiver, one version in flight until it is acknowledged, connection status
 * only when it changed for that receiver, alerts and timeline entries as they happen.
 */
import type { Alert } from '../../shared/alerts';
import type { ConnectionStatus } from '../../shared/connection';
import type { PushChannel, PushPayload } from '../../shared/ipc';
import type { PositionsView } from '../../shared/position';
import type { TimelineEntry } from '../../shared/timeline';
import { PositionsPusher } from './positions-pusher';
import { sameStatus } from './status';

export type PushSink = <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void;

interface Receiver {
  sink: PushSink;
  positions: PositionsPusher;
  lastStatus: ConnectionStatus | null;
}

export class Receivers {
  private readonly receivers = new Set<Receiver>();

  constructor(
    private readonly currentView: () => PositionsView,
    private readonly currentStatus: () => ConnectionStatus,
  ) {}

  /**
   * Starts pushing to a receiver: the status at once and a full view at the end of this turn (the
   * pusher's rule); returns the detach function.
   */
  attach(sink: PushSink): () => void {
    const receiver: Receiver = {
      sink,
      positions: new PositionsPusher(this.currentView, (push) => sink('positions', push)),
      lastStatus: null,
    };
    this.receivers.add(receiver);
    receiver.positions.notify();
    this.status();
    return () => {
      receiver.positions.dispose();
      this.receivers.delete(receiver);
    };
  }

  /** The positions view changed. */
  positions(): void {
    for (const receiver of this.receivers) receiver.positions.notify();
  }

  /** A receiver applied positions `version`: its pusher may send the next one. Acks carry no receiver
   * (invoke handlers are per desk, as getState's resync is), so each pusher takes it only if that is
   * the version it has in flight; the app has one window. */
  ackPositions(version: number): void {
    for (const receiver of this.receivers) receiver.positions.ack(version);
  }

  /** A receiver asked for the state (on load, or having lost track): its next positions push is a full view. */
  resync(): void {
    for (const receiver of this.receivers) receiver.positions.resync();
  }

  /** Pushes the status to receivers whose last copy differs. */
  status(): void {
    const status = this.currentStatus();
    for (const receiver of this.receivers) {
      if (receiver.lastStatus !== null && sameStatus(receiver.lastStatus, status)) continue;
      receiver.lastStatus = status;
      receiver.sink('connection', status);
    }
  }

  alerts(alerts: Alert[]): void {
    for (const receiver of this.receivers) receiver.sink('alerts', alerts);
  }

  log(entry: TimelineEntry): void {
    for (const receiver of this.receivers) receiver.sink('log', entry);
  }

  dispose(): void {
    for (const receiver of this.receivers) receiver.positions.dispose();
    this.receivers.clear();
  }
}
