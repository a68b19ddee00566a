/**
 * P2 (DESIGN §10): simulator send → DOM text changed in Chromium, through the real client, engine,
 * pusher, the browser test bridge's IPC carrier, the store and the table. The simulator's mark
 * frames are timestamped as they are handed to the socket (browser/mark-sends.ts); the page
 * timestamps every change of a mark cell's text (browser/mark-changes.ts); both on one clock
 * (browser/page-clock.ts). A change showing text T for symbol S is attributed to the first frame
 * for S, after the frame of S's previous change, whose price rounds to T: if the walk repeats a
 * displayed value the attribution picks the earlier frame, so latencies are never understated.
 */
import type { Browser } from '@playwright/test';
import { type MarkChange, observeMarkChanges, takeMarkChanges } from './browser/mark-changes';
import { type MarkSend, recordMarkSends } from './browser/mark-sends';
import { measureClockOffset } from './browser/page-clock';
import { startLiveDesk } from './browser/live-desk';
import { summarize, type Summary } from './stats';

export const P2_TARGETS = { steadyP50Ms: 20, steadyP99Ms: 50, loadedP99Ms: 100 } as const;

export interface P2Options {
  label: string;
  positions: number;
  markIntervalMs: number;
  durationMs: number;
}

export interface P2Run {
  options: P2Options;
  /** Mark updates the simulator sent per second. */
  sentPerSecond: number;
  /** Mark cell changes seen in the page (visible rows only: the table is virtualised). */
  changes: number;
  /** Changes matched to a frame; the rest had no frame that rounds to their text. */
  matched: number;
  latencyMs: Summary;
  clockUncertaintyMs: number;
  /** Pushes handed to the carrier but not yet in the page: max and p99 over every push event. */
  carrierQueue: { max: number; p99: number; pushes: number };
  /** Per matched change: its frame sent → the push that carried it entered the carrier (simulator, client, engine, pusher). */
  upstreamMs: Summary;
  /** That push's time in the carrier (handed to the bridge → in the page). */
  carrierMs: Summary;
  /** That push's arrival → the DOM change (store, React, DOM). */
  pageMs: Summary;
  /** Largest bytes waiting in a simulator market socket. */
  socketBufferedMaxBytes: number;
  /**
   * How long the simulator takes to send one round of marks (first to last frame of a round). It
   * runs in this process, on the desk's event loop: frames sent early in a round wait for the rest
   * of it before the client can read them, which the app (remote exchange, or the demo simulator on
   * its own worker thread) does not have. Part of "upstream".
   */
  senderRoundMs: Summary;
}

