/**
 * The Desk in demo mode with its exchange in a worker thread, as the app runs it: the live positions
 * equal the worker's truth (read over its control endpoint: the simulator object is in the other
 * thread), and a worker that dies is surfaced on the timeline and brought back on the same port.
 */
import { describe, expect, it } from 'vitest';
import type { Desk } from '../../../electron/desk/desk';
import type { PositionsView } from '../../../shared/position';
import type { TimelineEntry } from '../../../shared/timeline';
import { waitFor } from '../../support/wait';
import { simControl } from './sim-control';
import { connectionOf, useWorkerDesk, viewEqualsTruth } from './worker-desk';

const demoDesk = useWorkerDesk(21);

// The Desk answers synchronously; the cast drops the Promise half of the IPC handler type.
function timelineHas(running: Desk, kind: TimelineEntry['kind'], text: string): TimelineEntry | undefined {
  const entries = running.handlers.getTimeline() as TimelineEntry[];
  return entries.find((entry) => entry.kind === kind && entry.message.includes(text));
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
