/**
 * P5 (DESIGN §10): process start → first positions painted, demo mode, cold. Each start is a new
 * process (bench/p5/start-child.ts) with a new Chromium; the time runs from just before this process
 * spawns it to the moment its "painted" line arrives here (so process creation, module loading,
 * the demo worker, the client's logon and snapshot, the browser, the renderer bundle and the first
 * push all count). The child's own milestones say where the time went.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// esbuild comes with tsx and electron-vite (the tools that build and run this code): no new dependency.
import { build } from 'esbuild';
import { summarize, type Summary } from './stats';

export const P5_TARGET_MS = 1_500;

export interface P5Start {
  totalMs: number;
  /** Child milestones, ms since the child process started. */
  milestones: Record<string, number>;
}

export interface P5Result {
  starts: P5Start[];
  totalMs: Summary;
  pass: boolean;
}

/**
 * The start script bundled into one ES module, as electron-vite bundles main: a start then loads one
 * file, not hundreds of TypeScript sources through tsx. Packages stay external (node_modules), as in
 * the app's main bundle. Written next to the raw results (bench/results/, not committed) — the same
 * depth as bench/browser/, so its paths to out/ resolve alike.
 */
async function bundleStartScript(): Promise<string> {
  const outfile = fileURLToPath(new URL('./results/p5-start.mjs', import.meta.url));
  await build({
    entryPoints: [fileURLToPath(new URL('./p5/start-child.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

async function oneStart(script: string): Promise<P5Start> {
  const started = performance.now();
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  const painted = new Promise<{ at: number; line: string }>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('\n')) resolve({ at: performance.now(), line: output.split('\n')[0]! });
    });
    child.once('exit', (code) => reject(new Error(`the P5 start exited (${code}) before painting`)));
  });
  const { at, line } = await painted;
  await new Promise((resolve) => child.once('exit', resolve));
  return { totalMs: at - started, milestones: JSON.parse(line) as Record<string, number> };
}

/** `count` cold starts, one after another. */
export async function runP5(count: number, log: (line: string) => void): Promise<P5Result> {
  const script = await bundleStartScript();
  const starts: P5Start[] = [];
  for (let i = 0; i < count; i++) {
    const start = await oneStart(script);
    starts.push(start);
    log(
      `  P5 start ${i + 1}: ${start.totalMs.toFixed(0)} ms (` +
        Object.entries(start.milestones)
          .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
          .join(', ') +
        ')',
    );
  }
  const totalMs = summarize(starts.map((start) => start.totalMs));
  return { starts, totalMs, pass: totalMs.p50 <= P5_TARGET_MS };
}
