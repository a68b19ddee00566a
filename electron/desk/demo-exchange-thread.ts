/**
 * One demo exchange thread, seen from the main thread: start the worker, wait for its validated
 * `ready` (bounded by a timeout), report an exit nobody asked for, and stop it on close().
 */
import type { Worker } from 'node:worker_threads';
import { fromWorkerSchema, type ReadyMessage, type ToWorker, type WorkerConfig } from './demo-exchange-messages';

/** Creates the worker thread for a config (the built file in the app; tests inject the source). */
export type WorkerLaunch = (config: WorkerConfig) => Worker;

export interface DemoThreadOptions {
  launch: WorkerLaunch;
  config: WorkerConfig;
  /** How long the thread may take to report ready before it is terminated. */
  startupTimeoutMs: number;
  /** How long close() waits for the simulator to stop before terminating the thread anyway. */
  closeTimeoutMs: number;
  /** The thread ended without close(), in plain words; called at most once. */
  onUnexpectedExit: (reason: string) => void;
}

export interface DemoThread {
  readonly ready: ReadyMessage;
  /** Stops the simulator and ends the thread; safe to call any number of times. */
  close(): Promise<void>;
}

type Phase = 'starting' | 'running' | 'closing' | 'ended';

/** Starts a thread; rejects with a clear error when it fails, exits or stays silent before ready. */
export function startDemoThread(options: DemoThreadOptions): Promise<DemoThread> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = options.launch(options.config);
    } catch (error) {
      reject(new Error(`The demo exchange could not start: ${(error as Error).message}`));
      return;
    }
    let phase: Phase = 'starting';
    let failure: Error | null = null;
    const exited = new Promise<number>((settle) => worker.once('exit', settle));

    const startupTimer = setTimeout(
      () => refuse(`it did not report ready within ${options.startupTimeoutMs} ms`),
      options.startupTimeoutMs,
    );
    /** Fails the start (once): the thread is terminated and the caller gets the reason. */
    function refuse(reason: string): void {
      if (phase !== 'starting') return;
      phase = 'ended';
      clearTimeout(startupTimer);
      void worker.terminate();
      reject(new Error(`The demo exchange could not start: ${reason}`));
    }

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        if (phase === 'running') {
          phase = 'closing';
          worker.postMessage({ type: 'close' } satisfies ToWorker);
          await raceTimeout(exited, options.closeTimeoutMs);
        }
        phase = 'ended';
        // Also ends a thread whose simulator did not stop in time; resolves at once if it already ended.
        await worker.terminate();
      })();
      return closing;
    };

    worker.on('message', (raw: unknown) => {
      const parsed = fromWorkerSchema.safeParse(raw);
      // The thread is code of ours, but its messages are still checked: a malformed ready is a failed start.
      if (!parsed.success) return refuse('it sent a malformed message');
      if (parsed.data.type !== 'ready' || phase !== 'starting') return;
      phase = 'running';
      clearTimeout(startupTimer);
      resolve({ ready: parsed.data, close });
    });
    worker.on('error', (error: Error) => {
      failure = error;
      refuse(error.message);
    });
    void exited.then((code) => {
      if (phase === 'starting') refuse(`its thread exited with code ${code} before it was ready`);
      if (phase !== 'running') return;
      phase = 'ended';
      options.onUnexpectedExit(failure === null ? `its thread exited with code ${code}` : `it failed: ${failure.message}`);
    });
  });
}

/** Resolves when `promise` settles or after `ms`, whichever is first, leaving no timer behind. */
async function raceTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((settle) => (timer = setTimeout(settle, ms)))]);
  clearTimeout(timer);
}
