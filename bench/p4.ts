/**
 * P4 (DESIGN §10): IPC pushes per second and payload size with 500 positions all updating at 10 Hz,
 * through the real PositionsPusher (leading-edge throttle, full view then one delta per version,
 * one version in flight until the receiver acknowledges it) fed by the real PositionEngine. Ticks
 * are applied on a steady schedule (every symbol ten times a second, spread evenly). The receiver is
 * simulated in-process: on the next turn of the event loop (as an IPC reply would come) it applies
 * each push to the view it holds and acknowledges it, so every push is checked to be a whole version.
 * Every IPC message is measured as the project measures payloads (shared/payload-size.ts: UTF-8 bytes
 * of JSON.stringify); so is the getState() reply, and a 2,000-position account's full view and
 * all-rows delta.
 */
import { AlertBook } from '../electron/desk/alerts';
import { mostUrgentAlerts } from '../electron/ipc/payload-bounds';
import { buildStatus } from '../electron/desk/status';
import { PositionsPusher } from '../electron/desk/positions-pusher';
import { PositionEngine } from '../electron/positions/engine';
import type { AppState } from '../shared/ipc';
import { payloadBytes } from '../shared/payload-size';
import type { PositionsView } from '../shared/position';
import type { PositionsPush } from '../shared/positions-push';
import { applyPush, diffViews, fullPush } from '../shared/positions-delta';
import { loadSplitter } from './p4-serialise';
import { ok } from '../shared/result';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { ALERT_THRESHOLD_MAX_PCT } from '../shared/ui-constants';
import { accountReply, basePrice, symbolName } from './positions';
import { median, summarize, type Summary } from './stats';

export const P4_MAX_PUSHES_PER_SECOND = 60;
/** The old per-payload guess (DESIGN §10 dropped it: not an Electron limit); sizes are reported against it for information. */
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
  /** Rows the part carries (whole or patched). */
  rows: number;
  /** The last part of its version: the receiver shows a new version now. */
  completes: boolean;
}

export interface P4Run {
  pushes: number;
  /** Pushes the receiver could not apply to the view it held (each would cost a resync); 0 expected. */
  misfits: number;
  /** The receiver ended on the engine's last view. */
  endedEqual: boolean;
  ticks: number;
  /** Mark updates the engine actually took per second (target: positions × hz). */
  ticksPerSecond: number;
  /** IPC messages (parts) in each whole second of the run. */
  pushesPerSecond: number[];
  /** Versions the receiver could show in each whole second. */
  versionsPerSecond: number[];
  /** Every part of the full view sent when the receiver attached. */
  fullBytes: Summary;
  deltaBytes: Summary;
  deltaRows: Summary;
}

/** A 2,000-position account: the full view and a delta in which every row's mark moved. */
export interface P4Large {
  positions: number;
  fullParts: number;
  fullBytes: Summary;
  deltaParts: number;
  deltaBytes: Summary;
}

export interface P4Result {
  options: P4Options;
  runs: P4Run[];
  pushesPerSecond: Summary;
  versionsPerSecond: Summary;
  deltaBytes: Summary;
  fullBytes: Summary;
  /** The getState() reply (a Result), with as many alerts in force as the largest threshold raises. */
  stateBytes: number;
  /** Alerts in force, and how many of them the reply carried (the most urgent that fit). */
  stateAlerts: number;
  stateAlertsSent: number;
  large: P4Large;
  /** Median over runs of the update rate sustained. */
  ticksPerSecond: number;
  /** The engine kept up with the requested rate (within 5 %): otherwise the push figures are not P4's. */
  rateSustained: boolean;
  pushesPass: boolean;
  deltaPass: boolean;
  fullPass: boolean;
  statePass: boolean;
  largePass: boolean;
}

function engineWith(positions: number, onChange: () => void): PositionEngine {
  const rows = accountReply(positions);
  return new PositionEngine({
    exchange: { fetchPositions: () => Promise.resolve(rows), followMarks: () => undefined },
    now: Date.now,
    serverNow: Date.now,
    onChange,
    onSnapshotError: (error) => {
      throw error;
    },
  });
}

/**
 * Whether a push completes its version. Read defensively: issue 15 may drop the parts, and then
 * every push is a whole version (no `part`/`parts` fields).
 */
function lastPartOfVersion(push: unknown): boolean {
  const { part, parts } = push as { part?: unknown; parts?: unknown };
  return typeof part !== 'number' || typeof parts !== 'number' || part === parts - 1;
}

function rowsIn(push: PositionsPush): number {
  return push.kind === 'full' ? (push.rows?.length ?? 0) : (push.rows?.added?.length ?? 0) + (push.rows?.patched?.length ?? 0);
}

/** Whole-second buckets of `times` (ms from the start). */
function perSecond(times: readonly number[], seconds: number): number[] {
  return Array.from({ length: seconds }, (_, second) => times.filter((t) => t >= second * 1000 && t < (second + 1) * 1000).length);
}

