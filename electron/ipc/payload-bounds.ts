/**
 * Keeps the answers and pushes whose size depends on how much happened (alerts in force, the
 * connection timeline, the symbol list) under the IPC payload limit, whatever happened, measured as
 * everywhere else (shared/payload-size.ts). Lists that must arrive whole are paged; lists where the
 * newest or most urgent matter are cut to what fits.
 */
import type { Alert } from '../../shared/alerts';
import { payloadBytes } from '../../shared/payload-size';

/** Room for the alerts in the getState() reply, next to the status and settings (a few KB at most). */
export const ALERTS_BUDGET_BYTES = 40 * 1024;
/** One getTimeline() answer, or one page of the symbol list. */
export const LIST_BUDGET_BYTES = 48 * 1024;

/** Splits `items` into consecutive pages, each an array whose JSON fits `budget` (an item too large alone gets its own page). */
export function pagesWithin<T>(items: readonly T[], budget = LIST_BUDGET_BYTES): T[][] {
  const pages: T[][] = [[]];
  let used = 2; // the brackets
  for (const item of items) {
    const bytes = payloadBytes(item) + 1; // and its comma
    const page = pages[pages.length - 1]!;
    if (page.length > 0 && used + bytes > budget) {
      pages.push([item]);
      used = 2 + bytes;
    } else {
      page.push(item);
      used += bytes;
    }
  }
  return pages;
}

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

/** A list served in pages, cut once per list (the same list object gives the same pages). */
export class PagedList<T> {
  private cut: { list: readonly T[]; pages: T[][]; revision: number } | null = null;

  /** Page `index` of `list`, with how many pages there are and which cut of the list they belong to. */
  page(list: readonly T[], index: number): { items: T[]; page: number; pages: number; revision: number } | null {
    if (this.cut?.list !== list) this.cut = { list, pages: pagesWithin(list), revision: (this.cut?.revision ?? 0) + 1 };
    const items = this.cut.pages[index];
    return items === undefined ? null : { items, page: index, pages: this.cut.pages.length, revision: this.cut.revision };
  }
}
