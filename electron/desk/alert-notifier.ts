/**
 * Native notifications for raised alerts. A position hovering at the user's threshold raises and
 * clears its alert again and again; the trader needs to hear about it once, not every few seconds,
 * so the same alert (same position, same kind) notifies at most once per interval.
 */
import type { Alert } from '../../shared/alerts';

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
    const last = this.notifiedAt.get(alert.id);
    if (last !== undefined && alert.at - last < this.intervalMs) return;
    this.notifiedAt.set(alert.id, alert.at);
    this.show(alert.severity === 'critical' ? 'PerpDesk — critical' : 'PerpDesk', alert.message);
  }
}
