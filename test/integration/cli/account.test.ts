/**
 * `perpdesk snapshot --json` carries the account (issue 13): against a simulator this test started,
 * the printed `account` equals the simulator's own `v2/account.status` at one of the instants the
 * command ran through (the marks move every second), under the exchange's names; the table prints
 * the same figures on one line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountJson } from '../../../electron/cli/account-json';
import type { PositionsDocument } from '../../../electron/cli/document';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { customFlags, hmacEnv, recordStates, runCli } from './run-cli';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ seed: 11 });
});
afterAll(async () => {
  await simulator.close();
});

/** The totals both sides name alike, as numbers. */
const TOTALS = [
  'totalWalletBalance',
  'totalUnrealizedProfit',
  'totalMarginBalance',
  'totalMaintMargin',
  'totalInitialMargin',
  'availableBalance',
  'totalCrossWalletBalance',
  'totalCrossUnPnl',
] as const;

type Totals = Record<(typeof TOTALS)[number], number>;

function truthTotals(account: 'oneway' | 'hedge'): string {
  const status = simulator.accountTruth(account);
  return JSON.stringify(Object.fromEntries(TOTALS.map((name) => [name, Number(status[name])])));
}

/** The largest difference between the printed totals and one recorded state of the exchange. */
function worstDifference(printed: AccountJson, state: Totals): number {
  return Math.max(...TOTALS.map((name) => Math.abs(printed[name] - state[name])));
}

describe('perpdesk snapshot: the account block', () => {
  it.each(['oneway', 'hedge'] as const)('%s: --json prints the account equal to the exchange’s v2/account.status', async (account) => {
    const recording = recordStates(() => truthTotals(account));
    const result = await runCli(['snapshot', '--json', ...customFlags(simulator)], hmacEnv(simulator, account), 30_000);
    recording.stop();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const printed = (JSON.parse(result.stdout.trim()) as PositionsDocument).account;
    expect(printed).not.toBeNull();
    const states = [...recording.states].map((state) => JSON.parse(state) as Totals);
    // Floating-point figures against the exchange's 8-decimal strings: equal to a cent's millionth.
    const closest = Math.min(...states.map((state) => worstDifference(printed!, state)));
    expect(closest).toBeLessThan(1e-4);
    expect(printed).toMatchObject({ multiAssetsMargin: false, currency: 'USDT' });
    expect(printed!.totalMarginBalance).toBeCloseTo(printed!.totalWalletBalance + printed!.totalUnrealizedProfit, 6);
    // The ratio cross positions are liquidated by, from the printed cross figures.
    const crossBalance = printed!.totalCrossWalletBalance + printed!.totalCrossUnPnl;
    expect(printed!.crossMarginRatioPct).toBeCloseTo((printed!.crossMaintMargin / crossBalance) * 100, 6);
    expect(printed!.crossMarginRatioPct).toBeGreaterThan(0);
    expect(printed!.assets.map((asset) => asset.asset)).toContain('USDT');
  });

  it('the table prints the account on one line under the totals', async () => {
    const result = await runCli(['snapshot', ...customFlags(simulator)], hmacEnv(simulator, 'oneway'), 30_000);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const line = result.stdout.split('\n')[2];
    expect(line).toMatch(/^Account \(USDT\) · margin ratio [\d.,]+% cross \/ [\d.,]+% total · margin balance [\d,.]+ · maint\. [\d,.]+ · available [\d,.]+ · wallet [\d,.]+$/);
  });
});
