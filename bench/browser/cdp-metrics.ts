/**
 * Where a page's main thread spends its time, from Chromium itself: CDP `Performance.getMetrics`
 * reports cumulative seconds of task, script, layout and style work of the page's renderer, and the
 * CPU time of its main thread and of its whole process. Durations are read in thread time
 * (`timeDomain: 'threadTicks'`): CPU the renderer used, not wall time that also counts waiting for a
 * core on a busy machine. Deltas between two readings, per second of wall time, say how busy it was.
 */
import type { Page } from '@playwright/test';

export interface MetricReading {
  at: number;
  values: Record<string, number>;
}

export interface BrowserWork {
  seconds: number;
  /** CPU of the renderer's main thread (`ThreadTime`). */
  threadMsPerS: number;
  /** CPU of the whole renderer process, raster and compositor threads included (`ProcessTime`). */
  processMsPerS: number;
  /** Main-thread task time (in thread time, so CPU too). */
  taskMsPerS: number;
  scriptMsPerS: number;
  layoutMsPerS: number;
  styleMsPerS: number;
}

/** A reader of the page's cumulative metrics (opens a CDP session once). */
export async function browserMetrics(page: Page): Promise<() => Promise<MetricReading>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return { at: performance.now(), values: Object.fromEntries(metrics.map((metric) => [metric.name, metric.value])) };
  };
}

/** The work done between two readings, in ms per second of wall time. */
export function metricDelta(before: MetricReading, after: MetricReading): BrowserWork {
  const seconds = (after.at - before.at) / 1000;
  const rate = (name: string): number => {
    const [from, to] = [before.values[name], after.values[name]];
    // A metric this Chromium does not report must not read as zero work.
    if (from === undefined || to === undefined) throw new Error(`Chromium reported no ${name} metric`);
    return ((to - from) * 1000) / seconds;
  };
  return {
    seconds,
    threadMsPerS: rate('ThreadTime'),
    processMsPerS: rate('ProcessTime'),
    taskMsPerS: rate('TaskDuration'),
    scriptMsPerS: rate('ScriptDuration'),
    layoutMsPerS: rate('LayoutDuration'),
    styleMsPerS: rate('RecalcStyleDuration'),
  };
}
