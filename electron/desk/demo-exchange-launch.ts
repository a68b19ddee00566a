/**
 * Where the built demo exchange worker is and how it is started. The build (electron.vite.config.ts)
 * writes it next to the main bundle as one self-contained CommonJS file, with no imports but Node's
 * own modules. A packaged app keeps out/ inside app.asar; electron-builder unpacks this one file
 * (asarUnpack), because a worker thread's loader cannot be relied on to read from an asar archive,
 * so it is started from app.asar.unpacked, where it is a plain file.
 *
 * An unpacked file is outside the archive's integrity check: anyone who can write the install
 * folder could replace it and run code inside PerpDesk. So the build bakes the worker's SHA-256 into
 * the main bundle, and the file is hashed and compared before every start; a mismatch refuses to
 * start with a clear error (issue 14, item 2).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerLaunch } from './demo-exchange-thread';

/** The worker's file name in out/main (the build's output name for it). */
export const DEMO_WORKER_FILE = 'demo-exchange-worker.cjs';

/** The identifier the build defines as the worker's SHA-256 (scripts/bundle-worker.ts). */
export const DEMO_WORKER_DIGEST_DEFINE = '__PERPDESK_DEMO_WORKER_SHA256__';
declare const __PERPDESK_DEMO_WORKER_SHA256__: string | undefined;

/** The worker digest this build carries; null where the code runs unbuilt (tests, tsx). */
export function builtWorkerDigest(): string | null {
  // `typeof` keeps an unbuilt run (where nothing defines the identifier) from a ReferenceError.
  return typeof __PERPDESK_DEMO_WORKER_SHA256__ === 'string' ? __PERPDESK_DEMO_WORKER_SHA256__ : null;
}

/** The same path outside the archive: `…/app.asar/…` becomes `…/app.asar.unpacked/…`. */
export function asarUnpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/**
 * The worker file's code, once its SHA-256 equals `expectedSha256`; throws a plain-words error when
 * the file cannot be read or is not the one the build wrote.
 */
export function verifiedWorkerCode(file: string, expectedSha256: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`its file ${file} cannot be read (${(error as Error).message})`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expectedSha256.toLowerCase()) {
    throw new Error(
      `its file ${file} is not the one this build shipped (SHA-256 ${actual}, expected ${expectedSha256}), ` +
        'so it was not run: it was changed after installation. Reinstall PerpDesk.',
    );
  }
  return bytes.toString('utf8');
}

/**
 * Starts the built worker found in `directory` (default: this module's own directory, which in a
 * build is out/main, since every main chunk is written there), after checking it against
 * `expectedSha256` (default: the digest the build baked in). Without a digest it refuses to start.
 */
export function builtWorkerLaunch(directory: string = import.meta.dirname, expectedSha256: string | null = builtWorkerDigest()): WorkerLaunch {
  const file = asarUnpackedPath(join(directory, DEMO_WORKER_FILE));
  return (config) => {
    if (expectedSha256 === null) throw new Error('this build carries no checksum for its worker, so the worker was not run');
    const code = verifiedWorkerCode(file, expectedSha256);
    // The thread runs the very bytes just checked (eval) rather than opening the file a second time,
    // which would leave a moment to swap it after the check.
    return new Worker(code, { eval: true, workerData: config });
  };
}
