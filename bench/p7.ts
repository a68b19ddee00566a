/**
 * P7 (DESIGN §10): demo mode with 20 live positions, over a minute. The simulator (activity on,
 * marks every second) runs here; two consumers watch it over the same window:
 * - **main side**: the real Desk in its own process (bench/p7/main-side-child.ts), pushes
 *   structured-cloned as IPC would; its CPU (all threads) and its heap after GC;
 * - **renderer**: the built renderer in Chromium fed by a Desk here through the test bridge; its CPU
 *   is the CPU time of the page's main thread from CDP `Performance.getMetrics` (ThreadTime; the
 *   whole renderer process's beside it).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { build } from 'esbuild';
import { browserMetrics, metricDelta, type BrowserWork } from './browser/cdp-metrics';
import { startLiveDesk } from './browser/live-desk';
import { simulatorDemoExchange } from '../test/support/simulator-demo';

export const P7_TARGETS = { mainCorePct: 1, rendererCorePct: 2, mainHeapBytes: 80 * 1024 * 1024 } as const;

export interface P7Result {
  positions: number;
  windowMs: number;
  main: { seconds: number; positions: number; cpuMsPerS: number; pushesPerS: number; heapUsedBytes: number; rssBytes: number };
  mainCorePct: number;
  renderer: BrowserWork;
  rendererCorePct: number;
  pass: { main: boolean; renderer: boolean; heap: boolean };
}

/**
 * The main side as one bundle, run by plain Node: the app's main process runs bundled code too. Run
 * through tsx instead, the child would also pay for tsx's loader thread and an unbundled module graph
 * (measured: an idle process that has only imported the Desk uses ~7 ms/s under tsx, ~4.7 bundled).
 */
async function bundledMainSide(): Promise<string> {
  const outfile = fileURLToPath(new URL('./results/p7-main-side.mjs', import.meta.url));
  await build({
    entryPoints: [fileURLToPath(new URL('./p7/main-side-child.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // Bundled CommonJS dependencies still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

/** Runs both consumers over `windowMs` against one demo simulator with `positions` open. */
export async function runP7(browser: Browser, options: { positions: number; windowMs: number }, log: (line: string) => void): Promise<P7Result> {
  const live = await startLiveDesk(browser, { positions: options.positions, markIntervalMs: 1_000, activity: true });
  try {
    const warmupMs = 3_000;
    const config = { urls: live.simulator.urls, credentials: simulatorDemoExchange(live.simulator).credentials, warmupMs, windowMs: options.windowMs };
    const child = spawn(process.execPath, ['--expose-gc', await bundledMainSide(), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // The renderer's window: the same length, started once the child is connected and warm (roughly).
    const metrics = await browserMetrics(live.page);
    await new Promise((resolve) => setTimeout(resolve, warmupMs + 2_000));
    const before = await metrics();
    await new Promise((resolve) => setTimeout(resolve, options.windowMs));
    const renderer = metricDelta(before, await metrics());
    const code = await exited;
    if (code !== 0) throw new Error(`the P7 main side exited with ${code}`);
    const main = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as P7Result['main'];
    const mainCorePct = main.cpuMsPerS / 10;
    const rendererCorePct = renderer.threadMsPerS / 10;
    log(
      `  P7: ${main.positions} positions; main ${mainCorePct.toFixed(2)} % of a core, ${main.pushesPerS.toFixed(1)} pushes/s, heap ${(main.heapUsedBytes / 2 ** 20).toFixed(1)} MB ` +
        `(rss ${(main.rssBytes / 2 ** 20).toFixed(0)} MB); renderer main thread ${rendererCorePct.toFixed(2)} % of a core (script ${renderer.scriptMsPerS.toFixed(1)} ms/s; whole renderer process ${(renderer.processMsPerS / 10).toFixed(2)} %)`,
    );
    return {
      positions: options.positions,
      windowMs: options.windowMs,
      main,
      mainCorePct,
      renderer,
      rendererCorePct,
      pass: {
        main: mainCorePct <= P7_TARGETS.mainCorePct,
        renderer: rendererCorePct <= P7_TARGETS.rendererCorePct,
        heap: main.heapUsedBytes <= P7_TARGETS.mainHeapBytes,
      },
    };
  } finally {
    await live.close();
  }
}
