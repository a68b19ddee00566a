/** The RESULTS.md sections of what a trader feels: P2 latency, P3 frames, P5 start, P6 soak, P7 footprint, P4 serialisation. */
import type { P2Run } from './p2';
import { P2_TARGETS } from './p2';
import type { P3Result } from './p3';
import { FRAME_CLOCK_RESOLUTION_MS, P3_TARGETS, p3PhasePass } from './p3-verdict';
import type { P4SerialiseWorkload, SchemeCost } from './p4-serialise';
import { P4_SERIALISE_TARGET_CORE_PCT } from './p4-serialise';
import { P5_MILESTONES, P5_TARGET_MS, type P5Result, type P5Start } from './p5';
import type { P6Result } from './p6';
import { P6_MAX_GROWTH_BYTES } from './p6';
import type { P7Result } from './p7';
import { P7_TARGETS } from './p7';
import { summarize, type Summary } from './stats';

export const verdict = (pass: boolean): string => (pass ? '**PASS**' : '**FAIL**');
const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const spreadMs = (s: Summary): string => `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)} / ${s.max.toFixed(1)}`;

/** Whether the steady P2 workload met both its targets. */
export const p2SteadyPass = (run: P2Run): boolean => run.latencyMs.p50 <= P2_TARGETS.steadyP50Ms && run.latencyMs.p99 <= P2_TARGETS.steadyP99Ms;
/** Whether the loaded P2 workload met its target (p99, and the carrier queue stayed bounded). */
export const p2LoadedPass = (run: P2Run): boolean => run.latencyMs.p99 <= P2_TARGETS.loadedP99Ms && run.carrierQueue.max <= 10;

export function p2Section(steady: P2Run, loaded: P2Run): string[] {
  const row = (run: P2Run, target: string, pass: boolean): string =>
    `| ${run.options.label} | ${Math.round(run.sentPerSecond).toLocaleString('en-US')} | ${run.matched} of ${run.changes} | ${spreadMs(run.latencyMs)} | ` +
    `${spreadMs(run.upstreamMs)} | ${spreadMs(run.carrierMs)} | ${spreadMs(run.pageMs)} | ${run.carrierQueue.max} (p99 ${run.carrierQueue.p99.toFixed(0)}) | ${run.socketBufferedMaxBytes} B | ${run.senderRoundMs.p50.toFixed(1)} / ${run.senderRoundMs.max.toFixed(1)} | ±${run.clockUncertaintyMs.toFixed(2)} ms | ${target} | ${verdict(pass)} |`;
  return [
    `## P2 — simulator send → DOM text changed (Chromium): ${verdict(p2SteadyPass(steady) && p2LoadedPass(loaded))}`,
    '',
    '| workload | marks sent/s | changes matched | latency p50 / p99 / max ms | upstream p50 / p99 / max | carrier p50 / p99 / max | page p50 / p99 / max | carrier queue max (pushes) | sim socket buffer max | sender round p50 / max ms | clock | target | result |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    row(steady, `p50 ≤ ${P2_TARGETS.steadyP50Ms} ms, p99 ≤ ${P2_TARGETS.steadyP99Ms} ms`, p2SteadyPass(steady)),
    row(loaded, `p99 ≤ ${P2_TARGETS.loadedP99Ms} ms, queues bounded`, p2LoadedPass(loaded)),
    '',
    '- **Path**: the simulator (in this process, scenario `large`, N one-way positions) → its `/market` socket → the real',
    '  client (`MarkPriceStream`) → `PositionEngine` → `PositionsPusher` → the browser test bridge\'s socket carrier (one',
    '  WebSocket on 127.0.0.1 for pushes and invoke calls, each message in structured clone\'s terms, decoded at each end:',
    '  test/support/bridge-socket.ts) → the renderer\'s store → the table, built renderer (out/renderer) in headless Chromium.',
    '- **Sender time**: each mark frame is timestamped as the simulator hands it to its socket (`ws` send wrapped by the bench,',
    '  bench/browser/mark-sends.ts). **DOM time**: a MutationObserver on the table stamps every change of a mark cell\'s text',
    '  (bench/browser/mark-changes.ts). A change is attributed to the first frame of that symbol, after the previous change\'s',
    '  frame, whose price rounds to the shown text — if a shown value repeats, the earlier frame is taken: never an understatement.',
    '- **One clock**: both sides read `performance.timeOrigin + performance.now()`; the page\'s offset to Node is measured by',
    '  30 round trips (Node reads, the page reads, Node reads) and the tightest one is used; its half-width is the "clock" column.',
    '- Only rows on screen are observed (the table is virtualised). Each matched change is split at the push that arrived last',
    '  before it: "upstream" = frame sent → that push handed to the carrier (simulator, client, engine, pusher throttle), "carrier" =',
    '  handed → arrived in the page, "page" = arrived → DOM changed (store, React, DOM). The queue is pushes handed to the carrier',
    '  and not yet in the page, at each push; the socket buffer is `bufferedAmount` of the simulator\'s market sockets.',
    '- **Sender round**: the simulator sends each round of marks (every symbol at once, as the exchange sends its one-second',
    '  marks) on this process\'s event loop, which the desk shares here: a frame sent early in a round waits for the rest before',
    '  the client reads it. That part of "upstream" is the harness\'s; in the app the exchange is remote, or the demo simulator',
    '  runs on its own worker thread.',
    '',
  ];
}

