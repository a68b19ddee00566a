/**
 * Demo mode's exchange: the built-in simulator on 127.0.0.1, reached through the same signed client,
 * sockets and engine as Binance. Only the URLs and the (public, simulated) keys differ.
 *
 * In the app it runs in a worker thread (demo-exchange-worker.ts), so its timers and sockets never
 * delay the main process's client, engine and IPC. If that thread dies, it is started again on the
 * same port: the client's URLs stay valid and its usual reconnect finds the new one.
 */
import type { DemoAccount } from '../../shared/connection';
import type { Endpoints } from '../exchange/endpoints';
import type { Credentials } from '../exchange/signing';
import { builtWorkerLaunch } from './demo-exchange-launch';
import type { ReadyMessage, WorkerConfig } from './demo-exchange-messages';
import { type DemoThread, startDemoThread, type WorkerLaunch } from './demo-exchange-thread';

export interface DemoExchange {
  endpoints: Endpoints;
  credentials: Readonly<Record<DemoAccount, Credentials>>;
  close(): Promise<void>;
}

/** What the demo exchange tells its user (the desk) while it runs. */
export interface DemoExchangeEvents {
  /** Plain-language news for the connection timeline: it stopped unexpectedly, it runs again. */
  onNotice?: (kind: 'error' | 'info', message: string) => void;
  /** It stopped and will not come back: demo mode has no exchange any more. */
  onFailure?: (message: string) => void;
}

export interface DemoExchangeOptions extends DemoExchangeEvents {
  /** Starts the worker; default: the built worker next to the main bundle. */
  launch?: WorkerLaunch;
  /** Simulator settings (tests freeze marks, switch activity off, or open the control endpoint). */
  simulator?: Partial<Omit<WorkerConfig, 'port'>>;
  startupTimeoutMs?: number;
  closeTimeoutMs?: number;
  /** Restarts after unexpected exits before giving up (a thread that keeps dying is not retried forever). */
  maxRestarts?: number;
}

const DEFAULT_STARTUP_TIMEOUT_MS = 15_000;
const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_RESTARTS = 3;

/** Starts the simulator in a worker thread on a free loopback port; rejects if it cannot start. */
export async function startDemoExchange(options: DemoExchangeOptions = {}): Promise<DemoExchange> {
  const launch = options.launch ?? builtWorkerLaunch();
  const maxRestarts = options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
  const configFor = (port: number): WorkerConfig => ({
    port,
    // Activity on: occasional fills and funding make demo mode feel like a live account.
    seed: Date.now() % 2 ** 31,
    activity: true,
    control: false,
    ...options.simulator,
  });
  let closed = false;
  let restarts = 0;
  let restarting: Promise<void> | null = null;
  // The first thread takes a free port; restarts reuse it, so the URLs the client holds stay valid.
  let port = 0;

  const start = (): Promise<DemoThread> =>
    startDemoThread({
      launch,
      config: configFor(port),
      startupTimeoutMs: options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      closeTimeoutMs: options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
      onUnexpectedExit: (reason) => restart(reason),
    });

  const restart = (reason: string): void => {
    if (closed) return;
    if (restarts >= maxRestarts) {
      options.onFailure?.(`The demo exchange stopped (${reason}) after ${maxRestarts} restarts; restart PerpDesk to use demo mode.`);
      return;
    }
    restarts++;
    options.onNotice?.('error', `The demo exchange stopped unexpectedly (${reason}); restarting it. Demo positions start over.`);
    restarting = start().then(
      async (next) => {
        if (closed) return next.close();
        thread = next;
        options.onNotice?.('info', 'The demo exchange is running again.');
      },
      (error: unknown) => {
        if (!closed) options.onFailure?.(`The demo exchange stopped and could not be restarted: ${(error as Error).message}`);
      },
    );
  };

  let thread = await start();
  const endpoints = thread.ready.urls;
  port = Number(new URL(endpoints.rest).port);

  let closing: Promise<void> | undefined;
  return {
    endpoints,
    credentials: credentialsOf(thread.ready),
    close: () => {
      closing ??= (async () => {
        closed = true;
        await restarting;
        await thread.close();
      })();
      return closing;
    },
  };
}

function credentialsOf(ready: ReadyMessage): Record<DemoAccount, Credentials> {
  return { oneway: { ...ready.accounts.oneway }, hedge: { ...ready.accounts.hedge }, multi: { ...ready.accounts.multi } };
}
