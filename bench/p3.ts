/**
 * P3 (DESIGN §10): the renderer with 500 positions all updating at 10 Hz, in Chromium, through the
 * real desk and the test bridge (browser/live-desk.ts). In the page, a `PerformanceObserver` counts
 * long tasks (≥ 50 ms, the browser's own definition) and a `requestAnimationFrame` loop records frame
 * times (the interval between consecutive frames). Two phases: the table at rest while marks update,
 * then the same while the table scrolls down and up by mouse-wheel steps of 40 px, 60 a second
 * (virtualised rows entering and leaving while they update). The wheel comes through the browser's
 * input path, as a trader's does: a page script setting `scrollTop` each frame would force an extra
 * synchronous layout per frame that no real scroll causes.
 */
import type { Browser, Page } from '@playwright/test';
import { startLiveDesk } from './browser/live-desk';
import { browserMetrics, metricDelta, type BrowserWork } from './browser/cdp-metrics';
import { p3PhasePass } from './p3-verdict';
import { quantile, summarize, type Summary } from './stats';

export interface P3Phase {
  name: 'at rest' | 'scrolling';
  frames: number;
  frameMs: Summary & { p95: number };
  longTasks: number;
  longestTaskMs: number;
  /** Mouse-wheel steps of 40 px sent during the phase (0 at rest). */
  wheelSteps: number;
  /** Where the page's main thread spent the phase (CDP Performance metrics), ms per second. */
  work: BrowserWork;
}

export interface P3Result {
  positions: number;
  rowsShown: number;
  hz: number;
  phaseMs: number;
  /** Position rows in the table when measuring began. */
  phases: P3Phase[];
  pass: boolean;
}

interface PhaseRecord {
  frames: number[];
  longTasks: number[];
}

/** Runs one phase in the page: returns frame intervals and long-task durations. */
function phaseInPage(durationMs: number): Promise<PhaseRecord> {
  return new Promise((resolve) => {
    const longTasks: number[] = [];
    const frames: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    let previous = 0;
    const started = performance.now();
    const frame = (now: number): void => {
      if (previous > 0) frames.push(now - previous);
      previous = now;
      if (now - started < durationMs) requestAnimationFrame(frame);
      else {
        // Long tasks are reported after they end: take what is queued before stopping.
        for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
        observer.disconnect();
        resolve({ frames, longTasks });
      }
    };
    requestAnimationFrame(frame);
  });
}

const WHEEL_STEP_PX = 40;
const WHEEL_INTERVAL_MS = 1000 / 60;
const MAX_OUTSTANDING_WHEELS = 4;

/**
 * Turns the mouse wheel over the table until `stop` settles: 40 px steps at 60 a second, down to
 * the end of the list and back up. The travel was read once before (the list does not change length
 * here), so the page is never asked for its scroll position while it is measured.
 */
interface ScrollGeometry {
  x: number;
  y: number;
  /** How far the table scrolls, top to bottom (px). */
  travel: number;
}

/** Where the table is and how far it scrolls, read before a phase is timed; the mouse is put over it. */
async function scrollGeometry(page: Page): Promise<ScrollGeometry> {
  const geometry = await page.evaluate(() => {
    const scroller = document.querySelector('.positions-scroll');
    if (scroller === null) throw new Error('no positions table to scroll');
    const box = scroller.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2, travel: scroller.scrollHeight - scroller.clientHeight };
  });
  await page.mouse.move(geometry.x, geometry.y);
  return geometry;
}

async function wheelUntil(page: Page, geometry: ScrollGeometry, stop: Promise<unknown>): Promise<number> {
  let done = false;
  const finish = (): void => {
    done = true;
  };
  // However the phase ends (a page error too), the wheel stops; the phase's own await reports the error.
  stop.then(finish, finish);
  let position = 0;
  let direction = 1;
  let steps = 0;
  const started = performance.now();
  // A wheel is not held back by a busy page: steps go out on schedule, without waiting for the page
  // to take the previous one (the browser coalesces what queues), up to a few outstanding.
  const outstanding = new Set<Promise<void>>();
  while (!done) {
    if ((direction > 0 && position + WHEEL_STEP_PX > geometry.travel) || (direction < 0 && position - WHEEL_STEP_PX < 0)) direction = -direction;
    position += WHEEL_STEP_PX * direction;
    if (outstanding.size >= MAX_OUTSTANDING_WHEELS) await Promise.race(outstanding);
    const step: Promise<void> = page.mouse.wheel(0, WHEEL_STEP_PX * direction).finally(() => outstanding.delete(step));
    outstanding.add(step);
    steps += 1;
    // Paced on the schedule, not after each step: a slow step does not lower the rate.
    const wait = started + steps * WHEEL_INTERVAL_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(outstanding);
  return steps;
}

/** P3 at `positions` × `hz`, each phase `phaseMs` long. */
export async function runP3(browser: Browser, options: { positions: number; hz: number; phaseMs: number }, log: (line: string) => void): Promise<P3Result> {
  const live = await startLiveDesk(browser, { positions: options.positions, markIntervalMs: Math.round(1000 / options.hz) });
  try {
    // Every row present before measuring: the full view has arrived and rendered.
    await live.page.waitForFunction((n) => Number(document.querySelector('table.positions-table')?.getAttribute('aria-rowcount') ?? 0) - 1 >= n, options.positions, { timeout: 60_000, polling: 200 });
    const rowsShown = await live.page.evaluate(() => Number(document.querySelector('table.positions-table')?.getAttribute('aria-rowcount') ?? 1) - 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const metrics = await browserMetrics(live.page);
    const phases: P3Phase[] = [];
    for (const [name, scroll] of [['at rest', false], ['scrolling', true]] as const) {
      const before = await metrics();
      const geometry = scroll ? await scrollGeometry(live.page) : null;
      const measuring = live.page.evaluate(phaseInPage, options.phaseMs);
      const wheelSteps = geometry === null ? 0 : await wheelUntil(live.page, geometry, measuring);
      const record = await measuring;
      const work = metricDelta(before, await metrics());
      const summary = summarize(record.frames);
      const p95 = quantile(record.frames, 0.95);
      phases.push({
        name,
        frames: record.frames.length,
        frameMs: { ...summary, p95 },
        longTasks: record.longTasks.length,
        longestTaskMs: Math.max(0, ...record.longTasks),
        wheelSteps,
        work,
      });
      log(`  P3 ${name}: ${record.frames.length} frames, p95 ${p95.toFixed(1)} ms, max ${summary.max.toFixed(1)} ms, ${record.longTasks.length} long tasks (longest ${Math.max(0, ...record.longTasks).toFixed(0)} ms), ${wheelSteps} wheel steps; CPU per s: main thread ${work.threadMsPerS.toFixed(0)} ms, script ${work.scriptMsPerS.toFixed(0)} ms, layout ${work.layoutMsPerS.toFixed(0)} ms, style ${work.styleMsPerS.toFixed(0)} ms`);
    }
    return {
      positions: options.positions,
      rowsShown,
      hz: options.hz,
      phaseMs: options.phaseMs,
      phases,
      pass: phases.every(p3PhasePass),
    };
  } finally {
    await live.close();
  }
}
