/** One line per DESIGN §10 figure: printed at the end of `npm run bench` and tabled at the top of RESULTS.md. */
import type { BenchResults } from './report';
import { p2LoadedPass, p2SteadyPass } from './report-felt';
import { P1_TARGET_RATIO } from './p1/index';
import { P4_MAX_PUSHES_PER_SECOND } from './p4';
import { P4_SERIALISE_TARGET_CORE_PCT } from './p4-serialise';

export interface FigureLine {
  id: string;
  what: string;
  measured: string;
  target: string;
  pass: boolean;
}

/** Whether every push completed a version (one message per version: no version waited for parts) and applied to the view held. */
export const everyVersionWhole = (results: Pick<BenchResults, 'p4'>): boolean =>
  results.p4.runs.every((run) => run.misfits === 0 && run.pushesPerSecond.every((n, i) => run.versionsPerSecond[i] === n));

/** The current scheme's serialisation at 500 positions: parts while the build has them, else one message per version. */
function currentSerialisation(results: Pick<BenchResults, 'p4Serialise'>): { pct: number; scheme: string } {
  const at500 = results.p4Serialise.find((w) => w.positions === 500) ?? results.p4Serialise[0]!;
  return at500.parts === null ? { pct: at500.perVersion.cloneCorePct, scheme: 'one message per version' } : { pct: at500.parts.cloneCorePct, scheme: 'parts' };
}

/** The P2 lines (both workloads). */
export function p2Lines({ p2Steady, p2Loaded }: Pick<BenchResults, 'p2Steady' | 'p2Loaded'>): FigureLine[] {
  return [
    {
      id: 'P2',
      what: '200 positions × 1 Hz, send → DOM',
      measured: `p50 ${p2Steady.latencyMs.p50.toFixed(1)} ms, p99 ${p2Steady.latencyMs.p99.toFixed(1)} ms (${p2Steady.matched} changes)`,
      target: 'p50 ≤ 20 ms, p99 ≤ 50 ms',
      pass: p2SteadyPass(p2Steady),
    },
    {
      id: 'P2',
      what: `${Math.round(p2Loaded.sentPerSecond).toLocaleString('en-US')} updates/s, send → DOM`,
      measured: `p99 ${p2Loaded.latencyMs.p99.toFixed(1)} ms (p50 ${p2Loaded.latencyMs.p50.toFixed(1)}); carrier queue max ${p2Loaded.carrierQueue.max}`,
      target: 'p99 ≤ 100 ms, queues bounded',
      pass: p2LoadedPass(p2Loaded),
    },
  ];
}

/** The P4 line. */
export function p4Line(results: Pick<BenchResults, 'p4' | 'p4Serialise'>): FigureLine {
  const { p4 } = results;
  const serialisation = currentSerialisation(results);
  return {
    id: 'P4',
    what: 'IPC pushes, 500 × 10 Hz',
    measured:
      `${p4.pushesPerSecond.max} pushes/s max, ${p4.versionsPerSecond.p50} versions/s p50; serialisation (${serialisation.scheme}) ${serialisation.pct.toFixed(2)} % of a core` +
      `${everyVersionWhole(results) ? '' : '; versions cut into parts or not applied'}`,
    target: `≤ ${P4_MAX_PUSHES_PER_SECOND}/s, one message per version, ≤ ${P4_SERIALISE_TARGET_CORE_PCT} %`,
    pass: p4.pushesPass && everyVersionWhole(results) && serialisation.pct <= P4_SERIALISE_TARGET_CORE_PCT,
  };
}

/** The figures, in DESIGN §10 order. */
export function figureLines(results: BenchResults): FigureLine[] {
  const { p1, p5, p6 } = results;
  return [
    {
      id: 'P1',
      what: 'ingest CPU per frame vs floor',
      measured: p1.map((w) => `N=${w.symbols} ${w.ratio.p50.toFixed(2)}× (${w.ratio.min.toFixed(2)}–${w.ratio.max.toFixed(2)})`).join(', '),
      target: `≤ ${P1_TARGET_RATIO}×`,
      pass: p1.every((w) => w.pass),
    },
    ...p2Lines(results),
    p3Line(results.p3),
    p4Line(results),
    p5Line(p5),
    {
      id: 'P6',
      what: `soak, ${p6.ticks.toLocaleString('en-US')} frames`,
      measured: `heap growth ${(p6.growthBytes / 2 ** 20).toFixed(2)} MB; handles/listeners ${p6.countsFlat ? 'flat' : 'GREW'}`,
      target: '≤ 5 MB, flat',
      pass: p6.pass,
    },
    p7Line(results.p7),
  ];
}

/** The P3 line (also printed by a partial run). */
export function p3Line(p3: BenchResults['p3']): FigureLine {
  const worst = p3.phases.reduce((a, b) => (b.frameMs.p95 > a.frameMs.p95 ? b : a));
  return {
    id: 'P3',
    what: `${p3.positions} positions × ${p3.hz} Hz, frames`,
    measured: p3.phases.map((phase) => `${phase.name}: p95 ${phase.frameMs.p95.toFixed(1)} ms, max ${phase.frameMs.max.toFixed(0)} ms, ${phase.longTasks} long tasks`).join('; '),
    target: `0 long tasks, p95 ≤ 16.7 ms to the page clock's 0.1 ms (worst: ${worst.name})`,
    pass: p3.pass,
  };
}

/** The P7 line (also printed by a partial run). */
export function p7Line(p7: BenchResults['p7']): FigureLine {
  return {
    id: 'P7',
    what: `footprint, ${p7.main.positions} positions`,
    measured: `main ${p7.mainCorePct.toFixed(2)} %, renderer ${p7.rendererCorePct.toFixed(2)} % of a core; main heap ${(p7.main.heapUsedBytes / 2 ** 20).toFixed(1)} MB`,
    target: 'main ≤ 1 %, renderer ≤ 2 %, heap ≤ 80 MB',
    pass: p7.pass.main && p7.pass.renderer && p7.pass.heap,
  };
}

/** The P5 line (also printed by a partial run). */
export function p5Line(p5: BenchResults['p5']): FigureLine {
  return {
    id: 'P5',
    what: 'start → first positions painted (glue harness)',
    measured: `median ${p5.totalMs.p50.toFixed(0)} ms of ${p5.starts.length} (${p5.totalMs.min.toFixed(0)}–${p5.totalMs.max.toFixed(0)}), load ${p5.loadAverage.before}`,
    target: '≤ 1,500 ms',
    pass: p5.pass,
  };
}
