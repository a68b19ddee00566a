/**
 * Alerts: a position whose mark comes within the user's threshold of its liquidation price, margin
 * calls, and link failures the trader must act on. Each condition has a stable id; an alert stays in
 * force until its condition clears. A position re-alerts only after it has moved clearly out of the
 * zone (hysteresis), so a mark hovering at the threshold does not flood the trader.
 */
import type { Alert } from '../../shared/alerts';
import type { PositionRow } from '../../shared/position';

/** A proximity alert clears once the distance is this many times the threshold. */
const REARM_FACTOR = 1.25;

export interface AlertBookEvents {
  /** The set of alerts in force changed (raised, replaced or cleared): here is the whole set. */
  onChange: (alerts: Alert[]) => void;
  /** A new alert was raised (for a native notification). */
  onRaise?: (alert: Alert) => void;
}

export class AlertBook {
  private readonly active = new Map<string, Alert>();

  constructor(
    private readonly events: AlertBookEvents,
    private readonly now: () => number,
  ) {}

  /** Alerts in force, oldest first. */
  list(): Alert[] {
    return [...this.active.values()];
  }

  /** Checks every row against the threshold (percent of the mark). */
  checkProximity(rows: Iterable<PositionRow>, thresholdPct: number): void {
    const seen = new Set<string>();
    let changed = false;
    for (const row of rows) {
      const id = `liquidation-proximity:${row.key}`;
      seen.add(id);
      const distance = row.derived.liquidationDistancePct;
      const inForce = this.active.has(id);
      if (distance !== null && distance <= thresholdPct && !inForce) {
        changed = true;
        this.add({
          id,
          kind: 'liquidation-proximity',
          severity: distance <= thresholdPct / 2 ? 'critical' : 'warning',
          symbol: row.symbol,
          key: row.key,
          message: `${row.symbol} ${row.positionSide === 'BOTH' ? (Number(row.positionAmt) > 0 ? 'long' : 'short') : row.positionSide.toLowerCase()} is ${distance.toFixed(2)}% from its liquidation price.`,
        });
      } else if (inForce && (distance === null || distance > thresholdPct * REARM_FACTOR)) {
        changed = this.active.delete(id) || changed;
      }
    }
    // Closed positions take their alerts with them.
    for (const id of this.active.keys()) {
      if (id.startsWith('liquidation-proximity:') && !seen.has(id)) changed = this.active.delete(id) || changed;
    }
    if (changed) this.events.onChange(this.list());
  }

  /** Raises (or replaces) an alert that is not about proximity. */
  raise(alert: Omit<Alert, 'at'>): void {
    this.add(alert);
    this.events.onChange(this.list());
  }

  /** Clears every alert of a kind (e.g. the auth failure once connected again). */
  clearKind(kind: Alert['kind']): void {
    let changed = false;
    for (const [id, alert] of this.active) if (alert.kind === kind) changed = this.active.delete(id) || changed;
    if (changed) this.events.onChange(this.list());
  }

  clearAll(): void {
    if (this.active.size === 0) return;
    this.active.clear();
    this.events.onChange(this.list());
  }

  private add(alert: Omit<Alert, 'at'>): void {
    const full: Alert = { ...alert, at: this.now() };
    this.active.delete(full.id); // re-insert so the newest is last
    this.active.set(full.id, full);
    this.events.onRaise?.(full);
  }
}
