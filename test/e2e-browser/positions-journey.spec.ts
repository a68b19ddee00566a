/**
 * The walking skeleton's journey in a real browser against the real engine and simulator: one-way
 * and hedge positions with mark and liquidation prices, the symbol dropdown, live marks.
 */
import { mkdirSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { formatPrice, formatQuantity } from '../../shared/format';
import type { AppUnderTest } from './app-fixture';
import { expect, test } from './app-fixture';

const screenshots = 'test-results/screenshots';

/** The simulator's open positions of an account, keyed like the table's rows. */
function openTruth(app: AppUnderTest, account: 'oneway' | 'hedge') {
  return app.simulator.truth(account).filter((row) => Number(row.positionAmt) !== 0);
}

async function symbolGrid(app: AppUnderTest) {
  const result = await app.desk.symbols();
  return new Map(result.map((info) => [info.symbol, info]));
}

function cell(row: Locator, column: string): Locator {
  return row.locator(`[data-col="${column}"]`);
}

test('one-way account: every open position with size, entry, mark and liquidation price', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  const truth = openTruth(app, 'oneway');
  expect(truth.length).toBeGreaterThanOrEqual(3);
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toContainText(/live/i);

  const grid = await symbolGrid(app);
  for (const position of truth) {
    const info = grid.get(position.symbol)!;
    const row = table.locator(`[data-row-key="${position.symbol}:BOTH"]`);
    await expect(cell(row, 'symbol')).toContainText(position.symbol);
    await expect(cell(row, 'side')).toContainText(Number(position.positionAmt) > 0 ? /long/i : /short/i);
    await expect(cell(row, 'size')).toHaveText(formatQuantity(position.positionAmt, info.stepSize));
    await expect(cell(row, 'entry')).toHaveText(formatPrice(position.entryPrice, info.tickSize));
    await expect(cell(row, 'leverage')).toContainText(position.leverage);
    await expect(cell(row, 'marginType')).toContainText(position.marginType === 'cross' ? /cross/i : /isolated/i);
    // Mark and liquidation prices are live figures: shown on the symbol's tick grid, never blank.
    await expect(cell(row, 'mark')).toHaveText(/^[\d,]+(\.\d+)?$/);
    if (position.liquidationPrice !== '0') await expect(cell(row, 'liquidation')).toHaveText(/^[\d,]+(\.\d+)?$/);
  }
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/oneway.png`, fullPage: true });
});

test('hedge account: LONG and SHORT legs of the same symbol, each with its figures', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('demo-account-hedge').click();
  const table = page.getByRole('table', { name: 'Positions' });
  const truth = openTruth(app, 'hedge');
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  const keys = truth.map((row) => `${row.symbol}:${row.positionSide}`);
  expect(keys.some((key) => key.endsWith(':LONG'))).toBe(true);
  expect(keys.some((key) => key.endsWith(':SHORT'))).toBe(true);
  const grid = await symbolGrid(app);
  for (const position of truth) {
    const row = table.locator(`[data-row-key="${position.symbol}:${position.positionSide}"]`);
    await expect(cell(row, 'side')).toContainText(position.positionSide);
    await expect(cell(row, 'size')).toHaveText(formatQuantity(position.positionAmt, grid.get(position.symbol)!.stepSize));
    await expect(cell(row, 'mark')).toHaveText(/^[\d,]+(\.\d+)?$/);
    await expect(cell(row, 'liquidation')).not.toBeEmpty();
  }
  expect(app.bridge.calls('setDemoAccount')).toEqual([['hedge']]);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/hedge.png`, fullPage: true });
});

test('choosing a symbol shows only its rows, and main received the choice', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  const truth = openTruth(app, 'oneway');
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  const chosen = truth[1]!.symbol;
  const chooser = page.getByRole('combobox', { name: 'Symbol' });
  await chooser.fill(chosen);
  await chooser.press('Enter');
  await expect(table.locator('[data-row-key]')).toHaveCount(1);
  await expect(table.locator(`[data-row-key="${chosen}:BOTH"]`)).toBeVisible();
  expect(app.bridge.calls('selectSymbol')).toEqual([[chosen]]);
  expect(app.desk.positionsView().selectedSymbol).toBe(chosen);
  await chooser.fill('All positions');
  await chooser.press('Enter');
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  expect(app.bridge.calls('selectSymbol')).toEqual([[chosen], [null]]);
});

test('a mark price on screen changes within 3 s', async ({ app }) => {
  const { page } = app;
  const first = page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first();
  const mark = cell(first, 'mark');
  await expect(mark).toHaveText(/\d/);
  const before = await mark.textContent();
  await expect.poll(() => mark.textContent(), { timeout: 3_000, intervals: [100] }).not.toBe(before);
});

test('every positions version is one push, acknowledged by the page before main sends the next', async ({ app }) => {
  const { page } = app;
  const mark = cell(page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first(), 'mark');
  await expect(mark).toHaveText(/\d/);
  const before = await mark.textContent();
  await expect.poll(() => mark.textContent(), { timeout: 3_000, intervals: [100] }).not.toBe(before);
  // Read the record in order: a push, its ack, the next push (the ack's answer is recorded as a result).
  const trail = app.bridge.records.filter(
    (record) => (record.direction === 'push' && record.channel === 'positions') || (record.direction === 'invoke' && record.channel === 'ackPositions'),
  );
  const pushed = trail.filter((record) => record.direction === 'push').map((record) => (record.payload as { version: number }).version);
  const acked = trail.filter((record) => record.direction === 'invoke').map((record) => (record.payload as number[])[0]!);
  expect(pushed.length).toBeGreaterThan(1);
  // Every version the page acknowledged is one main pushed, and main never had two deltas unacknowledged.
  expect(acked.every((version) => pushed.includes(version))).toBe(true);
  let unacknowledged = 0;
  for (const record of trail) {
    if (record.direction === 'invoke') unacknowledged = 0;
    else if ((record.payload as { kind: string }).kind === 'delta') expect(++unacknowledged).toBeLessThanOrEqual(1);
  }
});
