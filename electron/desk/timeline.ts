/** The connection timeline: a bounded list of what happened to the link, newest last. */
import type { TimelineEntry } from '../../shared/timeline';
import { TIMELINE_LIMIT } from '../../shared/ui-constants';

export class Timeline {
  private readonly entries: TimelineEntry[] = [];

  constructor(
    private readonly onEntry: (entry: TimelineEntry) => void,
    private readonly now: () => number,
  ) {}

  add(kind: TimelineEntry['kind'], message: string): void {
    const entry: TimelineEntry = { at: this.now(), kind, message: message.slice(0, 500) };
    this.entries.push(entry);
    if (this.entries.length > TIMELINE_LIMIT) this.entries.splice(0, this.entries.length - TIMELINE_LIMIT);
    this.onEntry(entry);
  }

  list(): TimelineEntry[] {
    return [...this.entries];
  }
}
