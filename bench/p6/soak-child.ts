/**
 * P6's soak, in its own process started with --expose-gc (bench/p6.ts): 1,000,000 mark ticks
 * through the real PositionEngine and PositionsPusher (real throttle timers; each push structured-
 * cloned as Electron's IPC would, then dropped and acknowledged on the next turn), with a fresh positions snapshot every 100,000
 * ticks as the desk's periodic refresh does. Every 100,000 ticks: full GC, then heap used, active
 * handles/timers and process listeners. Prints one JSON line.
 */
import { serialize } from 'node:v8';
import { PositionsPusher } from '../../electron/desk/positions-pusher';
import { PositionEngine } from '../../electron/positions/engine';
import { accountReply, basePrice, symbolName } from '../positions';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const POSITIONS = Number(process.argv[3] ?? 200);
const CHECKPOINT = 100_000;
const BATCH = 1_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

interface Checkpoint {
  ticks: number;
  heapUsedBytes: number;
  resources: Record<string, number>;
  processListeners: number;
}

const rows = accountReply(POSITIONS);
let pushes = 0;
let pushedBytes = 0;
let pending = 0;
let pusher: PositionsPusher | null = null;
const engine = new PositionEngine({
  exchange: {
    fetchPositions: () => {
      pending++;
      return Promise.resolve(rows).finally(() => pending--);
    },
    followMarks: () => undefined,
  },
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
  (push) => {
    pushes++;
    pushedBytes += serialize(push).length;
    // The receiver acknowledges each version once applied; here on the next turn, as an IPC reply would.
    setImmediate(() => pusher?.ack(push.version));
  },
);
pusher.notify();

const countResources = (): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
};
const listeners = (): number => process.eventNames().reduce((total, name) => total + process.listenerCount(name), 0);
const checkpoint = async (ticks: number): Promise<Checkpoint> => {
  // Let the last push interval pass so the pusher holds no version, then collect twice (weak refs, finalisers).
  await new Promise((resolve) => setTimeout(resolve, 40));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return { ticks, heapUsedBytes: process.memoryUsage().heapUsed, resources: countResources(), processListeners: listeners() };
};

const checkpoints: Checkpoint[] = [await checkpoint(0)];
let eventTime = Date.now() + 1_000;
const started = performance.now();
for (let sent = 0; sent < TOTAL; ) {
  for (const end = Math.min(TOTAL, sent + BATCH); sent < end; sent++) {
    const index = sent % POSITIONS;
    const round = Math.floor(sent / POSITIONS);
    const mark = basePrice(index) * (1 + 0.001 * Math.sin(round + index));
    engine.tick({ symbol: symbolName(index), markPrice: mark.toFixed(8), eventTime: eventTime++ });
  }
  // Yield so the pusher's throttle timer fires as it would between socket reads.
  await new Promise((resolve) => setImmediate(resolve));
  if (sent % CHECKPOINT === 0) {
    await engine.snapshot(null);
    checkpoints.push(await checkpoint(sent));
  }
}
const seconds = (performance.now() - started) / 1000;
const view = engine.view();
if (view.rows.some((row) => row.markAt === null)) throw new Error('ticks did not reach every row');
pusher.dispose();
engine.stop();
process.stdout.write(`${JSON.stringify({ ticks: TOTAL, positions: POSITIONS, seconds, pushes, pushedBytes, pendingAtEnd: pending, checkpoints })}\n`);
