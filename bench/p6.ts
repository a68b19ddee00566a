/**
 * P6 (DESIGN §10): a 1,000,000-frame soak through the real engine and pusher (bench/p6/soak-child.ts,
 * its own process with --expose-gc, so the heap measured is the engine's alone). Heap growth is
 * taken after a full GC, from the checkpoint after the first 100,000 ticks (JIT, caches and the
 * first views settled) to the end; handles, timers, listeners and pending requests must not climb.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const P6_MAX_GROWTH_BYTES = 5 * 1024 * 1024;

export interface P6Checkpoint {
  ticks: number;
  heapUsedBytes: number;
  resources: Record<string, number>;
  processListeners: number;
}

export interface P6Result {
  ticks: number;
  positions: number;
  seconds: number;
  pushes: number;
  pushedBytes: number;
  pendingAtEnd: number;
  checkpoints: P6Checkpoint[];
  growthBytes: number;
  /** Handles/timers/listeners at the end are no more than after warm-up. */
  countsFlat: boolean;
  pass: boolean;
}

const total = (counts: Record<string, number>): number => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** Runs the soak child and judges its checkpoints. */
export async function runP6(options: { ticks: number; positions: number }, log: (line: string) => void): Promise<P6Result> {
  const script = fileURLToPath(new URL('./p6/soak-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, String(options.ticks), String(options.positions)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the P6 soak exited with ${code}`);
  const raw = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Omit<P6Result, 'growthBytes' | 'countsFlat' | 'pass'>;
  const settled = raw.checkpoints[1] ?? raw.checkpoints[0]!;
  const end = raw.checkpoints.at(-1)!;
  const growthBytes = end.heapUsedBytes - settled.heapUsedBytes;
  const countsFlat = total(end.resources) <= total(settled.resources) && end.processListeners <= settled.processListeners && raw.pendingAtEnd === 0;
  const result: P6Result = { ...raw, growthBytes, countsFlat, pass: growthBytes <= P6_MAX_GROWTH_BYTES && countsFlat };
  log(
    `  P6: ${raw.ticks.toLocaleString('en-US')} ticks in ${raw.seconds.toFixed(1)} s, ${raw.pushes} pushes; heap after GC ` +
      raw.checkpoints.map((c) => (c.heapUsedBytes / 2 ** 20).toFixed(1)).join(' → ') +
      ` MB; growth ${(growthBytes / 2 ** 20).toFixed(2)} MB; handles ${JSON.stringify(end.resources)}`,
  );
  return result;
}