export function p3Section(p3: P3Result): string[] {
  return [
    `## P3 — renderer, ${p3.positions} positions all updating at ${p3.hz} Hz: ${verdict(p3.pass)}`,
    '',
    `Target: ${P3_TARGETS.longTasks} long tasks ≥ 50 ms; p95 frame ≤ ${P3_TARGETS.p95FrameMs} ms (to the page clock's ${FRAME_CLOCK_RESOLUTION_MS} ms resolution: an on-time 60 Hz frame reads 16.6–16.8 ms). ${p3.rowsShown} position rows in the table; each phase ${p3.phaseMs / 1000} s.`,
    '',
    '| phase | frames | frame p50 / p95 / p99 / max ms | long tasks (longest) | wheel steps | renderer main-thread CPU per s: all / script / layout / style | result |',
    '|---|---|---|---|---|---|---|',
    ...p3.phases.map(
      (phase) =>
        `| ${phase.name} | ${phase.frames} | ${phase.frameMs.p50.toFixed(1)} / ${phase.frameMs.p95.toFixed(1)} / ${phase.frameMs.p99.toFixed(1)} / ${phase.frameMs.max.toFixed(1)} | ` +
        `${phase.longTasks} (${ms(phase.longestTaskMs, 0)}) | ${phase.wheelSteps} | ${phase.work.threadMsPerS.toFixed(0)} / ${phase.work.scriptMsPerS.toFixed(0)} / ${phase.work.layoutMsPerS.toFixed(0)} / ${phase.work.styleMsPerS.toFixed(0)} ms | ` +
        `${verdict(p3PhasePass(phase))} |`,
    ),
    '',
    'Same path as P2 (simulator marks every 100 ms for every position). Long tasks: a `PerformanceObserver` of type `longtask`',
    '(the browser\'s ≥ 50 ms tasks) in the page; frames: intervals between consecutive `requestAnimationFrame` callbacks. In the',
    '"scrolling" phase the mouse wheel turns over the table (Playwright `mouse.wheel`, the browser\'s own input path) in 40 px',
    'steps at 60 a second, down to the end and back, the travel measured once before: nothing in the page reads or sets the',
    'scroll position while frames are timed (a script setting `scrollTop` each frame forces a layout no real scroll does). Work split: CDP',
    '`Performance.getMetrics` deltas in thread time (ThreadTime, ScriptDuration, LayoutDuration, RecalcStyleDuration) over the phase.',
    '',
  ];
}

