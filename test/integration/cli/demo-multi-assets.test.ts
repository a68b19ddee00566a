/**
 * `perpdesk snapshot --demo-account multi`: demo mode's Multi-Assets account (USDT and USDC wallets)
 * through the CLI's own in-process exchange. The totals are one per margin asset, never one figure
 * adding USDC to USDT (PROTOCOL §13.9) — as JSON and in the table for people.
 */
import { describe, expect, it } from 'vitest';
import type { PositionsDocument } from '../../../electron/cli/document';
import { runCli } from './run-cli';

describe('perpdesk snapshot on the Multi-Assets demo account', () => {
  it('--json: the USDT and the USDC position, totals per asset', async () => {
    const result = await runCli(['snapshot', '--json', '--demo-account', 'multi'], {}, 30_000);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const document = JSON.parse(result.stdout.trim()) as PositionsDocument;
    expect(document).toMatchObject({ type: 'positions', environment: 'demo', demoAccount: 'multi', mode: 'oneway', connection: 'live' });
    expect(new Set(document.positions.map((row) => row.symbol))).toEqual(new Set(['ETHUSDT', 'BTCUSDC']));
    const { summary } = document;
    expect(summary.byAsset?.map((totals) => totals.asset)).toEqual(['USDC', 'USDT']);
    const usdc = summary.byAsset!.find((totals) => totals.asset === 'USDC')!;
    const btc = document.positions.find((row) => row.symbol === 'BTCUSDC')!;
    expect(usdc.positions).toBe(1);
    expect(usdc.unrealizedPnl).toBeCloseTo(btc.derived!.unrealizedPnl, 8);
    expect(summary.unrealizedPnl).toBeNull();
    expect(summary.notional).toBeNull();
  });

  it('the table names the account and gives one uPnL per currency', async () => {
    const result = await runCli(['snapshot', '--demo-account', 'multi'], {}, 30_000);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^PerpDesk · DEMO \(Multi-Assets account\) · live/);
    expect(lines[1]).toMatch(/USDC uPnL [+-]?[\d,.]+ notional [\d,.]+/);
    expect(lines[1]).toMatch(/USDT uPnL [+-]?[\d,.]+ notional [\d,.]+/);
    // No currency-less total that would add the two.
    expect(lines[1]).not.toMatch(/(^|· )uPnL /);
  });
});
