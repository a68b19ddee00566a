/**
 * Demo mode's exchange thread (a worker_threads entry): it runs the built-in simulator, so its mark
 * feed, activity generator, funding clock and sockets never compete with the main thread's client,
 * engine and IPC. It posts `ready` once listening and stops on `close`. A failure to start is
 * thrown, which the main thread receives as the worker's `error` event.
 */
import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { startSimulator, type RunningSimulator } from '../simulator';
import { demoAccountCredentials } from './demo-accounts';
import { type FromWorker, toWorkerSchema, workerConfigSchema } from './demo-exchange-messages';

async function run(): Promise<void> {
  const port = parentPort;
  if (isMainThread || port === null) throw new Error('demo-exchange-worker runs only as a worker thread');
  const config = workerConfigSchema.parse(workerData);
  const simulator: RunningSimulator = await startSimulator({
    host: '127.0.0.1',
    port: config.port,
    seed: config.seed,
    activity: config.activity,
    control: config.control,
    ...(config.controlToken === undefined ? {} : { controlToken: config.controlToken }),
    ...(config.markIntervalMs === undefined ? {} : { markIntervalMs: config.markIntervalMs }),
  });
  const post = (message: FromWorker): void => port.postMessage(message);
  port.on('message', (raw: unknown) => {
    // Only `close` is understood; anything else from the other side is ignored.
    if (!toWorkerSchema.safeParse(raw).success) return;
    void simulator.close().then(() => {
      post({ type: 'closed' });
      // Nothing else holds the thread open: it ends by itself once the port is closed.
      port.close();
    });
  });
  post({
    type: 'ready',
    threadId,
    urls: simulator.urls,
    accounts: demoAccountCredentials(simulator.accounts),
  });
}

// Thrown as an uncaught exception (not left to the host's unhandled-rejection policy), which the
// main thread receives as the worker's `error` event: a startup failure with its message.
run().catch((error: unknown) => {
  process.nextTick(() => {
    throw error;
  });
});
