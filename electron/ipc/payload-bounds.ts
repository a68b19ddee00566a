/**
 * Keeps the answers and pushes whose size depends on how much happened (alerts in force, the
 * connection timeline) bounded, whatever happened, measured as everywhere else (shared/payload-size.ts):
 * lists where the newest or most urgent matter are cut to what fits. (The symbol list, which must
 * arrive whole, goes in one answer: bench/PROFILE-HISTORY.md, "The symbol list".)
 */
import type { Alert } from '../../shared/alerts';
import { payloadBytes } from '../../shared/payload-size';

/** Room for the alerts in the getState() reply, next to the status and settings (a few KB at most). */
export const ALERTS_BUDGET_BYTES = 40 * 1024;
/** One getTimeline() answer. */
export const LIST_BUDGET_BYTES = 48 * 1024;

/** The newest items (the end of `items`) whose JSON fits `budget`, in their original order. */
export function newestWithin<T>(items: readonly T[], budget = LIST_BUDGET_BYTES): T[] {
  let used = 2;
  let first = items.length;
  while (first > 0) {
    const bytes = payloadBytes(items[first - 1]) + 1;
    if (used + bytes > budget) break;
    used += bytes;
    first--;
  }
  return items.slice(first);
}

const urgency = (alert: Alert) => (alert.severity === 'critical' ? 1 : 0);

/**
 * The alerts to send: all of them when they fit, else the most urgent (critical first, then the
 * newest) that fit, in their original order. Hundreds of positions at once near liquidation cannot
 * all be banners anyway; the table's liquidation distances still show every one.
 */
export function mostUrgentAlerts(alerts: readonly Alert[], budget = ALERTS_BUDGET_BYTES): Alert[] {
  if (payloadBytes(alerts) <= budget) return [...alerts];
  const ranked = [...alerts].sort((a, b) => urgency(b) - urgency(a) || b.at - a.at);
  const kept = new Set(newestWithin(ranked.reverse(), budget));
  return alerts.filter((alert) => kept.has(alert));
}
