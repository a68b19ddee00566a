/**
 * The Desk in demo mode with its exchange in the real worker thread, as the app runs it, for the
 * worker desk tests: started with frozen marks, no generated fills and the control endpoint on, and
 * stopped after each test. The truth is read over the control endpoint (the simulator object lives
 * in the other thread).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach } from 'vitest';
import { Desk } from '../../../electron/desk/desk';
import { startDemoExchange } from '../../../electron/desk/demo-exchange';
import type { ConnectionStatus, DemoAccount } from '../../../shared/connection';
import type { PositionsView } from '../../../shared/position';
import { exchangeFieldsOf } from '../../support/engine-truth';
import { waitFor } from '../../support/wait';
import { TEST_CONTROL_TOKEN, openTruth } from './sim-control';
import { sourceWorkerLaunch, type RecordingLaunch } from './source-launch';

export interface WorkerDesk {
  desk: Desk;
  worker: RecordingLaunch;
  /** The worker's REST URL (it changes only if the worker could not come back on its port). */
  rest: () => string;
}

/** Registers the after-each stop and returns a starter: each call starts one desk on a new worker. */
export function useWorkerDesk(seed: number): (maxRestarts?: number) => Promise<WorkerDesk> {
  let desk: Desk | null = null;
  afterEach(async () => {
    await desk?.stop();
    desk = null;
  });
  return async (maxRestarts) => {
    const worker = sourceWorkerLaunch();
    let rest = '';
    desk = new Desk({
      startDemoExchange: async (events) => {
        const exchange = await startDemoExchange({
          ...events,
          launch: worker.launch,
          // One mark step a minute and no generated fills: the truth and the view describe the same prices.
          simulator: { seed, activity: false, control: true, controlToken: TEST_CONTROL_TOKEN, markIntervalMs: 60_000 },
          startupTimeoutMs: 15_000,
          ...(maxRestarts === undefined ? {} : { maxRestarts }),
        });
        rest = exchange.endpoints.rest;
        return exchange;
      },
      refreshIntervalMs: 60_000,
      backoff: { firstMs: 50, capMs: 400 },
    });
    await desk.start();
    return { desk, worker, rest: () => rest };
  };
}

const byKey = (a: { symbol: string; positionSide: string }, b: { symbol: string; positionSide: string }): number =>
  `${a.symbol}:${a.positionSide}`.localeCompare(`${b.symbol}:${b.positionSide}`);

/**
 * Waits until the desk's rows equal the account's open positions on the exchange, field for field,
 * every liquidation price known, and the view also passes `also` (e.g. "the fill has arrived").
 */
export async function viewEqualsTruth(
  running: Desk,
  rest: string,
  account: DemoAccount = 'oneway',
  also: (view: PositionsView) => boolean = () => true,
): Promise<PositionsView> {
  let truth: unknown[] | null = null;
  let settled = true;
  return waitFor(
    () => {
      // Ask again only once the previous answer is in; compare with the newest one.
      if (settled) {
        settled = false;
        void openTruth(rest, account).then(
          (rows) => ((truth = [...rows].sort(byKey)), (settled = true)),
          () => (settled = true),
        );
      }
      const view = running.positionsView();
      const rows = [...view.rows].sort(byKey);
      const fresh = rows.every((row) => !row.liquidationPending);
      const equal = truth !== null && rows.length > 0 && fresh && isDeepStrictEqual(rows.map(exchangeFieldsOf), truth);
      return equal && also(view) ? view : undefined;
    },
    15_000,
    `the desk to show the ${account} account's truth`,
  );
}

/** The desk's connection status (the Desk answers synchronously; the cast drops the Promise half of the handler type). */
export function connectionOf(running: Desk): ConnectionStatus {
  return (running.handlers.getState() as { connection: ConnectionStatus }).connection;
}
