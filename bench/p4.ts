/**
 * P4 (DESIGN §10): IPC pushes per second and payload size with 500 positions all updating at 10 Hz,
 * through the real PositionsPusher (leading-edge throttle, full view then deltas) fed by the real
 * PositionEngine. Ticks are applied on a steady schedule (every symbol ten times a second, spread
 * evenly); each push is measured as JSON.stringify(push) bytes — what structured clone carries is
 * of the same order.
 */
import { PositionsPusher } from '../electron/desk/positions-pusher';
import { PositionEngine } from '../electron/positions/engine';
import type { PositionsPush } from '../shared/positions-push';
import { accountReply, basePrice, symbolName } from './positions';
import { median, summarize, type Summary } from './stats';

export const P4_MAX_PUSHES_PER_SECOND = 60;
export const P4_MAX_PAYLOAD_BYTES = 64 * 1024;

export interface P4Options {
  positions: number;
  /** Updates per second per position. */
  hz: number;
  durationMs: number;
  repetitions: number;
}

interface Push {
  at: number;
  kind: PositionsPush['kind'];
  bytes: number;
  rows: number;
}

export interface P4Run {
  pushes: number;
  ticks: number;
  /** Mark updates the engine actually took per second (target: positions × hz). */
  ticksPerSecond: number;
  /** Pushes in each whole second of the run. */
  pushesPerSecond: number[];
  fullBytes: number;
  deltaBytes: Summary;
  deltaRows: Summary;
}

export interface P4Result {
  options: P4Options;
  runs: P4Run[];
  pushesPerSecond: Summary;
  deltaBytes: Summary;
  fullBytes: number;
  /** Median over runs of the update rate sustained. */
  ticksPerSecond: number;
  /** The engine kept up with the requested rate (within 5 %): otherwise the push figures are not P4's. */
  rateSustained: boolean;
  pushesPass: boolean;
  deltaPass: boolean;
  fullPass: boolean;
}

async function runOnce(options: P4Options): Promise<P4Run> {
  const rows = accountReply(options.positions);
  const pushes: Push[] = [];
  let pusher: PositionsPusher | null = null;
  const engine = new PositionEngine({
    exchange: { fetchPositions: () => Promise.resolve(rows), followMarks: () => undefined },
    now: Date.now,
    serverNow: Date.now,
    onChange: () => pusher?.notify(),
    onSnapshotError: (error) => {
      throw error;
    },
  });
  await engine.snapshot(null);
  pusher = new PositionsPusher(
    () => engine.view(),
    (push) =>
      pushes.push({
        at: performance.now(),
        kind: push.kind,
        bytes: Buffer.byteLength(JSON.stringify(push)),
        rows: push.kind === 'full' ? push.view.rows.length : push.upserts.length,
      }),
  );
  const started = performance.now();
  pusher.notify(); // a receiver attaches: the full view goes first
  const ticksPerMs = (options.positions * options.hz) / 1000;
  let sent = 0;
  let eventTime = Date.now() + 1_000;
  await new Promise<void>((resolve) => {
    // Every millisecond-ish, send the ticks that are due: a steady rate however timers drift. An
    // engine too slow for the rate falls behind; the run still ends on time and reports the rate
    // it actually sustained (a callback never works more than 50 ms, so pushes can still go out).
    const timer = setInterval(() => {
      const callbackStarted = performance.now();
      const elapsed = callbackStarted - started;
      if (elapsed >= options.durationMs) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(elapsed * ticksPerMs);
      for (; sent < due && performance.now() - callbackStarted < 50; sent++) {
        const index = sent % options.positions;
        const round = Math.floor(sent / options.positions);
        const mark = basePrice(index) * (1 + 0.001 * Math.sin(round + index));
        engine.tick({ symbol: symbolName(index), markPrice: mark.toFixed(8), eventTime: eventTime++ });
      }
    }, 1);
  });
  const seconds = (performance.now() - started) / 1000;
  pusher.dispose();
  engine.stop();
  const pushesPerSecond = Array.from({ length: Math.floor(options.durationMs / 1000) }, (_, second) =>
    pushes.filter((push) => push.at - started >= second * 1000 && push.at - started < (second + 1) * 1000).length,
  );
  const deltas = pushes.filter((push) => push.kind === 'delta');
  return {
    pushes: pushes.length,
    ticks: sent,
    ticksPerSecond: sent / seconds,
    pushesPerSecond,
    fullBytes: Math.max(0, ...pushes.filter((push) => push.kind === 'full').map((push) => push.bytes)),
    deltaBytes: summarize(deltas.map((push) => push.bytes)),
    deltaRows: summarize(deltas.map((push) => push.rows)),
  };
}

/** Runs P4 `repetitions` times and summarises push rates and payload sizes against the targets. */
export async function runP4(options: P4Options, log: (line: string) => void): Promise<P4Result> {
  const runs: P4Run[] = [];
  for (let rep = 0; rep < options.repetitions; rep++) {
    const run = await runOnce(options);
    runs.push(run);
    log(
      `  P4 rep ${rep + 1}: ${run.pushes} pushes, ${Math.round(run.ticksPerSecond)} updates/s, median ${median(run.pushesPerSecond)}/s, ` +
        `delta p99 ${Math.round(run.deltaBytes.p99)} B, full ${run.fullBytes} B`,
    );
  }
  const pushesPerSecond = summarize(runs.flatMap((run) => run.pushesPerSecond));
  // Payload percentiles over every run's per-run percentiles would be biased; pool the per-run maxima instead.
  const deltaBytes: Summary = {
    n: runs.reduce((total, run) => total + run.deltaBytes.n, 0),
    min: Math.min(...runs.map((run) => run.deltaBytes.min)),
    p50: median(runs.map((run) => run.deltaBytes.p50)),
    p90: median(runs.map((run) => run.deltaBytes.p90)),
    p99: median(runs.map((run) => run.deltaBytes.p99)),
    max: Math.max(...runs.map((run) => run.deltaBytes.max)),
  };
  const fullBytes = Math.max(...runs.map((run) => run.fullBytes));
  const ticksPerSecond = median(runs.map((run) => run.ticksPerSecond));
  return {
    options,
    runs,
    ticksPerSecond,
    rateSustained: ticksPerSecond >= 0.95 * options.positions * options.hz,
    pushesPerSecond,
    deltaBytes,
    fullBytes,
    pushesPass: pushesPerSecond.max <= P4_MAX_PUSHES_PER_SECOND,
    deltaPass: deltaBytes.max < P4_MAX_PAYLOAD_BYTES,
    fullPass: fullBytes < P4_MAX_PAYLOAD_BYTES,
  };
}
