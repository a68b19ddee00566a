/**
 * P7's main side, alone in its own process (bench/p7.ts starts it with --expose-gc): the real Desk —
 * client, sockets, engine, alerts, pusher — connected to the demo simulator the parent runs (in the
 * app the simulator has its own worker thread; here it has its own process, so neither counts here).
 * One receiver is attached; every push is structured-cloned as Electron's IPC does, then dropped.
 * After the first positions arrive and a warm-up, CPU (user + system, every thread of this process)
 * is measured over the window; then a full GC and the heap. Prints one JSON line.
 *
 *   bench/p7.ts bundles it (esbuild) and runs: node --expose-gc <bundle> '<json: urls, credentials, warmupMs, windowMs>'
 */
import { serialize } from 'node:v8';
import { Desk } from '../../electron/desk/desk';
import type { Endpoints } from '../../electron/exchange/endpoints';

interface Config {
  urls: Endpoints;
  credentials: { oneway: { apiKey: string; secret: string }; hedge: { apiKey: string; secret: string }; multi: { apiKey: string; secret: string } };
  warmupMs: number;
  windowMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const desk = new Desk({
  startDemoExchange: () => Promise.resolve({ endpoints: config.urls, credentials: config.credentials, close: () => Promise.resolve() }),
});
let pushes = 0;
let pushedBytes = 0;
let positionsPushes = 0;
await desk.start();
const detach = desk.attach((channel, payload) => {
  pushes++;
  pushedBytes += serialize(payload).length;
  if (channel === 'positions') {
    positionsPushes++;
    // A renderer acknowledges each version it applied; main sends the next only then.
    setImmediate(() => void desk.handlers.ackPositions((payload as { version: number }).version));
  }
});
const deadline = Date.now() + 30_000;
while (desk.positionsView().rows.length === 0) {
  if (Date.now() > deadline) throw new Error('no positions within 30 s');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await new Promise((resolve) => setTimeout(resolve, config.warmupMs));
const pushesBefore = pushes;
const cpuBefore = process.cpuUsage();
const started = performance.now();
await new Promise((resolve) => setTimeout(resolve, config.windowMs));
const cpu = process.cpuUsage(cpuBefore);
const seconds = (performance.now() - started) / 1000;
const heapBeforeGc = process.memoryUsage().heapUsed;
gc();
const memory = process.memoryUsage();
const positions = desk.positionsView().rows.length;
detach();
await desk.stop();
process.stdout.write(
  `${JSON.stringify({
    seconds,
    positions,
    cpuMsPerS: (cpu.user + cpu.system) / 1000 / seconds,
    pushesPerS: (pushes - pushesBefore) / seconds,
    positionsPushes,
    pushedBytes,
    heapUsedBytes: memory.heapUsed,
    heapBeforeGcBytes: heapBeforeGc,
    rssBytes: memory.rss,
  })}\n`,
);
process.exit(0);
