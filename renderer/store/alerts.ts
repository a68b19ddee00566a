/**
 * Alerts as the banner stack shows them. Main sends the full list in force (`alerts` pushes, and
 * `AppState.alerts` after a load) whenever it changes, so the list here is simply replaced. What
 * the renderer adds: a Dismiss per banner (until the same condition is raised again, with a newer
 * `at`), and a flash of the affected row when an alert about it is new.
 */
import type { Alert } from '../../shared/alerts';

export interface AlertsSlice {
  /** Alerts in force, as main listed them. */
  readonly list: readonly Alert[];
  /** Dismissed alerts: id → the `at` that was dismissed. */
  readonly dismissed: ReadonlyMap<string, number>;
  /** Position key → its latest new alert, which makes the row flash (see `Flash`). */
  readonly flashes: ReadonlyMap<string, Flash>;
}

/** A row's latest alert: `count` alternates the animation so a new alert restarts it; `at` ends it. */
export interface Flash {
  readonly count: number;
  readonly at: number;
}

export const EMPTY_ALERTS: AlertsSlice = { list: [], dismissed: new Map(), flashes: new Map() };

/** |clock offset| above which main warns (DESIGN §4). */
export const CLOCK_WARNING_MS = 1_000;

const identity = (alert: Alert) => `${alert.id}@${alert.at}`;

/**
 * Main's new list replaces the old one. Alerts not seen before (a new id, or an id raised again
 * with a newer `at`) make their rows flash; dismissals of alerts no longer in force are forgotten.
 */
export function replaceAlerts(slice: AlertsSlice, alerts: readonly Alert[]): AlertsSlice {
  const known = new Set(slice.list.map(identity));
  let flashes: Map<string, Flash> | null = null;
  for (const alert of alerts) {
    if (alert.key === null || known.has(identity(alert))) continue;
    flashes ??= new Map(slice.flashes);
    flashes.set(alert.key, { count: (flashes.get(alert.key)?.count ?? 0) + 1, at: alert.at });
  }
  const ids = new Set(alerts.map((alert) => alert.id));
  const stillDismissed = [...slice.dismissed].filter(([id]) => ids.has(id));
  return {
    list: alerts,
    dismissed: stillDismissed.length === slice.dismissed.size ? slice.dismissed : new Map(stillDismissed),
    flashes: flashes ?? slice.flashes,
  };
}

export function dismissAlert(slice: AlertsSlice, alert: Alert): AlertsSlice {
  return { ...slice, dismissed: new Map(slice.dismissed).set(alert.id, alert.at) };
}

const SEVERITY_RANK = { critical: 0, warning: 1 } as const;

/** The banners to show: not dismissed; critical first, then newest first. */
export function visibleAlerts(slice: AlertsSlice): Alert[] {
  return slice.list
    .filter((alert) => {
      const dismissedAt = slice.dismissed.get(alert.id);
      return dismissedAt === undefined || alert.at > dismissedAt;
    })
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.at - a.at);
}