async function runOnce(options: P4Options): Promise<P4Run> {
  const pushes: Push[] = [];
  let pusher: PositionsPusher | null = null;
  let held: PositionsView | null = null;
  let misfits = 0;
  const engine = engineWith(options.positions, () => pusher?.notify());
  await engine.snapshot(null);
  // The receiver: applies each push on the next turn (as an IPC message arrives) and acknowledges it.
  const receive = (push: PositionsPush): void => {
    const view = applyPush(held, push);
    if (view === null) {
      misfits++;
      pusher?.resync();
      return;
    }
    held = view;
    pusher?.ack(view.version);
  };
  pusher = new PositionsPusher(
    () => engine.view(),
    (push) => {
      pushes.push({
        at: performance.now(),
        kind: push.kind,
        bytes: payloadBytes(push),
        rows: rowsIn(push),
        completes: lastPartOfVersion(push),
      });
      setImmediate(() => receive(push));
    },
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
  // Let the last push arrive and be acknowledged, then whatever changed since go out.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const endedEqual = held !== null && (held as PositionsView).version === engine.view().version;
  pusher.dispose();
  engine.stop();
  const whole = Math.floor(options.durationMs / 1000);
  const deltas = pushes.filter((push) => push.kind === 'delta');
  return {
    pushes: pushes.length,
    misfits,
    endedEqual,
    ticks: sent,
    ticksPerSecond: sent / seconds,
    pushesPerSecond: perSecond(pushes.map((push) => push.at - started), whole),
    versionsPerSecond: perSecond(pushes.filter((push) => push.completes).map((push) => push.at - started), whole),
    fullBytes: summarize(pushes.filter((push) => push.kind === 'full').map((push) => push.bytes)),
    deltaBytes: summarize(deltas.map((push) => push.bytes)),
    deltaRows: summarize(deltas.map((push) => push.rows)),
  };
}

/** The getState() reply as Desk builds it, with every alert the largest threshold raises on `positions` rows. */
async function measureState(positions: number): Promise<{ bytes: number; alerts: number; sent: number }> {
  const engine = engineWith(positions, () => undefined);
  await engine.snapshot(null);
  const book = new AlertBook({ onChange: () => undefined }, Date.now);
  book.checkProximity(engine.view().rows, ALERT_THRESHOLD_MAX_PCT);
  engine.stop();
  const state: AppState = {
    connection: buildStatus({ environment: 'mainnet', profileName: 'Bench', demoAccount: null }, 'live', null, null),
    settings: DEFAULT_SETTINGS,
    alerts: mostUrgentAlerts(book.list()), // as Desk.getState() bounds them
  };
  return { bytes: payloadBytes(ok(state)), alerts: book.list().length, sent: state.alerts.length };
}

/** A 2,000-position account: the full view's parts, then the parts of a delta in which every mark moved. */
async function measureLarge(positions: number): Promise<P4Large> {
  const engine = engineWith(positions, () => undefined);
  await engine.snapshot(null);
  const before = engine.view();
  let eventTime = Date.now() + 1_000;
  for (let index = 0; index < positions; index++) {
    engine.tick({ symbol: symbolName(index), markPrice: (basePrice(index) * 1.001).toFixed(8), eventTime: eventTime++ });
  }
  const after = engine.view();
  engine.stop();
  // The parts as the pusher cuts them while this build has them; otherwise one message per version.
  const split = (await loadSplitter()) ?? ((change: unknown) => [change]);
  const full = split(fullPush(before)).map(payloadBytes);
  const delta = split(diffViews(before, after)).map(payloadBytes);
  return { positions, fullParts: full.length, fullBytes: summarize(full), deltaParts: delta.length, deltaBytes: summarize(delta) };
}

/** Pools per-run summaries: percentiles as the median of the runs', extremes over all runs. */
function pool(summaries: readonly Summary[]): Summary {
  return {
    n: summaries.reduce((total, s) => total + s.n, 0),
    min: Math.min(...summaries.map((s) => s.min)),
    p50: median(summaries.map((s) => s.p50)),
    p90: median(summaries.map((s) => s.p90)),
    p99: median(summaries.map((s) => s.p99)),
    max: Math.max(...summaries.map((s) => s.max)),
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
        `delta p99 ${Math.round(run.deltaBytes.p99)} B max ${run.deltaBytes.max} B, full parts max ${run.fullBytes.max} B`,
    );
  }
  const state = await measureState(options.positions);
  const large = await measureLarge(2_000);
  log(`  P4 getState reply ${state.bytes} B (${state.sent} of ${state.alerts} alerts); 2,000 positions: full ${large.fullParts} parts max ${large.fullBytes.max} B, delta ${large.deltaParts} parts max ${large.deltaBytes.max} B`);
  const pushesPerSecond = summarize(runs.flatMap((run) => run.pushesPerSecond));
  // Payload percentiles over every run's per-run percentiles would be biased; pool the per-run maxima instead.
  const deltaBytes = pool(runs.map((run) => run.deltaBytes));
  const fullBytes = pool(runs.map((run) => run.fullBytes));
  const ticksPerSecond = median(runs.map((run) => run.ticksPerSecond));
  return {
    options,
    runs,
    ticksPerSecond,
    rateSustained: ticksPerSecond >= 0.95 * options.positions * options.hz,
    pushesPerSecond,
    versionsPerSecond: summarize(runs.flatMap((run) => run.versionsPerSecond)),
    deltaBytes,
    fullBytes,
    stateBytes: state.bytes,
    stateAlerts: state.alerts,
    stateAlertsSent: state.sent,
    large,
    pushesPass: pushesPerSecond.max <= P4_MAX_PUSHES_PER_SECOND,
    deltaPass: deltaBytes.max < P4_MAX_PAYLOAD_BYTES,
    fullPass: fullBytes.max < P4_MAX_PAYLOAD_BYTES,
    statePass: state.bytes < P4_MAX_PAYLOAD_BYTES,
    largePass: Math.max(large.fullBytes.max, large.deltaBytes.max) < P4_MAX_PAYLOAD_BYTES,
  };
}