function schemeRow(name: string, cost: SchemeCost): string {
  return (
    `| ${name} | ${cost.messagesPerPush.p50} (max ${cost.messagesPerPush.max}) | ${kb(cost.cloneBytes.p50)} / ${kb(cost.cloneBytes.max)} | ${cost.cloneUsPerPush.p50.toFixed(0)} (${cost.cloneUsPerPush.min.toFixed(0)}–${cost.cloneUsPerPush.max.toFixed(0)}) | ` +
    `${cost.cloneMsPerSecond.toFixed(1)} ms = ${cost.cloneCorePct.toFixed(2)} % | ${cost.jsonUsPerPush.p50.toFixed(0)} µs = ${cost.jsonCorePct.toFixed(2)} % | ` +
    `${cost.full.messages} × ≤ ${kb(cost.full.maxCloneBytes)}, ${(cost.full.cloneUs / 1000).toFixed(1)} ms |`
  );
}

export function p4SerialiseSection(workloads: readonly P4SerialiseWorkload[]): string[] {
  return [
    `### P4 serialisation — one message per version${workloads.some((w) => w.parts !== null) ? ' vs parts' : ''} (target: ≤ ${P4_SERIALISE_TARGET_CORE_PCT} % of one core at 500 × 10 Hz)`,
    '',
    '| positions × rate | scheme | messages per push p50 (max) | clone bytes per message p50 / max | clone µs per push p50 (min–max) | clone per second at 60 pushes/s | JSON.stringify per push / per second | full view on attach |',
    '|---|---|---|---|---|---|---|---|',
    ...workloads.flatMap((w) => [
      schemeRow(`${w.positions.toLocaleString('en-US')} × ${w.hz} Hz | one message per version`, w.perVersion),
      // The parts scheme is gone since issue 15 (bench/PROFILE-HISTORY.md keeps the last comparison); shown only for a build that has it.
      ...(w.parts === null ? [] : [schemeRow(`${w.positions.toLocaleString('en-US')} × ${w.hz} Hz | parts (48 KB budget)`, w.parts)]),
    ]),
    '',
    ...workloads.map(
      (w) =>
        `- ${w.positions.toLocaleString('en-US')} × ${w.hz} Hz: ${w.pushes} pushes measured (after 60 of warm-up); rows patched per push p50 ${w.rowsPatchedPerPush.p50.toFixed(0)}; ` +
        `\`diffViews\` (building the delta, not counted above) ${w.diffUsPerPush.p50.toFixed(0)} µs per push p50 = ${((w.diffUsPerPush.p50 * 60) / 10_000).toFixed(2)} % of a core. ` +
        (w.positions === 500 && w.hz === 10
          ? `One message per version against the target: ${verdict(w.perVersion.cloneCorePct <= P4_SERIALISE_TARGET_CORE_PCT)}.`
          : '(The target is set at 500 × 10 Hz; this row is for information.)'),
    ),
    '',
    'Structured clone = `v8.serialize` (the algorithm Electron\'s IPC uses) of each message; the engine is driven on a',
    'simulated 60 pushes/s schedule (each interval applies the ticks due in it), so the figures are CPU per push, not',
    'wall-clock. "Full view on attach" is what a receiver gets when it loads: message count, largest message, total clone time.',
    '',
  ];
}

