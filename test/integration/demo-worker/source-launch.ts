/**
 * Starts demo mode's worker from its TypeScript source, through tsx, so the tests run the real
 * worker without a build. (`execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20:
 * the thread is started with a line that loads tsx's API, which then imports the entry.)
 * Every worker started is recorded with its exit code, so a test can terminate one as a crash would.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerLaunch } from '../../../electron/desk/demo-exchange-thread';

const tsxApi = import.meta.resolve('tsx/esm/api');
const workerEntry = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'electron', 'desk', 'demo-exchange-worker.ts')).href;

export interface StartedWorker {
  worker: Worker;
  /** The exit code, once the thread has ended. */
  exit: Promise<number>;
}

export interface RecordingLaunch {
  launch: WorkerLaunch;
  /** Every worker started, oldest first. */
  started: StartedWorker[];
}

function recording(code: string): RecordingLaunch {
  const started: StartedWorker[] = [];
  return {
    started,
    launch: (config) => {
      const worker = new Worker(code, { eval: true, workerData: config });
      started.push({ worker, exit: new Promise((resolve) => worker.once('exit', resolve)) });
      return worker;
    },
  };
}

/** The real worker (electron/desk/demo-exchange-worker.ts), from source. */
export function sourceWorkerLaunch(): RecordingLaunch {
  return recording(`import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(workerEntry)}, ${JSON.stringify(workerEntry)}))`);
}

/** A worker that runs `code` (plain JavaScript) instead of the simulator: faults on demand. */
export function scriptLaunch(code: string): RecordingLaunch {
  return recording(code);
}