/** Decimal text of the table (grouping and signs stripped) → its number of decimals and value. */
function displayed(text: string): { decimals: number; value: string } | null {
  const clean = text.replace(/[^0-9.-]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return { decimals: clean.split('.')[1]?.length ?? 0, value: clean };
}

/** A change matched to its frame: when the frame was sent and when the DOM changed (Node's clock). */
interface Matched {
  sentAt: number;
  at: number;
}

/** Each change attributed to a frame; see the module comment for the rule. */
export function attribute(sends: readonly MarkSend[], changes: readonly MarkChange[], pageToNode: number): Matched[] {
  const bySymbol = new Map<string, MarkSend[]>();
  for (const send of sends) {
    const list = bySymbol.get(send.symbol) ?? [];
    list.push(send);
    bySymbol.set(send.symbol, list);
  }
  const cursor = new Map<string, number>();
  const matched: Matched[] = [];
  for (const change of changes) {
    const shown = displayed(change.text);
    const list = bySymbol.get(change.symbol);
    if (shown === null || list === undefined) continue;
    const at = change.at + pageToNode;
    const target = Number(shown.value).toFixed(shown.decimals);
    for (let index = cursor.get(change.symbol) ?? 0; index < list.length && list[index]!.at <= at; index++) {
      if (Number(list[index]!.price).toFixed(shown.decimals) === target) {
        matched.push({ sentAt: list[index]!.at, at });
        cursor.set(change.symbol, index + 1);
        break;
      }
    }
  }
  return matched;
}

/** Largest number of pushes in flight in the carrier (entered, not yet arrived). */
function queueDepths(entered: readonly number[], arrived: readonly number[]): number[] {
  const depths: number[] = [];
  let j = 0;
  for (let i = 0; i < entered.length; i++) {
    while (j < arrived.length && arrived[j]! <= entered[i]!) j++;
    depths.push(i + 1 - j);
  }
  return depths;
}

/** First-to-last send time of each round of marks (a round: sends closer than half the interval). */
function roundSpans(sends: readonly MarkSend[], intervalMs: number): number[] {
  const spans: number[] = [];
  let first = sends[0]?.at;
  let last = first;
  for (const send of sends) {
    if (first === undefined || last === undefined || send.at - last > intervalMs / 2) {
      if (first !== undefined && last !== undefined) spans.push(last - first);
      first = send.at;
    }
    last = send.at;
  }
  if (first !== undefined && last !== undefined) spans.push(last - first);
  return spans;
}

/** One P2 workload in a fresh simulator, desk and page. */
export async function runP2(browser: Browser, options: P2Options, log: (line: string) => void): Promise<P2Run> {
  const live = await startLiveDesk(browser, { positions: options.positions, markIntervalMs: options.markIntervalMs });
  try {
    // Let the first full view and a few ticks settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const clock = await measureClockOffset(live.page);
    // Frames first: every change observed then has its frame on record.
    const recorder = recordMarkSends();
    await observeMarkChanges(live.page);
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, options.durationMs));
    const sends = recorder.stop();
    const seconds = (performance.now() - started) / 1000;
    // Changes still in flight when recording stopped may have no frame: collect a moment later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const changes = await takeMarkChanges(live.page);
    const matched = attribute(sends, changes, clock.pageToNode);
    const latencies = matched.map((m) => m.at - m.sentAt);
    // Every push since the page attached, in order on both sides: the i-th to enter is the i-th to arrive.
    const entered = live.pushesEntered.map((t) => t + performance.timeOrigin);
    const arrived = (await live.pushesArrived()).map((t) => t + clock.pageToNode);
    const inWindow = (t: number): boolean => t >= (sends[0]?.at ?? 0) && t <= (sends.at(-1)?.at ?? 0);
    const depths = queueDepths(entered, arrived).filter((_, i) => inWindow(entered[i]!));
    const depthSummary = summarize(depths.length > 0 ? depths : [0]);
    // Each matched change split in three at the push that arrived last before it (the one that carried
    // it, unless the page rendered late): upstream = send → that push entered the carrier (simulator,
    // client, engine, pusher throttle); carrier = entered → arrived; page = arrived → DOM changed.
    const stages = matched.flatMap(({ sentAt, at }) => {
      let low = 0;
      let high = arrived.length - 1;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (arrived[mid]! <= at) low = mid;
        else high = mid - 1;
      }
      const arrival = arrived[low];
      const entry = entered[low];
      return arrival !== undefined && entry !== undefined && arrival <= at ? [{ upstream: entry - sentAt, carrier: arrival - entry, page: at - arrival }] : [];
    });
    const run: P2Run = {
      options,
      sentPerSecond: sends.length / seconds,
      changes: changes.length,
      matched: matched.length,
      latencyMs: summarize(latencies),
      clockUncertaintyMs: clock.uncertaintyMs,
      carrierQueue: { max: depthSummary.max, p99: depthSummary.p99, pushes: depths.length },
      upstreamMs: summarize(stages.map((stage) => stage.upstream)),
      carrierMs: summarize(stages.map((stage) => stage.carrier)),
      pageMs: summarize(stages.map((stage) => stage.page)),
      socketBufferedMaxBytes: recorder.maxBufferedBytes(),
      senderRoundMs: summarize(roundSpans(sends, options.markIntervalMs)),
    };
    log(
      `  P2 ${options.label}: ${Math.round(run.sentPerSecond)} marks/s sent, ${run.matched}/${run.changes} changes matched, ` +
        `p50 ${run.latencyMs.p50.toFixed(1)} ms p99 ${run.latencyMs.p99.toFixed(1)} ms max ${run.latencyMs.max.toFixed(1)} ms; ` +
        `upstream p50 ${run.upstreamMs.p50.toFixed(1)} ms, carrier p50 ${run.carrierMs.p50.toFixed(1)} ms queue max ${run.carrierQueue.max}; page p50 ${run.pageMs.p50.toFixed(1)} ms; socket buffer max ${run.socketBufferedMaxBytes} B; sender round p50 ${run.senderRoundMs.p50.toFixed(1)} ms; clock ±${clock.uncertaintyMs.toFixed(2)} ms`,
    );
    return run;
  } finally {
    await live.close();
  }
}
