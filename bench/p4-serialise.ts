/**
 * P4's serialisation figure (DESIGN §10: main-side serialisation ≤ 2 % of one core at 500 positions
 * × 10 Hz): what it costs main to serialise positions pushes over the same versions.
 *
 * - **one message per version** (since issue 15): the version's whole change (`diffViews`
 *   field-level patches, or `fullPush` on attach) as a single IPC message;
 * - **parts** (before issue 15, measured only in a build that still has shared/positions-split.ts):
 *   each version's change cut into parts under the 48 KB budget, one IPC message per part.
 *
 * Electron's IPC serialises with the structured clone algorithm (V8's ValueSerializer), which
 * `v8.serialize` runs; JSON.stringify bytes are the size the project has always reported. The engine
 * is driven on a simulated schedule (not wall time): each 1/60 s push interval applies the ticks due
 * in it (positions × hz / 60, round robin), then one version is taken and serialised, as the pusher
 * does at its 60 pushes/s ceiling. CPU is measured with `performance.now()` around each serialisation
 * only (the diff is reported apart), medians over the pushes of a run.
 */
import { serialize } from 'node:v8';
import type { PositionsView } from '../shared/position';
import { diffViews, fullPush } from '../shared/positions-delta';
import type { PositionsPush } from '../shared/positions-push';
import { basePrice, loadedEngine, symbolName } from './positions';
import { median, summarize, type Summary } from './stats';

/** DESIGN §10 P4: at most 2 % of one core. */
export const P4_SERIALISE_TARGET_CORE_PCT = 2;
const PUSHES_PER_SECOND = 60;

export interface SchemeCost {
  /** IPC messages per push interval (parts: ≥ 1; one per version: 1). */
  messagesPerPush: Summary;
  /** Structured-clone bytes per message. */
  cloneBytes: Summary;
  jsonBytes: Summary;
  /** Structured clone time per push (all its messages), µs. */
  cloneUsPerPush: Summary;
  jsonUsPerPush: Summary;
  /** Structured clone ms per second at 60 pushes/s, and as % of one core. */
  cloneMsPerSecond: number;
  cloneCorePct: number;
  jsonCorePct: number;
  /** The full view a receiver gets on attach: messages, clone bytes of the largest, clone µs in all. */
  full: { messages: number; maxCloneBytes: number; cloneUs: number };
}

export interface P4SerialiseWorkload {
  positions: number;
  hz: number;
  pushes: number;
  rowsPatchedPerPush: Summary;
  /** diffViews per push (both schemes need it), µs. */
  diffUsPerPush: Summary;
  /** null when this build no longer has the parts scheme. */
  parts: SchemeCost | null;
  perVersion: SchemeCost;
  pass: boolean;
}

type Split = (change: PositionsPush) => readonly unknown[];

/** The parts splitter, if this build still has it (issue 15 may remove it): null otherwise. */
export async function loadSplitter(): Promise<Split | null> {
  const modulePath = '../shared/positions-split';
  try {
    const loaded = (await import(modulePath)) as { splitChange?: Split };
    return typeof loaded.splitChange === 'function' ? loaded.splitChange : null;
  } catch {
    return null;
  }
}

function timed<T>(work: () => T): { value: T; us: number } {
  const started = performance.now();
  const value = work();
  return { value, us: (performance.now() - started) * 1000 };
}

interface Sample {
  messages: number;
  cloneBytes: number[];
  jsonBytes: number[];
  cloneUs: number;
  jsonUs: number;
}

function serialiseAll(messages: readonly unknown[]): Sample {
  const clone = timed(() => messages.map((message) => serialize(message).length));
  const json = timed(() => messages.map((message) => Buffer.byteLength(JSON.stringify(message))));
  return { messages: messages.length, cloneBytes: clone.value, jsonBytes: json.value, cloneUs: clone.us, jsonUs: json.us };
}

