import { describe, expect, it } from 'vitest';
import { mergeTimeline } from '../../../renderer/store/timeline';
import type { TimelineEntry } from '../../../shared/timeline';
import { TIMELINE_LIMIT } from '../../../shared/ui-constants';

const entry = (at: number, message = `event ${at}`): TimelineEntry => ({ at, kind: 'info', message });

describe('mergeTimeline', () => {
  it('keeps entries in time order and drops an entry that is already there', () => {
    const pushed = [entry(5), entry(7)];
    const fetched = [entry(1), entry(5), entry(6)];
    expect(mergeTimeline(pushed, fetched).map((e) => e.at)).toEqual([1, 5, 6, 7]);
  });

  it('returns the same list when nothing is new', () => {
    const list = [entry(1)];
    expect(mergeTimeline(list, [])).toBe(list);
    expect(mergeTimeline(list, [entry(1)])).toBe(list);
  });

  it('is bounded: only the newest entries are kept', () => {
    let list: readonly TimelineEntry[] = [];
    for (let at = 0; at < TIMELINE_LIMIT + 50; at += 1) list = mergeTimeline(list, [entry(at)]);
    expect(list).toHaveLength(TIMELINE_LIMIT);
    expect(list[0]!.at).toBe(50);
    expect(list[list.length - 1]!.at).toBe(TIMELINE_LIMIT + 49);
    expect(mergeTimeline([], [entry(1), entry(2), entry(3)], 2).map((e) => e.at)).toEqual([2, 3]);
  });
});
