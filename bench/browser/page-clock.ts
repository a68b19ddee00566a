/**
 * One clock for two processes. Node and Chromium both report `performance.timeOrigin +
 * performance.now()` (wall-clock anchored, sub-millisecond), but each anchors its origin itself, so
 * the two may differ by a few milliseconds. The offset is measured by round trips: Node reads its
 * clock, asks the page for its clock, reads its clock again; the page's reading lies inside that
 * window, so offset = page − midpoint, within ± half the round trip. The round trip with the smallest
 * duration of many gives the tightest bound.
 */
import type { Page } from '@playwright/test';

export interface ClockOffset {
  /** Add to a page reading to get Node's clock (ms). */
  pageToNode: number;
  /** Half the best round trip: the offset's uncertainty (ms). */
  uncertaintyMs: number;
}

/** Node's reading of the shared clock (ms since the epoch, sub-millisecond). */
export const nodeClock = (): number => performance.timeOrigin + performance.now();

/** Measures the page's clock offset against Node's over `rounds` round trips. */
export async function measureClockOffset(page: Page, rounds = 30): Promise<ClockOffset> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let round = 0; round < rounds; round++) {
    const before = nodeClock();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = nodeClock();
    if (after - before < best.rtt) best = { rtt: after - before, offset: (before + after) / 2 - inPage };
  }
  return { pageToNode: best.offset, uncertaintyMs: best.rtt / 2 };
}
