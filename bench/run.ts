/**
 * `npm run bench`: every DESIGN §10 target — P1 (ingest CPU per frame against a bare floor), P4 (IPC
 * pushes and their serialisation), P6 (1,000,000-frame soak), then in headless Chromium through the
 * real desk and the browser test bridge: P2 (send → DOM latency), P3 (frames at 500 × 10 Hz), P7
 * (footprint over a minute) and P5 (cold starts). Writes bench/RESULTS.md and the raw numbers to
 * bench/results/latest.json, and prints one summary line per figure. About five minutes on a 2-core
 * machine; never part of the tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './browser/built-renderer';
import { launchChromium } from './browser/launch';
import { describeMachine } from './machine';
import { runP1 } from './p1/index';
import { runP2 } from './p2';
import { runP3 } from './p3';
import { runP4 } from './p4';
import { runP4Serialise } from './p4-serialise';
import { runP5 } from './p5';
import { runP6 } from './p6';
import { runP7 } from './p7';
import { p4Section, renderResults, type BenchResults } from './report';
import { p2Section, p3Section, p5Section, p6Section, p7Section } from './report-felt';
import { figureLines, p2Lines, p3Line, p4Line, p5Line, p7Line, type FigureLine } from './summary';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const P3_OPTIONS = { positions: 500, hz: 10, phaseMs: 8_000 };
const P7_OPTIONS = { positions: 20, windowMs: 60_000 };
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const loadAverages: Record<string, number> = {};
const load = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;
const stage = (id: string, title: string): void => {
  loadAverages[id] = load();
  log(`${title} (load ${loadAverages[id]})…`);
};

/**
 * `npm run bench -- --only P2,P4` runs only those figures (on a shared machine, re-measure just what
 * changed): it writes their sections to bench/results/partial.md and their raw numbers to
 * bench/results/partial.json, prints their summary lines, and leaves RESULTS.md as it is (its other
 * figures would otherwise be lost). Each of P1–P7 runs alone the same as in the full run.
 */