export function p5Section(p5: P5Result): string[] {
  const names = P5_MILESTONES.filter((name) => p5.starts.some((start) => start.milestones[name] !== undefined));
  const cell = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : value.toFixed(0));
  const median = (pick: (start: P5Start) => number | null | undefined): string => {
    const values = p5.starts.map(pick).filter((value): value is number => typeof value === 'number');
    return values.length === 0 ? '–' : summarize(values).p50.toFixed(0);
  };
  return [
    `## P5 — process start → first positions painted (demo mode), cold: ${verdict(p5.pass)}`,
    '',
    `Target: ≤ ${P5_TARGET_MS} ms. Median of ${p5.starts.length} cold starts: **${p5.totalMs.p50.toFixed(0)} ms** (min ${p5.totalMs.min.toFixed(0)}, max ${p5.totalMs.max.toFixed(0)}); ` +
      `1-min load average ${p5.loadAverage.before} before, ${p5.loadAverage.after} after.`,
    '',
    'Milestones, ms after the bench spawned the app process (in the order of the table; the window and the desk start in parallel):',
    '',
    `| start | total ms | ${names.join(' | ')} |`,
    `|---|---|${names.map(() => '---|').join('')}`,
    ...p5.starts.map((start, i) => `| ${i + 1} | ${start.totalMs.toFixed(0)} | ${names.map((name) => cell(start.milestones[name])).join(' | ')} |`),
    `| median | ${p5.totalMs.p50.toFixed(0)} | ${names.map((name) => median((start) => start.milestones[name])).join(' | ')} |`,
    '',
    'CPU time, ms (medians): the app process (every thread: main, the demo exchange worker, the stand-in\'s loader thread) at',
    `its own milestones — modules loaded ${median((start) => start.mainCpuMs.modulesLoaded)}, ready ${median((start) => start.mainCpuMs.ready)}, ` +
      `window created ${median((start) => start.mainCpuMs.windowCreated)}, demo exchange up ${median((start) => start.mainCpuMs.demoExchangeUp)}, ` +
      `desk started ${median((start) => start.mainCpuMs.deskStarted)}, first row painted ${median((start) => start.mainCpuMsAtFirstRow)}; ` +
      `the page's main thread until the row was painted: tasks ${median((start) => start.pageTaskMs)}, of which script ${median((start) => start.pageScriptMs)}.`,
    '',
    '**What is measured**: the glue harness (DESIGN §9.5) as `npm run test:glue` runs it — the *built* `out/main/main.js`, preload',
    'and renderer, in plain Node with only `electron` stood in for (test/support/electron/). Each start is a new process with a',
    'fresh user-data folder and a fresh browser context and page; one unmeasured start before them brings the files into the',
    'OS cache. The clock runs from just before the bench spawns the process to the page\'s probe (bench/p5/page-probe.ts) seeing',
    'the first position row painted (two animation frames after it entered the DOM: up to one frame late, never early).',
    '**Not counted**: the stand-in\'s Chromium is launched once before any clock starts (Electron\'s own browser start has no',
    'counterpart here). **Counted, but the harness\'s and not Electron\'s**: `windowCreated` → `navigationStarted` is the',
    'stand-in opening its page (Chromium\'s new page with its renderer, then its binding and init scripts, one round trip each;',
    'Electron would start a renderer process too; the browser context is made as the app starts, as Electron\'s session is); each file of the page crosses from the app\'s protocol handler over Node\'s IPC channel and Playwright\'s request',
    'routing; each push reaches the page through a Playwright `page.evaluate`; Node\'s module-hook thread for the stand-in\'s',
    '`electron` resolver. Main\'s milestones are its own performance marks (electron/start-marks.ts) forwarded by the stand-in.',
    '',
  ];
}

