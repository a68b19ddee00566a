/**
 * Demo mode's Multi-Assets account in a real browser against the real engine and simulator: the
 * account switch offers it, the table shows its USDT- and USDC-margined positions, and the totals
 * bar shows one notional and one uPnL per currency — never one figure adding USDC to USDT.
 */
import { mkdirSync } from 'node:fs';
import { formatPnl, formatQuantity } from '../../shared/format';
import { amountText } from '../../renderer/components/figures';
import type { AppUnderTest } from './app-fixture';
import { expect, test } from './app-fixture';

/** The simulator's open positions of the Multi-Assets account. */
function openTruth(app: AppUnderTest) {
  return app.simulator.truth('multi').filter((row) => Number(row.positionAmt) !== 0);
}

/** What the totals bar should say per currency, from main's own summary at this moment. */
function expectedTotals(app: AppUnderTest): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const totals of app.desk.positionsView().summary.byAsset ?? []) {
    texts[`total-notional-${totals.asset}`] = `${amountText(totals.notional)} ${totals.asset}`;
    texts[`total-upnl-${totals.asset}`] = `${formatPnl(totals.unrealizedPnl)} ${totals.asset}`;
  }
  return texts;
}

test('Multi-Assets: the switch offers it; its positions, and one total per currency', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  const option = page.getByTestId('demo-account-multi');
  await expect(option).toHaveText('Multi-Assets');
  await expect(option).toHaveAttribute('aria-checked', 'false');
  await option.click();
  await expect(option).toHaveAttribute('aria-checked', 'true');

  // The account's positions replace the one-way ones: ETHUSDT (USDT) and BTCUSDC (USDC margin).
  const truth = openTruth(app);
  expect(new Set(truth.map((row) => row.symbol))).toEqual(new Set(['ETHUSDT', 'BTCUSDC']));
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  const grid = new Map((await app.desk.symbols()).map((info) => [info.symbol, info]));
  for (const position of truth) {
    const row = table.locator(`[data-row-key="${position.symbol}:BOTH"]`);
    await expect(row.locator('[data-col="size"]')).toHaveText(formatQuantity(position.positionAmt, grid.get(position.symbol)!.stepSize));
  }

  // One notional and one uPnL per margin asset, each naming its currency.
  const totals = page.getByTestId('totals-bar');
  await expect(page.getByTestId('total-positions')).toHaveText(String(truth.length));
  await expect(totals.locator('[data-testid^="total-upnl-"]')).toHaveCount(2);
  await expect(totals.locator('[data-testid^="total-notional-"]')).toHaveCount(2);
  await expect(page.getByTestId('total-upnl-USDC')).toHaveText(/ USDC$/);
  await expect(page.getByTestId('total-upnl-USDT')).toHaveText(/ USDT$/);
  // Each equals main's per-asset sum (marks move: both sides are read again until they agree).
  const shownTotals = async () => {
    const expected = expectedTotals(app);
    const problems: string[] = [];
    if (Object.keys(expected).length !== 4) problems.push(`main has ${Object.keys(expected).length / 2} assets`);
    for (const [testId, text] of Object.entries(expected)) {
      const shown = await page.getByTestId(testId).textContent();
      if (shown !== text) problems.push(`${testId}: expected ${text}, shown ${shown}`);
    }
    return problems;
  };
  await expect.poll(shownTotals, { timeout: 20_000, intervals: [100, 250] }).toEqual([]);
  // Main itself has no one-currency total for the two.
  expect(app.desk.positionsView().summary.unrealizedPnl).toBeNull();

  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/demo-multi-assets.png', fullPage: true });

  // And back: the one-way account, all USDT, one line.
  await page.getByTestId('demo-account-oneway').click();
  await expect(page.getByTestId('total-upnl-USDC')).toHaveCount(0);
  await expect(totals.locator('[data-testid^="total-upnl-"]')).toHaveCount(1);
});

test('the account switch: arrow keys move through all three accounts, wrapping around', async ({ app }) => {
  const { page } = app;
  const group = page.getByRole('radiogroup', { name: 'Demo account' });
  await expect(group.getByRole('radio')).toHaveText(['One-way', 'Hedge', 'Multi-Assets']);
  const oneway = page.getByTestId('demo-account-oneway');
  await expect(oneway).toHaveAttribute('aria-checked', 'true');
  await oneway.focus();
  // Left from the first wraps to the last: Multi-Assets.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('demo-account-multi')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('demo-account-multi')).toBeFocused();
  await expect(page.getByTestId('total-upnl-USDC')).toBeVisible();
  // Right from the last wraps to the first.
  await page.keyboard.press('ArrowRight');
  await expect(oneway).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('total-upnl-USDC')).toHaveCount(0);
  expect(app.desk.positionsView().rows.some((row) => row.symbol === 'BTCUSDC')).toBe(false);
});
