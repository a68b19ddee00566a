/**
 * Demo mode's Multi-Assets account, as the app runs it: the Desk on the worker-thread exchange,
 * switched to `multi` through the same handler the renderer's account switch calls. The rows end
 * equal to the worker's truth (read over its control endpoint), and the totals are one line per
 * margin asset — USDT and USDC, never summed into one currency (PROTOCOL §13.9).
 */
import { describe, expect, it } from 'vitest';
import type { PositionRow, PositionsView } from '../../../shared/position';
import { waitFor } from '../../support/wait';
import { simControl } from './sim-control';
import { connectionOf, useWorkerDesk, viewEqualsTruth } from './worker-desk';

const demoDesk = useWorkerDesk(23);

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
