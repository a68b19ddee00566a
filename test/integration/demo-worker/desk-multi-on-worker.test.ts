/**
 * Demo mode's Multi-Assets account, as the app runs it: the Desk on the worker-thread exchange,
 * switched to `multi` through the same handler the renderer's account switch calls. The rows end
 * equal to the worker's truth (read over its control endpoint), and the totals are one line per
 * margin asset — USDT and USDC, never summed into one currency (PROTOCOL §13.9).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/desk/desk';
import { startDemoExchange } from '../../../electron/desk/demo-exchange';
import type { ConnectionStatus, DemoAccount } from '../../../shared/connection';
import type { PositionRow, PositionsView } from '../../../shared/position';
import { exchangeFieldsOf } from '../../support/engine-truth';
import { waitFor } from '../../support/wait';
import { TEST_CONTROL_TOKEN, openTruth, simControl } from './sim-control';
import { sourceWorkerLaunch } from './source-launch';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.stop();
  desk = null;
});

/** A started demo Desk on the real worker (marks frozen, activity off, control on), and its REST URL. */
async function demoDesk(): Promise<{ desk: Desk; rest: () => string }> {
  const worker = sourceWorkerLaunch();
  let rest = '';
  desk = new Desk({
    startDemoExchange: async (events) => {
      const exchange = await startDemoExchange({
        ...events,
        launch: worker.launch,
        // One mark step a minute and no generated fills: the truth and the view describe the same prices.
        simulator: { seed: 23, activity: false, control: true, controlToken: TEST_CONTROL_TOKEN, markIntervalMs: 60_000 },
        startupTimeoutMs: 15_000,
      });
      rest = exchange.endpoints.rest;
      return exchange;
    },
    refreshIntervalMs: 60_000,
    backoff: { firstMs: 50, capMs: 400 },
  });
  await desk.start();
  return { desk, rest: () => rest };
}

const byKey = (a: { symbol: string; positionSide: string }, b: { symbol: string; positionSide: string }) =>
  `${a.symbol}:${a.positionSide}`.localeCompare(`${b.symbol}:${b.positionSide}`);

/**
 * Waits until the desk's rows equal the account's open positions on the exchange, field for field,
 * every liquidation price known, and the view also passes `also` (e.g. "the fill has arrived").
 */
async function viewEqualsTruth(running: Desk, rest: string, account: DemoAccount, also: (view: PositionsView) => boolean = () => true): Promise<PositionsView> {
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
      const rows: PositionRow[] = [...view.rows].sort(byKey);
      const fresh = rows.every((row) => !row.liquidationPending);
      const equal = truth !== null && rows.length > 0 && fresh && isDeepStrictEqual(rows.map(exchangeFieldsOf), truth);
      return equal && also(view) ? view : undefined;
    },
    15_000,
    `the desk to show the ${account} account's truth`,
  );
}

// The Desk answers these synchronously; the casts drop the Promise half of the IPC handler type.
function connectionOf(running: Desk): ConnectionStatus {
  return (running.handlers.getState() as { connection: ConnectionStatus }).connection;
}

describe('demo mode on the Multi-Assets account (worker-thread exchange)', () => {
  it('switched to multi: rows equal the truth, totals per margin asset, USDT and USDC never summed', async () => {
    const { desk: running, rest } = await demoDesk();
    await viewEqualsTruth(running, rest(), 'oneway');

    await running.handlers.setDemoAccount('multi');
    await waitFor(() => (connectionOf(running).demoAccount === 'multi' && connectionOf(running).state === 'live') || undefined, 15_000, 'live on multi');
    const view = await viewEqualsTruth(running, rest(), 'multi');
    expect(connectionOf(running)).toMatchObject({ environment: 'demo', demoAccount: 'multi' });
    expect(view.mode).toBe('oneway');
    expect(new Set(view.rows.map((row) => row.symbol))).toEqual(new Set(['ETHUSDT', 'BTCUSDC']));

    // The totals follow each symbol's margin asset: one line each, in its own currency.
    const summary = await waitFor(() => {
      const current = running.positionsView().summary;
      return current.byAsset?.length === 2 ? current : undefined;
    }, 5_000, 'totals per asset');
    const rowsOf = (symbol: string) => view.rows.filter((row) => row.symbol === symbol);
    const totalsOf = (rows: PositionRow[]) => ({
      positions: rows.length,
      unrealizedPnl: rows.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0),
      notional: rows.reduce((sum, row) => sum + Math.abs(row.derived.notional), 0),
    });
    expect(summary.byAsset).toEqual([
      { asset: 'USDC', ...totalsOf(rowsOf('BTCUSDC')) },
      { asset: 'USDT', ...totalsOf(rowsOf('ETHUSDT')) },
    ]);
    expect(summary.positions).toBe(2);
    // No one-currency total over both assets.
    expect(summary.unrealizedPnl).toBeNull();
    expect(summary.notional).toBeNull();
  });

  it('a fill on the USDC-margined leg moves only the USDC total; switching back shows the one-way account', async () => {
    const { desk: running, rest } = await demoDesk();
    await viewEqualsTruth(running, rest(), 'oneway');
    await running.handlers.setDemoAccount('multi');
    const before = await viewEqualsTruth(running, rest(), 'multi');
    const btcBefore = Number(before.rows.find((row) => row.symbol === 'BTCUSDC')?.positionAmt ?? '0');
    expect(btcBefore).toBeLessThan(0);
    const usdtBefore = before.summary.byAsset?.find((totals) => totals.asset === 'USDT');

    // Cover part of the short: the exchange's truth changes, and the desk follows it.
    await simControl(rest(), { command: 'fill', account: 'multi', symbol: 'BTCUSDC', side: 'BUY', qty: '0.010' });
    const btcOf = (view: PositionsView) => Number(view.rows.find((row) => row.symbol === 'BTCUSDC')?.positionAmt ?? '0');
    const after = await viewEqualsTruth(running, rest(), 'multi', (view) => btcOf(view) !== btcBefore);
    expect(btcOf(after)).toBeCloseTo(btcBefore + 0.01, 8);
    const usdcAfter = after.summary.byAsset?.find((totals) => totals.asset === 'USDC');
    const usdtAfter = after.summary.byAsset?.find((totals) => totals.asset === 'USDT');
    const btcRow = after.rows.find((row) => row.symbol === 'BTCUSDC')!;
    expect(usdcAfter?.notional).toBeCloseTo(Math.abs(btcRow.derived.notional), 8);
    expect(usdtAfter).toEqual(usdtBefore);

    await running.handlers.setDemoAccount('oneway');
    const back = await viewEqualsTruth(running, rest(), 'oneway');
    expect(connectionOf(running).demoAccount).toBe('oneway');
    expect(back.rows.some((row) => row.symbol === 'BTCUSDC')).toBe(false);
  });
});
