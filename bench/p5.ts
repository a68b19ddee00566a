/**
 * P5 (DESIGN §10): process start → first positions painted, demo mode, cold — through the glue
 * harness (DESIGN §9.5), as `npm run test:glue` runs the app: the *built* out/main/main.js, preload
 * and renderer, in plain Node with only `electron` stood in for (test/support/electron/), its window
 * a real Chromium page served by the app's own protocol handler, its IPC through the built preload.
 *
 * Each start is a new app process with a fresh user-data folder and a fresh browser context and
 * page. The clock runs from just before the bench spawns the process to the moment the page's probe
 * (bench/p5/page-probe.ts) sees the first position row painted. The stand-in's Chromium is launched
 * once, before any clock starts: Electron's own browser start has no counterpart here and is not
 * counted. What is counted that Electron would do differently: the stand-in opening its page
 * (a new browser context and page, its bindings and init scripts, where Electron starts a renderer
 * process), every file of the page crossing from the app's protocol handler to the page over Node's
 * IPC channel and Playwright's request routing, and each push carried into the page by a Playwright
 * `page.evaluate`. The milestones below separate those from the app's own work.
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { START_MILESTONES, startMarkName, type StartMarkDetail, type StartMilestone } from '../electron/start-marks';
import { pushChannelName } from '../shared/ipc';
import type { PositionsPush } from '../shared/positions-push';
import { absoluteNow, launchBrowser, launchGlueApp, makeGlueDirs, projectRoot, type GlueApp } from '../test/support/electron/glue-app';
import type { FromApp } from '../test/support/electron/messages';
import { pageProbeScript, PROBE_GLOBAL, type ProbeReading } from './p5/page-probe';
import { summarize, type Summary } from './stats';

export const P5_TARGET_MS = 1_500;

/**
 * The milestones of a start, in the order this table shows them (a start may reach them in another
 * order: the window and the desk start in parallel). Each is ms since the bench spawned the process.
 */
export const P5_MILESTONES = [
  /** The app process's time origin: Node is up, before any of the app's code. */
  'nodeStarted',
  /** Main's bundle and the packages it imports at start are evaluated (electron/start-marks.ts). */
  'modulesLoaded',
  /** The stand-in's `ready` (it comes once the main script has run, as under Electron). */
  'ready',
  /** Main has created its BrowserWindow and asked it to load the app. */
  'windowCreated',
  /** The page's own time origin: the stand-in has opened its Chromium page and started loading. */
  'navigationStarted',
  /** The demo exchange worker reported ready (simulator listening). */
  'demoExchangeUp',
  /** The desk has started (the client is connecting to the demo exchange). */
  'deskStarted',
  /** The renderer bundle has arrived in the page (through the app's protocol handler). */
  'scriptLoaded',
  /** The page's DOMContentLoaded ended: the renderer bundle has run (React mounted). */
  'domContentLoaded',
  /** The host received main's first positions push holding rows (after the client's first snapshot). */
  'firstRowsPushed',
  /** The first position row is in the DOM. */
  'firstRowInDom',
  /** Two animation frames later: the row has been painted. */
  'firstRowPainted',
] as const;
export type P5Milestone = (typeof P5_MILESTONES)[number];

const MAIN_MARKS: Record<StartMilestone, P5Milestone> = {
  'modules-loaded': 'modulesLoaded',
  ready: 'ready',
  'window-created': 'windowCreated',
  'demo-exchange-up': 'demoExchangeUp',
  'desk-started': 'deskStarted',
};

export interface P5Start {
  /** Spawn → first row painted. */
  totalMs: number;
  milestones: Partial<Record<P5Milestone, number>>;
  /** The app process's CPU time (user + system, every thread) at its own milestones, ms. */
  mainCpuMs: Partial<Record<P5Milestone, number>>;
  /** The app process's CPU time when the row was painted (from /proc; null where there is none). */
  mainCpuMsAtFirstRow: number | null;
  /** The page's main thread: task time until the row was painted (CDP Performance metrics), ms. */
  pageTaskMs: number | null;
  pageScriptMs: number | null;
}

export interface P5Result {
  starts: P5Start[];
  totalMs: Summary;
  pass: boolean;
  /** The machine's 1-minute load average before the first start and after the last. */
  loadAverage: { before: number; after: number };
}

const loadNow = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

const POSITIONS_CHANNEL = pushChannelName('positions');

/** True for a positions push that brings rows (a full view with rows, or a delta adding some). */
function bringsRows(push: PositionsPush | undefined): boolean {
  if (push === undefined) return false;
  return push.kind === 'full' ? push.rows.length > 0 : (push.rows?.added?.length ?? 0) > 0;
}

/** The kernel's clock ticks per second, for /proc CPU times. */
const clockTicks = ((): number | null => {
  if (process.platform !== 'linux') return null;
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || null;
  } catch {
    return null;
  }
})();

