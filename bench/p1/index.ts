/**
 * P1 (DESIGN §10): main-side ingest CPU per markPrice frame, saturated, against a bare floor measured
 * in the same run over the same frames. Runs alternate floor / engine so drift (thermal, other load)
 * hits both alike; the ratio is taken per pair, then summarised.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median, summarize, type Summary } from '../stats';
import { runEngine, runFloor, type RunResult } from './consumers';

export const P1_TARGET_RATIO = 1.5;

export interface P1Options {
  /** Open positions (= symbols streaming) and frames per measured run, per workload. */
  workloads: Array<{ symbols: number; frames: number }>;
  repetitions: number;
}

export interface P1Workload {
  symbols: number;
  framesPerRun: number;
  floor: RunResult[];
  engine: RunResult[];
  /** engine ÷ floor CPU per frame, per alternating pair. */
  ratios: number[];
  floorCpuUs: Summary;
  engineCpuUs: Summary;
  ratio: Summary;
  floorFramesPerSecond: number;
  engineFramesPerSecond: number;
  pass: boolean;
}

async function startBlaster(workloads: P1Options['workloads']): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./blaster.ts', import.meta.url));
  const spec = workloads.map(({ symbols, frames }) => `${symbols}:${frames}`).join(',');
  const child = spawn(process.execPath, ['--import', 'tsx', script, spec], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the blaster exited (${code})`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

/** Runs every workload (warm-up, then alternating floor/engine pairs) against one blaster process. */
export async function runP1(options: P1Options, log: (line: string) => void): Promise<P1Workload[]> {
  const { child, port } = await startBlaster(options.workloads);
  try {
    const workloads: P1Workload[] = [];
    for (const { symbols, frames } of options.workloads) {
      const base = `ws://127.0.0.1:${port}/n${symbols}`;
      // Warm-up: JIT and caches, for both consumers; not recorded.
      await runFloor(base, frames);
      await runEngine(base, symbols, frames);
      const floor: RunResult[] = [];
      const engine: RunResult[] = [];
      for (let rep = 0; rep < options.repetitions; rep++) {
        floor.push(await runFloor(base, frames));
        engine.push(await runEngine(base, symbols, frames));
        const bad = engine.at(-1)!.badFrames;
        if (bad > 0) throw new Error(`${bad} frames were rejected as bad: the workload is wrong`);
        log(
          `  P1 N=${symbols} rep ${rep + 1}: floor ${floor.at(-1)!.cpuUsPerFrame.toFixed(2)} µs, engine ${engine.at(-1)!.cpuUsPerFrame.toFixed(2)} µs`,
        );
      }
      const ratios = engine.map((run, i) => run.cpuUsPerFrame / floor[i]!.cpuUsPerFrame);
      const ratio = summarize(ratios);
      workloads.push({
        symbols,
        framesPerRun: frames,
        floor,
        engine,
        ratios,
        floorCpuUs: summarize(floor.map((run) => run.cpuUsPerFrame)),
        engineCpuUs: summarize(engine.map((run) => run.cpuUsPerFrame)),
        ratio,
        floorFramesPerSecond: median(floor.map((run) => run.framesPerSecond)),
        engineFramesPerSecond: median(engine.map((run) => run.framesPerSecond)),
        pass: ratio.p50 <= P1_TARGET_RATIO,
      });
    }
    return workloads;
  } finally {
    child.kill('SIGTERM');
  }
}
