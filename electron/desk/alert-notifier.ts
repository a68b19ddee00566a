/**
 * Where a newly raised alert goes besides its banner: a native notification, and — for the risk of a
 * position or of the account — an entry on the connection timeline, the trader's record of what
 * happened. A position hovering at the user's threshold raises and clears its alert again and again;
 * the trader needs to hear about it once, not every few seconds, so the same alert (same condition,
 * same severity) notifies at most once per interval — an escalation to critical notifies at once.
 */
import type { Alert, AlertKind } from '../../shared/alerts';
import type { Timeline } from './timeline';

/** The same alert notifies natively at most this often. */
export const NOTIFY_INTERVAL_MS = 5 * 60_000;

export class AlertNotifier {
  private readonly notifiedAt = new Map<string, number>();

  constructor(
    private readonly show: ((title: string, body: string) => void) | undefined,
    private readonly intervalMs = NOTIFY_INTERVAL_MS,
  ) {}

  raised(alert: Alert): void {
    if (this.show === undefined) return;
    const condition = `${alert.id}:${alert.severity}`;
    const last = this.notifiedAt.get(condition);
    if (last !== undefined && alert.at - last < this.intervalMs) return;
    this.notifiedAt.set(condition, alert.at);
    this.show(alert.severity === 'critical' ? 'PerpDesk — critical' : 'PerpDesk', alert.message);
  }
}

/** Alerts about the risk of a position or of the account: these go on the timeline too. */
const RISK_KINDS: ReadonlySet<AlertKind> = new Set(['liquidation-proximity', 'account-margin-ratio', 'margin-call', 'liquidation', 'adl']);

/** Announces a newly raised alert: natively (rate-limited) and, for position and account risk, on the timeline. */
export function announceAlert(alert: Alert, notifier: AlertNotifier, timeline: Timeline): void {
  notifier.raised(alert);
  if (RISK_KINDS.has(alert.kind)) timeline.add(alert.severity === 'critical' ? 'error' : 'info', alert.message);
}