/** A process's CPU time so far (user + system), ms; null when it cannot be read. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined || clockTicks === null) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
}

/** The first window's page, once the app has created it. */
async function firstWindowPage(app: GlueApp, timeoutMs: number): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = [...app.windows.values()][0]?.page;
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`no window after ${timeoutMs} ms:\n${app.diagnostics()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface PageTimes {
  timeOrigin: number;
  domContentLoaded: number;
  scriptLoaded: number | null;
  probe: ProbeReading;
}

async function oneStart(browser: Awaited<ReturnType<typeof launchBrowser>>, main?: string): Promise<P5Start> {
  const dirs = makeGlueDirs();
  const at: Partial<Record<P5Milestone, number>> = {};
  const mainCpuMs: Partial<Record<P5Milestone, number>> = {};
  const observe = (message: FromApp, arrived: number): void => {
    if (message.t === 'push' && message.channel === POSITIONS_CHANNEL) {
      if (at.firstRowsPushed === undefined && bringsRows(message.args[0] as PositionsPush | undefined)) at.firstRowsPushed = arrived;
      return;
    }
    if (message.t !== 'record') return;
    if (message.what === 'process-start') at.nodeStarted = message.at as number;
    if (message.what !== 'mark') return;
    const milestone = START_MILESTONES.find((name) => startMarkName(name) === message.name);
    if (milestone === undefined) return;
    at[MAIN_MARKS[milestone]] = message.at as number;
    mainCpuMs[MAIN_MARKS[milestone]] = (message.detail as StartMarkDetail).cpuMs;
  };
  const started = absoluteNow();
  const app = launchGlueApp(browser, { dirs, observe, pageScripts: [pageProbeScript()], ...(main === undefined ? {} : { main }) });
  try {
    const page = await firstWindowPage(app, 60_000);
    // Chromium counts the page's task time only while its Performance domain is on: on before the page loads.
    const session = await page.context().newCDPSession(page);
    await session.send('Performance.enable');
    await page.waitForFunction((name) => (window as unknown as Record<string, ProbeReading>)[name]?.rowPainted !== undefined, PROBE_GLOBAL, {
      timeout: 60_000,
      polling: 100,
    });
    const mainCpuMsAtFirstRow = processCpuMs(app.pid);
    const times = await page.evaluate((name): PageTimes => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.initiatorType === 'script');
      return {
        timeOrigin: performance.timeOrigin,
        domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
        scriptLoaded: scripts.length === 0 ? null : Math.max(...scripts.map((entry) => entry.responseEnd)),
        probe: (window as unknown as Record<string, ProbeReading>)[name]!,
      };
    }, PROBE_GLOBAL);
    // Cumulative main-thread time of the page's renderer, read after the row was painted (so it
    // includes the few ms since: the probe's wait and these readings).
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string): number | null => {
      const value = metrics.find((entry) => entry.name === name)?.value;
      return value === undefined ? null : value * 1000;
    };
    at.navigationStarted = times.timeOrigin;
    at.domContentLoaded = times.timeOrigin + times.domContentLoaded;
    if (times.scriptLoaded !== null) at.scriptLoaded = times.timeOrigin + times.scriptLoaded;
    at.firstRowInDom = times.probe.rowInDom;
    at.firstRowPainted = times.probe.rowPainted;
    const milestones = Object.fromEntries(Object.entries(at).map(([name, time]) => [name, time - started])) as Partial<Record<P5Milestone, number>>;
    const start: P5Start = {
      totalMs: milestones.firstRowPainted!,
      milestones,
      mainCpuMs,
      mainCpuMsAtFirstRow,
      pageTaskMs: metric('TaskDuration'),
      pageScriptMs: metric('ScriptDuration'),
    };
    app.quit();
    await app.waitForExit();
    return start;
  } finally {
    await app.dispose();
    dirs.remove();
  }
}

/**
 * `count` cold starts, one after another, after one unmeasured start that brings the files into the
 * OS cache. `main` runs another build's main bundle (its preload and renderer beside it, as in out/).
 */
export async function runP5(count: number, log: (line: string) => void, main?: string): Promise<P5Result> {
  for (const built of ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(projectRoot, built))) throw new Error(`${built} is missing: P5 runs the built app (npx electron-vite build)`);
  }
  const browser = await launchBrowser();
  try {
    await oneStart(browser, main);
    const before = loadNow();
    const starts: P5Start[] = [];
    for (let i = 0; i < count; i++) {
      const start = await oneStart(browser, main);
      starts.push(start);
      log(
        `  P5 start ${i + 1}: ${start.totalMs.toFixed(0)} ms (` +
          P5_MILESTONES.filter((name) => start.milestones[name] !== undefined)
            .map((name) => `${name} ${start.milestones[name]!.toFixed(0)}`)
            .join(', ') +
          `; main CPU ${start.mainCpuMsAtFirstRow?.toFixed(0) ?? '?'} ms, page tasks ${start.pageTaskMs?.toFixed(0) ?? '?'} ms)`,
      );
    }
    const totalMs = summarize(starts.map((start) => start.totalMs));
    return { starts, totalMs, pass: totalMs.p50 <= P5_TARGET_MS, loadAverage: { before, after: loadNow() } };
  } finally {
    await browser.close();
  }
}