const onlyAt = process.argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
const onlyArg = onlyAt === -1 ? undefined : process.argv[onlyAt]!;
const onlyValue = onlyArg === undefined ? null : onlyArg.includes('=') ? onlyArg.slice('--only='.length) : (process.argv[onlyAt + 1] ?? '');
const only = onlyValue === null ? null : new Set(onlyValue.split(',').map((id) => id.trim().toUpperCase()));
const PARTIAL = new Set(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
if (only !== null && [...only].some((id) => !PARTIAL.has(id))) {
  throw new Error(`--only takes some of ${[...PARTIAL].join(', ')}; got ${onlyValue}`);
}
if (only !== null) await runPartial(only);

const started = performance.now();
const machine = describeMachine();
log(`PerpDesk bench — ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage}`);
ensureBuilt(log);

stage('P1', 'P1: ingest per markPrice frame (floor vs engine)');
// 150,000 frames a run at every N (today's 10,000–20,000 let one scheduler hiccup swing a run's
// ratio 0.8×–2.5×); each run is still well under a second of CPU.
const p1 = await runP1(
  {
    workloads: [
      { symbols: 10, frames: 150_000 },
      { symbols: 100, frames: 150_000 },
      { symbols: 500, frames: 150_000 },
    ],
    repetitions: 5,
  },
  log,
);

stage('P4', 'P4: pushes at 500 positions × 10 Hz');
// Two 6-second runs: 12 s of pushes in all, 12 one-second windows.
const p4 = await runP4({ positions: 500, hz: 10, durationMs: 6_000, repetitions: 2 }, log);
const p4Serialise = [
  await runP4Serialise({ positions: 500, hz: 10, seconds: 4 }, log),
  await runP4Serialise({ positions: 2_000, hz: 10, seconds: 3 }, log),
];

stage('P6', 'P6: 1,000,000-frame soak');
const p6 = await runP6({ ticks: 1_000_000, positions: 200 }, log);

const browser = await launchChromium();
stage('P2', 'P2: send → DOM at 200 positions × 1 Hz, then 200 × 10 Hz (2,000 updates/s)');
const p2Steady = await runP2(browser, { label: '200 positions × 1 Hz', positions: 200, markIntervalMs: 1_000, durationMs: 20_000 }, log);
const p2Loaded = await runP2(browser, { label: '200 positions × 10 Hz', positions: 200, markIntervalMs: 100, durationMs: 15_000 }, log);
stage('P3', 'P3: frames at 500 positions × 10 Hz');
const p3 = await runP3(browser, P3_OPTIONS, log);
stage('P7', 'P7: footprint, demo mode, 20 positions, one minute');
const p7 = await runP7(browser, P7_OPTIONS, log);
await browser.close();
stage('P5', 'P5: cold starts of the built app under the glue harness');
const p5 = await runP5(5, log);

const results: BenchResults = {
  machine,
  loadAverages,
  loadAverageAtEnd: load(),
  durationS: (performance.now() - started) / 1000,
  p1,
  p2Steady,
  p2Loaded,
  p3,
  p4,
  p4Serialise,
  p5,
  p6,
  p7,
};
mkdirSync(here('./results'), { recursive: true });
writeFileSync(here('./results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(here('./RESULTS.md'), renderResults(results));

log('');
for (const line of figureLines(results)) log(`${line.id} ${line.what}: ${line.measured} (target ${line.target}) ${line.pass ? 'PASS' : 'FAIL'}`);
log(`Wrote bench/RESULTS.md and bench/results/latest.json in ${Math.round(results.durationS)} s (load ${machine.loadAverage} → ${results.loadAverageAtEnd}).`);
// Every child, browser and socket is closed; exit even if a stray timer remains.
process.exit(0);

/** Only the figures asked for: their sections and summary lines, RESULTS.md untouched. */
async function runPartial(ids: ReadonlySet<string>): Promise<never> {
  const partialStarted = performance.now();
  const machine = describeMachine();
  log(`PerpDesk bench (only ${[...ids].join(', ')}) — ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage}`);
  const sections: string[] = [];
  const lines: FigureLine[] = [];
  const raw: Record<string, unknown> = { machine };
  if (ids.has('P1')) {
    stage('P1', 'P1: ingest per markPrice frame (floor vs engine)');
    raw.p1 = await runP1({ workloads: [10, 100, 500].map((symbols) => ({ symbols, frames: 150_000 })), repetitions: 5 }, log);
  }
  if (ids.has('P4')) {
    stage('P4', 'P4: pushes at 500 positions × 10 Hz');
    const p4 = await runP4({ positions: 500, hz: 10, durationMs: 6_000, repetitions: 2 }, log);
    const p4Serialise = [await runP4Serialise({ positions: 500, hz: 10, seconds: 4 }, log), await runP4Serialise({ positions: 2_000, hz: 10, seconds: 3 }, log)];
    Object.assign(raw, { p4, p4Serialise });
    sections.push(...p4Section({ p4, p4Serialise }));
    lines.push(p4Line({ p4, p4Serialise }));
  }
  if (ids.has('P6')) {
    stage('P6', 'P6: 1,000,000-frame soak');
    const p6 = await runP6({ ticks: 1_000_000, positions: 200 }, log);
    raw.p6 = p6;
    sections.push(...p6Section(p6));
  }
  if (ids.has('P2')) {
    ensureBuilt(log);
    const browser = await launchChromium();
    stage('P2', 'P2: send → DOM at 200 positions × 1 Hz, then 200 × 10 Hz (2,000 updates/s)');
    const p2Steady = await runP2(browser, { label: '200 positions × 1 Hz', positions: 200, markIntervalMs: 1_000, durationMs: 20_000 }, log);
    const p2Loaded = await runP2(browser, { label: '200 positions × 10 Hz', positions: 200, markIntervalMs: 100, durationMs: 15_000 }, log);
    await browser.close();
    Object.assign(raw, { p2Steady, p2Loaded });
    sections.push(...p2Section(p2Steady, p2Loaded));
    lines.push(...p2Lines({ p2Steady, p2Loaded }));
  }
  if (ids.has('P3') || ids.has('P7')) {
    ensureBuilt(log);
    const browser = await launchChromium();
    if (ids.has('P3')) {
      stage('P3', 'P3: frames at 500 positions × 10 Hz');
      const p3 = await runP3(browser, P3_OPTIONS, log);
      raw.p3 = p3;
      sections.push(...p3Section(p3));
      lines.push(p3Line(p3));
    }
    if (ids.has('P7')) {
      stage('P7', 'P7: footprint, demo mode, 20 positions, one minute');
      const p7 = await runP7(browser, P7_OPTIONS, log);
      raw.p7 = p7;
      sections.push(...p7Section(p7));
      lines.push(p7Line(p7));
    }
    await browser.close();
  }
  if (ids.has('P5')) {
    ensureBuilt(log);
    stage('P5', 'P5: cold starts of the built app under the glue harness');
    const p5 = await runP5(5, log);
    raw.p5 = p5;
    sections.push(...p5Section(p5));
    lines.push(p5Line(p5));
  }
  raw.loadAverages = loadAverages;
  raw.loadAverageAtEnd = load();
  mkdirSync(here('./results'), { recursive: true });
  writeFileSync(here('./results/partial.json'), `${JSON.stringify(raw, null, 2)}\n`);
  const loads = Object.entries(loadAverages).map(([id, value]) => `${id} ${value}`).join(', ');
  writeFileSync(
    here('./results/partial.md'),
    [`Partial run (${[...ids].join(', ')}) on ${machine.date}; 1-min load average before each figure: ${loads}; at the end ${load()}.`, '', ...sections].join('\n'),
  );
  log('');
  for (const line of lines) log(`${line.id} ${line.what}: ${line.measured} (target ${line.target}) ${line.pass ? 'PASS' : 'FAIL'}`);
  log(`Wrote bench/results/partial.md and partial.json in ${Math.round((performance.now() - partialStarted) / 1000)} s (load ${machine.loadAverage} → ${load()}).`);
  process.exit(0);
}