export function p6Section(p6: P6Result): string[] {
  const first = p6.checkpoints[1] ?? p6.checkpoints[0]!;
  const last = p6.checkpoints.at(-1)!;
  return [
    `## P6 — soak, ${p6.ticks.toLocaleString('en-US')} mark frames: ${verdict(p6.pass)}`,
    '',
    '| metric | after 100,000 | at the end | target | result |',
    '|---|---|---|---|---|',
    `| heap used after full GC | ${mb(first.heapUsedBytes)} | ${mb(last.heapUsedBytes)} (growth ${(p6.growthBytes / 2 ** 20).toFixed(2)} MB) | ≤ ${mb(P6_MAX_GROWTH_BYTES)} growth | ${verdict(p6.growthBytes <= P6_MAX_GROWTH_BYTES)} |`,
    `| active handles and timers | ${JSON.stringify(first.resources)} | ${JSON.stringify(last.resources)} | flat | ${verdict(p6.countsFlat)} |`,
    `| process listeners | ${first.processListeners} | ${last.processListeners} | flat | |`,
    `| snapshot requests pending | | ${p6.pendingAtEnd} | 0 | |`,
    '',
    `Heap after GC at every 100,000: ${p6.checkpoints.map((c) => (c.heapUsedBytes / 2 ** 20).toFixed(2)).join(' → ')} MB.`,
    '',
    `${p6.positions} open positions; ${p6.ticks.toLocaleString('en-US')} ticks into the real \`PositionEngine.tick\` in batches of 1,000 (the event loop turning between`,
    `batches, so the real \`PositionsPusher\` throttle fires: ${p6.pushes} pushes, each structured-cloned, ${mb(p6.pushedBytes)} in all), a fresh`,
    `positions snapshot every 100,000 ticks; ${p6.seconds.toFixed(1)} s. Own process with \`--expose-gc\` (bench/p6/soak-child.ts); each checkpoint`,
    'waits out the push interval and collects twice. The ticks are the decoded frames (`readMarkTick` output) — P1 covers the socket decode.',
    '',
  ];
}

export function p7Section(p7: P7Result): string[] {
  return [
    `## P7 — footprint, demo mode, ${p7.main.positions} positions live: ${verdict(p7.pass.main && p7.pass.renderer && p7.pass.heap)}`,
    '',
    '| metric | value | target | result |',
    '|---|---|---|---|',
    `| main-side CPU (all threads of the main-side process) | ${p7.mainCorePct.toFixed(2)} % of a core (${p7.main.cpuMsPerS.toFixed(1)} ms/s) | ≤ ${P7_TARGETS.mainCorePct} % | ${verdict(p7.pass.main)} |`,
    `| renderer CPU (the page's main thread) | ${p7.rendererCorePct.toFixed(2)} % of a core (whole renderer process ${(p7.renderer.processMsPerS / 10).toFixed(2)} %; main-thread script ${p7.renderer.scriptMsPerS.toFixed(1)}, layout ${p7.renderer.layoutMsPerS.toFixed(1)}, style ${p7.renderer.styleMsPerS.toFixed(1)} ms/s) | ≤ ${P7_TARGETS.rendererCorePct} % | ${verdict(p7.pass.renderer)} |`,
    `| main heap used after GC | ${mb(p7.main.heapUsedBytes)} (RSS ${mb(p7.main.rssBytes)}) | ≤ ${mb(P7_TARGETS.mainHeapBytes)} | ${verdict(p7.pass.heap)} |`,
    `| pushes per second | ${p7.main.pushesPerS.toFixed(1)} | | |`,
    '',
    `Window ${(p7.windowMs / 1000).toFixed(0)} s after a warm-up. The demo simulator (activity on: fills and funding; marks every second) runs in the bench`,
    'process (in the app it has its own worker thread, so it is not main\'s either). **Main side**: the real Desk in its own',
    'process (bench/p7/main-side-child.ts, bundled by esbuild and run by plain Node, as the app\'s main process runs bundled code)',
    'connected to it, one receiver attached, every push structured-cloned as IPC would;',
    'CPU = `process.cpuUsage()` over the window; heap after `gc()`. **Renderer**: the built renderer in Chromium fed by a second',
    'Desk through the test bridge (socket carrier); CPU = CDP `Performance.getMetrics` ThreadTime (the main thread\'s CPU time) over the',
    'same length of window, durations in thread time; the whole process (ProcessTime) also counts raster and compositor threads,',
    'which rasterise in software here (no GPU) and on the GPU in the app.',
    '',
  ];
}
