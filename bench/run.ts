/**
 * `npm run bench`: the DESIGN §10 targets that can be measured headless — P1 (ingest CPU per mark
 * frame against a bare floor) and P4 (IPC push rate and size). Writes bench/RESULTS.md and the raw
 * numbers to bench/results/latest.json. About a minute on a 2-core machine; never part of the tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './machine';
import { runP1 } from './p1/index';
import { runP4 } from './p4';
import { renderResults, type BenchResults } from './report';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const started = performance.now();
const machine = describeMachine();
log(`PerpDesk bench — ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage}`);

log('P1: ingest per markPrice frame (floor vs engine)…');
const p1 = await runP1(
  {
    // Frames per run scale down with N so a slow engine still finishes in a couple of seconds.
    workloads: [
      { symbols: 10, frames: 20_000 },
      { symbols: 100, frames: 15_000 },
      { symbols: 500, frames: 10_000 },
    ],
    repetitions: 5,
  },
  log,
);

log('P4: pushes at 500 positions × 10 Hz…');
// Two 6-second runs: 12 s of pushes in all, 12 one-second windows.
const p4 = await runP4({ positions: 500, hz: 10, durationMs: 6_000, repetitions: 2 }, log);

const results: BenchResults = { machine, loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100, durationS: (performance.now() - started) / 1000, p1, p4 };
mkdirSync(here('./results'), { recursive: true });
writeFileSync(here('./results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(here('./RESULTS.md'), renderResults(results));

for (const workload of p1) {
  log(`P1 N=${workload.symbols}: ratio ${workload.ratio.p50.toFixed(2)}× (target ≤ 1.5×) ${workload.pass ? 'PASS' : 'FAIL'}`);
}
log(
  `P4: ${p4.pushesPerSecond.max} pushes/s max ${p4.pushesPass ? 'PASS' : 'FAIL'}; delta parts max ${p4.deltaBytes.max} B ${p4.deltaPass ? 'PASS' : 'FAIL'}; ` +
    `full parts max ${p4.fullBytes.max} B ${p4.fullPass ? 'PASS' : 'FAIL'}; getState ${p4.stateBytes} B ${p4.statePass ? 'PASS' : 'FAIL'}; ` +
    `2,000 positions max ${Math.max(p4.large.fullBytes.max, p4.large.deltaBytes.max)} B ${p4.largePass ? 'PASS' : 'FAIL'}; ` +
    `${Math.round(p4.ticksPerSecond)} updates/s ${p4.rateSustained ? 'sustained' : 'NOT sustained'}`,
);
log(`Wrote bench/RESULTS.md and bench/results/latest.json in ${Math.round(results.durationS)} s.`);
// The blaster child is gone and every socket closed; exit even if a stray timer remains.
process.exit(0);
