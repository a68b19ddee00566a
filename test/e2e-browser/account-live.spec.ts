/**
 * The account panel, funding and ADL against the real engine and simulator (issue 13): the figures
 * equal the simulator's own `v2/account.status`, move with the mark, and pushing the account toward
 * its margin call (the simulator's `pressMargin`) raises the account alert. The screenshots here are
 * the ones copied to docs/: real figures, not made-up ones.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { formatBalance } from '../../shared/format';
import type { AppUnderTest } from './app-fixture';
import { expect, test } from './app-fixture';

const screenshots = 'test-results/screenshots';

/** The cross part of the simulator's v2/account.status: wallet, uPnL and maintenance margin of cross positions. */
function crossTruth(app: AppUnderTest, account: 'oneway' | 'hedge') {
  const status = app.simulator.accountTruth(account) as {
    totalCrossWalletBalance: string;
    totalCrossUnPnl: string;
    positions: Array<{ isolatedWallet: string; maintMargin: string }>;
  };
  const wallet = Number(status.totalCrossWalletBalance);
  const balance = wallet + Number(status.totalCrossUnPnl);
  const maint = status.positions.filter((row) => Number(row.isolatedWallet) === 0).reduce((sum, row) => sum + Number(row.maintMargin), 0);
  return { wallet, balance, maint, ratioPct: (maint / balance) * 100 };
}

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

test('the account panel shows the exchange’s cross figures, live with the mark', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1920, height: 900 });
  const panel = page.getByTestId('account-panel');
  await expect(panel).toHaveAttribute('data-state', 'figures');
  // The wallet does not move with the mark: exactly the exchange's.
  await expect(page.getByTestId('account-cross-wallet')).toHaveText(`${formatBalance(crossTruth(app, 'oneway').wallet)} USDT`);
  // Margin balance and ratio move with every mark: at some instant the window and the exchange agree.
  await expect
    .poll(async () => {
      const truth = crossTruth(app, 'oneway');
      const shown = await text(page, 'account-cross-margin-balance');
      return shown === `${formatBalance(truth.balance)} USDT`;
    }, { timeout: 15_000, intervals: [50] })
    .toBe(true);
  await expect
    .poll(async () => {
      const truth = crossTruth(app, 'oneway');
      const shown = Number((await text(page, 'account-cross-ratio')).replace(/[%,]/g, ''));
      return Math.abs(shown - truth.ratioPct) < 0.006;
    }, { timeout: 15_000, intervals: [50] })
    .toBe(true);
  // A cross row shows the account's ratio, marked as the account's.
  await expect(page.locator('[data-row-key] [data-col="marginRatio"]', { hasText: /acct/i }).first()).toBeVisible();
  // Funding and ADL appear per position.
  const firstRow = page.locator('[data-row-key]').first();
  await expect(firstRow.locator('[data-col="funding"]')).toHaveText(/%/);
  await expect(firstRow.locator('[data-col="adl"]')).toBeVisible();
  // The figures move between account reads: a new mark moves the margin balance at once.
  const before = await text(page, 'account-cross-margin-balance');
  const row = app.simulator.truth('oneway').find((position) => Number(position.positionAmt) !== 0 && position.marginType === 'cross')!;
  app.simulator.setMark(row.symbol, (Number(row.markPrice) * 1.02).toFixed(2));
  await expect(page.getByTestId('account-cross-margin-balance')).not.toHaveText(before);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/account-live.png` });
});

test('pushing the account toward its margin call raises the account alert and turns the ratio amber', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1920, height: 900 });
  await expect(page.getByTestId('account-panel')).toHaveAttribute('data-state', 'figures');
  await expect(page.getByTestId('account-cross')).toHaveAttribute('data-risk', 'safe');
  app.simulator.control.pressMargin('oneway', 85);
  await expect(page.getByText('Account margin ratio high')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('account-cross')).toHaveAttribute('data-risk', 'warning');
  const ratio = Number((await text(page, 'account-cross-ratio')).replace(/[%,]/g, ''));
  expect(ratio).toBeGreaterThanOrEqual(80);
  expect(ratio).toBeLessThan(90);
  const timeline = await app.desk.handlers.getTimeline();
  expect(timeline.some((entry) => /margin ratio/i.test(entry.message))).toBe(true);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/account-alert-live.png` });
});

test('hedge account: funding countdown and ADL per leg, funding today once per symbol', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1920, height: 900 });
  await page.getByTestId('demo-account-hedge').click();
  const legs = page.locator('[data-row-key$=":LONG"], [data-row-key$=":SHORT"]');
  await expect(legs.first()).toBeVisible();
  const countdown = legs.first().getByTestId('funding-countdown');
  await expect(countdown).toHaveText(/\d{1,2}:\d{2}:\d{2}/);
  const first = await countdown.innerText();
  await expect(countdown).not.toHaveText(first); // the countdown ticks
  await expect(page.getByTestId('account-panel')).toHaveAttribute('data-state', 'figures');
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/funding-adl-live.png` });
});

test('Multi-Assets: the account’s USD totals and each asset in its own currency, as the exchange has them', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1920, height: 900 });
  await page.getByTestId('demo-account-multi').click();
  await expect(page.getByTestId('account-mode')).toContainText('Multi-Assets');
  const status = app.simulator.accountTruth('multi') as { totalWalletBalance: string; assets: Array<{ asset: string; walletBalance: string }> };
  // Wallets do not move with the mark: the USD total and each asset's own exactly as the exchange says.
  await expect(page.getByTestId('account-total-wallet')).toHaveText(`${formatBalance(Number(status.totalWalletBalance))} USD`);
  const assets = page.getByTestId('account-assets');
  for (const asset of status.assets.filter((entry) => Number(entry.walletBalance) > 0)) {
    const row = assets.locator('tr', { hasText: asset.asset });
    await expect(row).toContainText(formatBalance(Number(asset.walletBalance)));
  }
  // Funding arrives with the mark stream, for the USDC-margined symbol too.
  for (const key of ['BTCUSDC:BOTH', 'ETHUSDT:BOTH']) await expect(page.locator(`[data-row-key="${key}"] [data-col="funding"]`)).toHaveText(/%/);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/account-multi-live.png` });
});
