/**
 * Where the built demo exchange worker is and how it is started. The build (electron.vite.config.ts)
 * writes it next to the main bundle as one self-contained CommonJS file, with no imports but Node's
 * own modules. A packaged app keeps out/ inside app.asar; electron-builder unpacks this one file
 * (asarUnpack), because a worker thread's loader cannot be relied on to read from an asar archive,
 * so it is started from app.asar.unpacked, where it is a plain file.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerLaunch } from './demo-exchange-thread';

/** The worker's file name in out/main (the build's output name for it). */
export const DEMO_WORKER_FILE = 'demo-exchange-worker.cjs';

/** The same path outside the archive: `…/app.asar/…` becomes `…/app.asar.unpacked/…`. */
export function asarUnpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/**
 * Starts the built worker found in `directory` (default: this module's own directory, which in a
 * build is out/main, since every main chunk is written there).
 */
export function builtWorkerLaunch(directory: string = import.meta.dirname): WorkerLaunch {
  const file = asarUnpackedPath(join(directory, DEMO_WORKER_FILE));
  return (config) => new Worker(file, { workerData: config });
}
