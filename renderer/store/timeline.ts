/** The connection timeline the status bar opens: bounded, oldest first, without repeats. */
import type { TimelineEntry } from '../../shared/timeline';
import { TIMELINE_LIMIT } from '../../shared/ui-constants';

const identity = (entry: TimelineEntry) => `${entry.at}\u0000${entry.kind}\u0000${entry.message}`;

/**
 * Adds entries (from `getTimeline()` or `log` pushes) to the list: sorted by time, an entry that is
 * already there (the answer to `getTimeline()` overlaps the pushes received meanwhile) kept once,
 * and only the newest `limit` kept.
 */
export function mergeTimeline(
  current: readonly TimelineEntry[],
  incoming: readonly TimelineEntry[],
  limit = TIMELINE_LIMIT,
): readonly TimelineEntry[] {
  if (incoming.length === 0) return current;
  const seen = new Set(current.map(identity));
  const added = incoming.filter((entry) => {
    const id = identity(entry);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (added.length === 0) return current;
  // Stable sort: entries with the same time keep their arrival order.
  const merged = [...current, ...added].sort((a, b) => a.at - b.at);
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}
