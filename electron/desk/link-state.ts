/**
 * What the desk does when the exchange link changes state: the engine pauses without a link, the
 * timeline records the change, and the states a trader must act on (auth failure, ban, clock skew)
 * become alerts that clear themselves once the link is healthy again.
 */
import type { ConnectionState } from '../../shared/connection';
import type { PositionEngine } from '../positions/engine';
import type { AlertBook } from './alerts';
import type { Timeline } from './timeline';

/** |clock offset| above which the trader is warned (DESIGN §4). */
const CLOCK_WARNING_MS = 1_000;

export interface LinkStateContext {
  engine: PositionEngine;
  timeline: Timeline;
  alerts: AlertBook;
  clockOffsetMs: number | null;
}

export function reactToLinkState(
  previous: ConnectionState,
  state: ConnectionState,
  message: string | null,
  { engine, timeline, alerts, clockOffsetMs }: LinkStateContext,
): void {
  // While degraded (requests paused by a 429) the streams still flow: the engine keeps going and its
  // refused snapshots cost nothing. Without a link it stops until the next connect.
  if (state !== 'live' && state !== 'degraded') engine.stop();
  if (state === 'live' && previous === 'degraded') {
    timeline.add('info', 'Requests resumed.');
    engine.refreshSoon();
  } else if (state === 'live' && previous !== 'live') {
    timeline.add('connected', 'Connected: taking a fresh snapshot.');
    alerts.clearKind('auth-failed');
    alerts.clearKind('banned');
    checkClock(clockOffsetMs, alerts);
  } else if (state === 'degraded') {
    timeline.add('error', message ?? 'Degraded.');
  } else if (state === 'banned') {
    timeline.add('error', message ?? 'Banned by the exchange.');
    alerts.raise({
      id: 'banned',
      kind: 'banned',
      severity: 'critical',
      symbol: null,
      key: null,
      message: message ?? 'The exchange has banned this IP for a while.',
    });
  } else if (state === 'reconnecting') {
    timeline.add('reconnecting', message ?? 'Reconnecting.');
  } else if (state === 'auth-failed') {
    timeline.add('error', message ?? 'The exchange rejected the credentials.');
    alerts.raise({
      id: 'auth-failed',
      kind: 'auth-failed',
      severity: 'critical',
      symbol: null,
      key: null,
      message: message ?? 'The exchange rejected the API key.',
    });
  }
}

/** Warns when this computer's clock is more than a second off the exchange's. */
function checkClock(offsetMs: number | null, alerts: AlertBook): void {
  if (offsetMs !== null && Math.abs(offsetMs) > CLOCK_WARNING_MS) {
    alerts.raise({
      id: 'clock-skew',
      kind: 'clock-skew',
      severity: 'warning',
      symbol: null,
      key: null,
      message: `This computer's clock is ${(offsetMs / 1000).toFixed(1)} s off the exchange's: PerpDesk compensates, but enable automatic time sync.`,
    });
  } else {
    alerts.clearKind('clock-skew');
  }
}
