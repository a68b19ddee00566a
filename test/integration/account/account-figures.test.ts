/**
 * The account figures in demo mode, real client and engine against the simulator over 127.0.0.1
 * (issue 13): the view's account equals the simulator's own `v2/account.status` (read through this
 * test's own signed client) at the marks the view shows; after `setMark` the figures move with the
 * mark stream while no account read is made (the simulator's request counters say so); `pressMargin`
 * past the threshold raises the account margin ratio alert; funding and ADL appear on every row, and
 * funding today equals the simulator's income after `settleFunding`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFigures } from '../../../shared/account';
import type { Alert } from '../../../shared/alerts';
import type { AccountStatusRead } from '../../../electron/exchange/account-types';
import { ExchangeClient } from '../../../electron/exchange/client';
import { createSigner } from '../../../electron/exchange/signing';
import { startDemoDesk, type DemoDesk } from '../../support/demo-desk';
import { rowsEqualTruth } from '../../support/engine-truth';
import { simulatorCredentials } from '../../support/simulator-demo';
import { waitFor } from '../../support/wait';

let running: DemoDesk | null = null;
let ownClient: ExchangeClient | null = null;
afterEach(async () => {
  ownClient?.stop();
  ownClient = null;
  await running?.close();
  running = null;
});

type Account = 'oneway' | 'hedge';

/** The demo desk on `account`, marks stepping every 2 s, periodic snapshots a minute apart. */
async function start(account: Account = 'oneway'): Promise<DemoDesk> {
  running = await startDemoDesk({ markIntervalMs: 2_000 }, 60_000);
  if (account === 'hedge') {
    await running.desk.handlers.setDemoAccount('hedge');
    await waitFor(() => (running!.desk.positionsView().mode === 'hedge' && running!.desk.positionsView().account !== null ? true : undefined), 8_000, 'the hedge account');
  }
  await rowsEqualTruth(running, account);
  await waitFor(() => running!.desk.positionsView().account ?? undefined, 8_000, 'the account figures');
  return running;
}

/** This test's own signed client on the same account: it reads the exchange's figures to compare with. */
async function ownReader(demo: DemoDesk, account: Account = 'oneway'): Promise<ExchangeClient> {
  let connected = false;
  ownClient = new ExchangeClient({
    endpoints: demo.simulator.urls,
    signer: createSigner(simulatorCredentials(demo.simulator, account)),
    events: { onConnected: () => (connected = true) },
  });
  ownClient.start();
  await waitFor(() => (connected ? true : undefined), 8_000, 'the test client to connect');
  return ownClient;
}

const marksOf = (demo: DemoDesk, account: Account = 'oneway'): string =>
  JSON.stringify([...new Map(demo.simulator.truth(account).filter((row) => Number(row.positionAmt) !== 0).map((row) => [row.symbol, row.markPrice]))].sort());
const shownMarks = (demo: DemoDesk): string =>
  JSON.stringify([...new Map(demo.desk.positionsView().rows.map((row) => [row.symbol, row.derived.markPrice]))].sort());

/**
 * The simulator's own v2/account.status at the marks the view shows: waits for the view to show the
 * exchange's current marks, reads, and tries again if a mark step fell inside the read.
 */
async function statusAtShownMarks(demo: DemoDesk, client: ExchangeClient, account: Account = 'oneway'): Promise<AccountStatusRead> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await waitFor(() => (shownMarks(demo) === marksOf(demo, account) ? true : undefined), 8_000, 'the view to show the exchange marks');
    const before = marksOf(demo, account);
    const status = await client.accountStatus();
    if (marksOf(demo, account) === before && shownMarks(demo) === before) return status;
  }
  throw new Error('the marks never held still for one account read');
}

/** Figures equal within the exchange's rounding (8 decimals per position, summed). */
function expectFigures(shown: AccountFigures, exchange: { wallet: string; upnl: string; maint: string; initial: string; available: string }): void {
  const close = (value: number, text: string): void => expect(Math.abs(value - Number(text))).toBeLessThan(1e-6 * Math.max(1, Math.abs(Number(text))));
  close(shown.walletBalance, exchange.wallet);
  close(shown.unrealizedProfit, exchange.upnl);
  close(shown.marginBalance, (Number(exchange.wallet) + Number(exchange.upnl)).toFixed(8));
  close(shown.maintMargin, exchange.maint);
  close(shown.initialMargin, exchange.initial);
  close(shown.availableBalance, exchange.available);
}

function expectAccountEqualsStatus(demo: DemoDesk, status: AccountStatusRead): void {
  const account = demo.desk.positionsView().account!;
  const usdt = status.assets.find((asset) => asset.asset === 'USDT')!;
  expect(account.multiAssets).toBe(false);
  expect(account.total.currency).toBe('USDT');
  expectFigures(account.total, {
    wallet: usdt.walletBalance, upnl: usdt.unrealizedProfit, maint: usdt.maintMargin, initial: usdt.initialMargin, available: usdt.availableBalance,
  });
  const t = status.totals;
  expectFigures(account.total, {
    wallet: t.totalWalletBalance, upnl: t.totalUnrealizedProfit, maint: t.totalMaintMargin, initial: t.totalInitialMargin, available: t.availableBalance,
  });
  // The cross part: cross wallet and cross uPnL as the exchange states them; its ratio as the exchange's own positions give it.
  expect(Math.abs(account.cross.walletBalance - Number(t.totalCrossWalletBalance))).toBeLessThan(1e-6);
  expect(Math.abs(account.cross.unrealizedProfit - Number(t.totalCrossUnPnl))).toBeLessThan(1e-6);
  const crossMaint = status.positions.filter((p) => Number(p.isolatedWallet) === 0).reduce((sum, p) => sum + Number(p.maintMargin), 0);
  const crossRatio = (100 * crossMaint) / (Number(t.totalCrossWalletBalance) + Number(t.totalCrossUnPnl));
  expect(account.cross.marginRatioPct).not.toBeNull();
  expect(Math.abs(account.cross.marginRatioPct! - crossRatio)).toBeLessThan(1e-6);
}

