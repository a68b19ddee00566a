/**
 * The Desk in demo mode with its exchange in a worker thread, as the app runs it: the live positions
 * equal the worker's truth (read over its control endpoint: the simulator object is in the other
 * thread), and a worker that dies is surfaced on the timeline and brought back on the same port.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/desk/desk';
import { startDemoExchange } from '../../../electron/desk/demo-exchange';
import type { ConnectionStatus } from '../../../shared/connection';
import type { PositionsView } from '../../../shared/position';
import type { TimelineEntry } from '../../../shared/timeline';
import { waitFor } from '../../support/wait';
import { TEST_CONTROL_TOKEN, openTruth, simControl } from './sim-control';
import { sourceWorkerLaunch, type RecordingLaunch } from './source-launch';
import { exchangeFieldsOf } from '../../support/engine-truth';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.stop();
  desk = null;
});

/** A started demo Desk whose exchange runs in the real worker (marks frozen, activity off, control on). */
async function demoDesk(maxRestarts?: number): Promise<{ desk: Desk; worker: RecordingLaunch; rest: () => string }> {
  const worker = sourceWorkerLaunch();
  let rest = '';
  desk = new Desk({
    startDemoExchange: async (events) => {
      const exchange = await startDemoExchange({
        ...events,
        launch: worker.launch,
        // One mark step a minute and no generated fills: the truth and the view describe the same prices.
        simulator: { seed: 21, activity: false, control: true, controlToken: TEST_CONTROL_TOKEN, markIntervalMs: 60_000 },
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
}

/** Waits until the desk's rows equal the exchange's open positions, field for field. */
async function viewEqualsTruth(running: Desk, rest: string): Promise<PositionsView> {
  let truth: unknown[] | null = null;
  let settled = true;
  return waitFor(
    () => {
      // Ask again only once the previous answer is in; compare with the newest one.
      if (settled) {
        settled = false;
        void openTruth(rest, 'oneway').then(
          (rows) => ((truth = rows), (settled = true)),
          () => (settled = true),
        );
      }
      const view = running.positionsView();
      const shown = view.rows.map(exchangeFieldsOf);
      return truth !== null && shown.length > 0 && isDeepStrictEqual(shown, truth) ? view : undefined;
    },
    15_000,
    'the desk to show the exchange truth',
  );
}

// The Desk answers these two synchronously; the casts drop the Promise half of the IPC handler type.
function timelineHas(running: Desk, kind: TimelineEntry['kind'], text: string): TimelineEntry | undefined {
  const entries = running.handlers.getTimeline() as TimelineEntry[];
  return entries.find((entry) => entry.kind === kind && entry.message.includes(text));
}

function connectionOf(running: Desk): ConnectionStatus {
  return (running.handlers.getState() as { connection: ConnectionStatus }).connection;
}

describe('the desk on the worker-thread exchange', () => {
  it('shows live positions equal to the exchange truth, and follows a fill', async () => {
    const { desk: running, rest } = await demoDesk();
    const first = await viewEqualsTruth(running, rest());
    expect(first.mode).toBe('oneway');
    await waitFor(() => connectionOf(running).state === 'live' || undefined, 15_000, 'a live connection');
    expect(connectionOf(running)).toMatchObject({ environment: 'demo', demoAccount: 'oneway' });

    const btcBefore = first.rows.find((row) => row.symbol === 'BTCUSDT')?.positionAmt ?? '0';
    await simControl(rest(), { command: 'fill', account: 'oneway', symbol: 'BTCUSDT', side: 'BUY', qty: '0.500' });
    const after = await viewEqualsTruth(running, rest());
    const btcAfter = after.rows.find((row) => row.symbol === 'BTCUSDT')?.positionAmt ?? '0';
    expect(Number(btcAfter)).toBeCloseTo(Number(btcBefore) + 0.5, 8);
  });

  it('a worker that dies is reported, restarted on the same port, and the desk is live on it again', async () => {
    const { desk: running, worker, rest } = await demoDesk();
    const ethOf = (view: PositionsView): number => Number(view.rows.find((row) => row.symbol === 'ETHUSDT')?.positionAmt ?? '0');
    const atStart = ethOf(await viewEqualsTruth(running, rest()));
    const urlBefore = rest();
    // Move the book away from the scenario's start, so the restarted exchange is visibly a new one.
    await simControl(urlBefore, { command: 'fill', account: 'oneway', symbol: 'ETHUSDT', side: 'BUY', qty: '3.000' });
    expect(ethOf(await viewEqualsTruth(running, urlBefore))).toBeCloseTo(atStart + 3, 8);

    await worker.started[0]!.worker.terminate();
    await waitFor(() => timelineHas(running, 'error', 'The demo exchange stopped unexpectedly'), 10_000, 'the crash on the timeline');
    await waitFor(() => timelineHas(running, 'info', 'The demo exchange is running again'), 20_000, 'the restart on the timeline');
    expect(worker.started).toHaveLength(2);
    expect(rest()).toBe(urlBefore);

    // The desk shows the new exchange's book (the same seed: the scenario's start, without the fill).
    const view = await viewEqualsTruth(running, urlBefore);
    expect(ethOf(view)).toBeCloseTo(atStart, 8);
    await waitFor(() => connectionOf(running).state === 'live' || undefined, 15_000, 'the connection to be live again');
  });

  it('when restarts are used up, the desk says so and stops retrying: offline with the reason', async () => {
    const { desk: running, worker, rest } = await demoDesk(0);
    await viewEqualsTruth(running, rest());
    await worker.started[0]!.worker.terminate();
    const entry = await waitFor(() => timelineHas(running, 'error', 'restart PerpDesk to use demo mode'), 10_000, 'the failure on the timeline');
    expect(entry.message).toContain('after 0 restarts');
    const connection = connectionOf(running);
    expect(connection.state).toBe('offline');
    expect(connection.message).toBe(entry.message);
    expect(worker.started).toHaveLength(1);
  });
});