function cost(samples: readonly Sample[], full: Sample): SchemeCost {
  const cloneUs = summarize(samples.map((s) => s.cloneUs));
  const jsonUs = summarize(samples.map((s) => s.jsonUs));
  const cloneMsPerSecond = (cloneUs.p50 * PUSHES_PER_SECOND) / 1000;
  return {
    messagesPerPush: summarize(samples.map((s) => s.messages)),
    cloneBytes: summarize(samples.flatMap((s) => s.cloneBytes)),
    jsonBytes: summarize(samples.flatMap((s) => s.jsonBytes)),
    cloneUsPerPush: cloneUs,
    jsonUsPerPush: jsonUs,
    cloneMsPerSecond,
    cloneCorePct: cloneMsPerSecond / 10,
    jsonCorePct: (jsonUs.p50 * PUSHES_PER_SECOND) / 10_000,
    full: { messages: full.messages, maxCloneBytes: Math.max(...full.cloneBytes), cloneUs: full.cloneUs },
  };
}

/** Serialisation cost of both schemes at `positions` × `hz`, over `seconds` simulated seconds after one of warm-up. */
export async function runP4Serialise(options: { positions: number; hz: number; seconds: number }, log: (line: string) => void): Promise<P4SerialiseWorkload> {
  const split = await loadSplitter();
  const engine = await loadedEngine(options.positions);
  const firstView = engine.view();
  const fullOne = serialiseAll([fullPush(firstView)]);
  const fullParts = split === null ? null : serialiseAll(split(fullPush(firstView)));
  const ticksPerPush = (options.positions * options.hz) / PUSHES_PER_SECOND;
  let sent = 0;
  let due = 0;
  let eventTime = Date.now() + 1_000;
  let last: PositionsView = firstView;
  const perVersion: Sample[] = [];
  const parts: Sample[] = [];
  const diffUs: number[] = [];
  const patched: number[] = [];
  const warmup = PUSHES_PER_SECOND;
  for (let push = 0; push < warmup + options.seconds * PUSHES_PER_SECOND; push++) {
    due += ticksPerPush;
    for (; sent < Math.floor(due); sent++) {
      const index = sent % options.positions;
      const round = Math.floor(sent / options.positions);
      const mark = basePrice(index) * (1 + 0.001 * Math.sin(round + index));
      engine.tick({ symbol: symbolName(index), markPrice: mark.toFixed(8), eventTime: eventTime++ });
    }
    const view = engine.view();
    const diff = timed(() => diffViews(last, view));
    last = view;
    const one = serialiseAll([diff.value]);
    const cut = split === null ? null : serialiseAll(split(diff.value));
    if (push < warmup) continue;
    diffUs.push(diff.us);
    patched.push(diff.value.rows?.patched?.length ?? 0);
    perVersion.push(one);
    if (cut !== null) parts.push(cut);
  }
  engine.stop();
  const result: P4SerialiseWorkload = {
    positions: options.positions,
    hz: options.hz,
    pushes: perVersion.length,
    rowsPatchedPerPush: summarize(patched),
    diffUsPerPush: summarize(diffUs),
    parts: fullParts === null ? null : cost(parts, fullParts),
    perVersion: cost(perVersion, fullOne),
    pass: false,
  };
  result.pass = result.perVersion.cloneCorePct <= P4_SERIALISE_TARGET_CORE_PCT;
  log(
    `  P4 serialise ${options.positions} × ${options.hz} Hz: one message/version clone ${median(perVersion.map((s) => s.cloneUs)).toFixed(0)} µs/push ` +
      `(${result.perVersion.cloneCorePct.toFixed(2)} % core), ${Math.round(result.perVersion.cloneBytes.p50 / 1024)} KB; ` +
      (result.parts === null
        ? 'parts: not in this build'
        : `parts ${result.parts.messagesPerPush.p50} msgs/push clone ${result.parts.cloneUsPerPush.p50.toFixed(0)} µs/push (${result.parts.cloneCorePct.toFixed(2)} % core)`) +
      `; diff ${result.diffUsPerPush.p50.toFixed(0)} µs/push`,
  );
  return result;
}