describe.each(['oneway', 'hedge'] as const)('account figures against the simulator (%s demo account)', (account) => {
  it('equal the simulator’s own v2/account.status at the shown marks', async () => {
    const demo = await start(account);
    const status = await statusAtShownMarks(demo, await ownReader(demo, account), account);
    expectAccountEqualsStatus(demo, status);
  });
});

describe('account figures against the simulator (oneway demo account)', () => {
  it('move with the mark between account reads, and still equal the exchange', async () => {
    const demo = await start();
    const client = await ownReader(demo);
    const readAt = demo.desk.positionsView().account!.readAt;
    const cross = demo.desk.positionsView().rows.find((row) => row.marginType === 'cross')!;
    const before = demo.desk.positionsView().account!.total.unrealizedProfit;
    const requests = demo.simulator.control.stats().wsApiRequests;
    const price = (Number(cross.derived.markPrice) * 0.97).toFixed(2);
    demo.simulator.setMark(cross.symbol, price);
    await waitFor(() => (demo.desk.positionsView().rows.find((row) => row.key === cross.key)?.derived.markPrice === Number(price).toFixed(8) || demo.desk.positionsView().rows.find((row) => row.key === cross.key)?.derived.markPrice === price ? true : undefined), 8_000, 'the new mark on the stream');
    const moved = demo.desk.positionsView().account!;
    expect(moved.readAt).toBe(readAt); // no account read was applied…
    expect(demo.simulator.control.stats().wsApiRequests).toBe(requests); // …nor made: the stream moved it
    expect(moved.total.unrealizedProfit).not.toBeCloseTo(before, 6);
    expect(moved.updatedAt).toBeGreaterThan(readAt);
    const status = await statusAtShownMarks(demo, client);
    expectAccountEqualsStatus(demo, status);
  });

  it('raises the account margin ratio alert when pressMargin takes the cross ratio past the threshold', async () => {
    const demo = await start();
    const alerts = (): Alert[] =>
      demo.pushes.filter(([channel]) => channel === 'alerts').flatMap(([, payload]) => payload as Alert[]);
    expect(alerts().some((alert) => alert.kind === 'account-margin-ratio')).toBe(false);
    const pressed = demo.simulator.control.pressMargin('oneway', 85);
    expect(Math.abs(pressed.ratioPct - 85)).toBeLessThanOrEqual(0.5);
    const raised = await waitFor(() => alerts().find((alert) => alert.kind === 'account-margin-ratio'), 10_000, 'the account margin ratio alert');
    expect(raised.severity).toBe('warning');
    expect(raised.message).toMatch(/Account margin ratio 8\d\.\d\d % \(cross\)/);
    expect(raised.message).toContain('USDT');
    const ratio = demo.desk.positionsView().account!.cross.marginRatioPct!;
    expect(Math.abs(ratio - pressed.ratioPct)).toBeLessThan(1);
    // Critical from 90 %.
    demo.simulator.control.pressMargin('oneway', 93);
    await waitFor(() => alerts().find((alert) => alert.kind === 'account-margin-ratio' && alert.severity === 'critical'), 10_000, 'the critical alert');
  });

  it('funding fields and ADL on every row; funding today equals the simulator income after settleFunding', { timeout: 60_000 }, async () => {
    const demo = await start();
    const client = await ownReader(demo);
    const withFunding = await waitFor(() => {
      const rows = demo.desk.positionsView().rows;
      return rows.length > 0 && rows.every((row) => row.derived.fundingRate !== null && row.derived.fundingIntervalHours !== null && row.adl != null) ? rows : undefined; // eslint-disable-line eqeqeq -- null or undefined
    }, 10_000, 'funding rate, interval and ADL on every row');
    for (const row of withFunding) {
      expect(row.derived.nextFundingTime).toBeGreaterThan(Date.now() - 60_000);
      expect(row.derived.estimatedFunding).toBeCloseTo(-row.derived.notional * row.derived.fundingRate!, 8);
      expect([1, 4, 8]).toContain(row.derived.fundingIntervalHours);
      expect(row.adl).toBeGreaterThanOrEqual(0);
      expect(row.adl).toBeLessThanOrEqual(4);
    }
    demo.simulator.control.settleFunding();
    const dayStart = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const income = await client.fundingIncome(dayStart);
    expect(income.length).toBeGreaterThan(0);
    const bySymbol = new Map<string, number>();
    for (const row of income) bySymbol.set(row.symbol, (bySymbol.get(row.symbol) ?? 0) + Number(row.income));
    await waitFor(() => {
      const rows = demo.desk.positionsView().rows;
      return rows.every((row) => Math.abs((row.fundingToday ?? NaN) - (bySymbol.get(row.symbol) ?? 0)) < 1e-9) ? true : undefined;
      // The income read after a FUNDING_FEE is floored 10 s after the previous one (weight 30), here the connect read.
    }, 30_000, 'funding today to equal the simulator income');
  });
});
