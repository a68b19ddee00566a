/**
 * A Multi-Assets account's figures (PROTOCOL §13.9) against the simulator's `multi` account over
 * real sockets: the mode comes from accountConfig, the totals are in USD and equal the simulator's
 * own v2/account.status totals at the shown marks, each asset's figures are in that asset, and a
 * mark move on a USDC-margined symbol moves the USDC asset and the USD totals between reads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/desk/desk';
import type { AccountStatusRead } from '../../../electron/exchange/account-types';
import { ExchangeClient } from '../../../electron/exchange/client';
import { createSigner } from '../../../electron/exchange/signing';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { simulatorCredentials } from '../../support/simulator-demo';
import { waitFor } from '../../support/wait';

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function multiDesk(): Promise<{ simulator: RunningSimulator; desk: Desk; client: ExchangeClient }> {
  const simulator = await startSimulator({ seed: 11, markIntervalMs: 2_000 });
  const credentials = simulatorCredentials(simulator, 'multi');
  const desk = new Desk({
    session: { environment: 'demo', profileName: 'Multi-Assets', demoAccount: null, endpoints: simulator.urls, credentials },
    refreshIntervalMs: 60_000,
  });
  await desk.start();
  let connected = false;
  const client = new ExchangeClient({ endpoints: simulator.urls, signer: createSigner(credentials), events: { onConnected: () => (connected = true) } });
  client.start();
  stop = async () => {
    client.stop();
    await desk.stop();
    await simulator.close();
  };
  await waitFor(() => (connected ? true : undefined), 8_000, 'the test client to connect');
  return { simulator, desk, client };
}

const marksOf = (simulator: RunningSimulator): string =>
  JSON.stringify(simulator.truth('multi').filter((row) => Number(row.positionAmt) !== 0).map((row) => [row.symbol, row.markPrice]).sort());
const shownMarks = (desk: Desk): string => JSON.stringify(desk.positionsView().rows.map((row) => [row.symbol, row.derived.markPrice]).sort());

async function statusAtShownMarks(simulator: RunningSimulator, desk: Desk, client: ExchangeClient): Promise<AccountStatusRead> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await waitFor(() => (desk.positionsView().rows.length > 0 && shownMarks(desk) === marksOf(simulator) ? true : undefined), 8_000, 'the shown marks');
    const before = marksOf(simulator);
    const status = await client.accountStatus();
    if (marksOf(simulator) === before && shownMarks(desk) === before) return status;
  }
  throw new Error('the marks never held still for one account read');
}

const close = (value: number, text: string): void => expect(Math.abs(value - Number(text))).toBeLessThan(1e-6 * Math.max(1, Math.abs(Number(text))));

describe('Multi-Assets account figures (simulated)', () => {
  it('USD totals and per-asset figures equal the simulator’s own v2/account.status, and move with a USDC mark', async () => {
    const { simulator, desk, client } = await multiDesk();
    await waitFor(() => (desk.positionsView().account?.multiAssets === true ? true : undefined), 8_000, 'the Multi-Assets mode');
    let status = await statusAtShownMarks(simulator, desk, client);
    let account = desk.positionsView().account!;
    expect(account.total.currency).toBe('USD');
    close(account.total.walletBalance, status.totals.totalWalletBalance);
    close(account.total.unrealizedProfit, status.totals.totalUnrealizedProfit);
    close(account.total.marginBalance, status.totals.totalMarginBalance);
    close(account.total.maintMargin, status.totals.totalMaintMargin);
    const usdc = status.assets.find((asset) => asset.asset === 'USDC')!;
    const shownUsdc = account.assets.find((asset) => asset.currency === 'USDC')!;
    close(shownUsdc.walletBalance, usdc.walletBalance);
    close(shownUsdc.unrealizedProfit, usdc.unrealizedProfit);
    close(shownUsdc.maintMargin, usdc.maintMargin);

    const readAt = account.readAt;
    const row = desk.positionsView().rows.find((candidate) => candidate.symbol === 'BTCUSDC')!;
    const price = (Number(row.derived.markPrice) * 0.98).toFixed(2);
    simulator.setMark('BTCUSDC', price);
    await waitFor(() => (Number(desk.positionsView().rows.find((r) => r.key === row.key)?.derived.markPrice) === Number(price) ? true : undefined), 8_000, 'the new USDC mark');
    status = await statusAtShownMarks(simulator, desk, client);
    account = desk.positionsView().account!;
    expect(account.readAt).toBe(readAt); // moved by the stream, not by a read
    close(account.assets.find((asset) => asset.currency === 'USDC')!.unrealizedProfit, status.assets.find((asset) => asset.asset === 'USDC')!.unrealizedProfit);
    close(account.total.unrealizedProfit, status.totals.totalUnrealizedProfit);
    close(account.total.marginBalance, status.totals.totalMarginBalance);
    close(account.total.maintMargin, status.totals.totalMaintMargin);
  });
});
