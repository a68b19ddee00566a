/**
 * The dashboard's controls by keyboard and mouse, against the scripted API: the Columns menu (and
 * its persistence across a reload), the symbol chooser, sorting, the alert threshold, the
 * connection timeline, CSV export, and the uPnL sparkline.
 */
import { mkdirSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { appState, expect, onewayRows, position, positionsView, SYMBOLS, test, type FakeDesk } from './dashboard-fake-api';

const screenshots = 'test-results/screenshots';

async function shoot(fake: FakeDesk, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await fake.page.screenshot({ path: `${screenshots}/${name}.png` });
}

const headerIds = (table: Locator) => table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-col')));
const rowKeys = (table: Locator) => table.locator('tbody [data-row-key]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));

test('Columns: hide and move by keyboard; main is told; the choice survives a reload', async ({ fake }) => {
  const script = { state: appState(positionsView(onewayRows())), symbols: SYMBOLS };
  await fake.open(script);
  const { page } = fake;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key]')).toHaveCount(4);
  expect(await headerIds(table)).toContain('breakEven');

  const button = page.getByRole('button', { name: 'Columns' });
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Columns' });
  await expect(menu).toBeVisible();
  await shoot(fake, 'columns-menu');

  await menu.getByRole('checkbox', { name: 'Break-even' }).focus();
  await page.keyboard.press('Space');
  await expect(table.locator('th[data-col="breakEven"]')).toHaveCount(0);
  await expect(table.locator('td[data-col="breakEven"]')).toHaveCount(0);
  await expect(menu.getByRole('checkbox', { name: 'Symbol' })).toBeDisabled();

  const moveLeft = menu.getByRole('button', { name: 'Move uPnL left' });
  await moveLeft.focus();
  for (let i = 0; i < 11; i += 1) await page.keyboard.press('Enter');
  await expect(moveLeft).toBeFocused();
  const expected = ['symbol', 'upnl', 'side', 'size', 'notional', 'entry', 'mark', 'liquidation', 'liqDistance', 'marginType', 'margin', 'marginRatio', 'roe', 'funding', 'estFunding', 'fundingToday', 'adl', 'age'];
  await expect.poll(() => headerIds(table)).toEqual(expected);
  // Every row follows the header.
  const cells = await table.locator('[data-row-key="BTCUSDT:BOTH"] > td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-col')));
  expect(cells).toEqual(expected);

  const sent = await fake.calls('setColumnPrefs');
  expect(sent).toHaveLength(12);
  expect(sent[sent.length - 1]).toEqual([{ order: expect.arrayContaining(expected) as unknown, hidden: ['breakEven'] }]);

  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.reload();
  await expect(table.locator('[data-row-key]')).toHaveCount(4);
  expect(await headerIds(table)).toEqual(expected);
});

test('symbol chooser: "/" focuses it, typing filters, arrows and Enter choose, Escape closes', async ({ fake }) => {
  await fake.open({ state: appState(positionsView(onewayRows())), symbols: SYMBOLS });
  const { page } = fake;
  const chooser = page.getByRole('combobox', { name: 'Symbol' });
  await expect(chooser).toHaveValue('All positions');
  await expect(page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]')).toHaveCount(4);

  await page.locator('body').press('/');
  await expect(chooser).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(chooser).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('listbox', { name: 'Symbol' });
  // All positions, then the open symbols with their sides, then every other symbol.
  await expect(list.getByRole('option').first()).toHaveAccessibleName('All positions');
  await expect(list.getByRole('group', { name: 'Open positions' }).getByRole('option')).toHaveCount(4);
  await expect(list.getByRole('option', { name: 'ETHUSDT, short, 1 position' })).toBeVisible();
  await expect(list.getByRole('group', { name: 'All symbols' }).getByRole('option')).toHaveCount(2);
  await shoot(fake, 'symbol-chooser');

  await page.keyboard.type('xrp');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(chooser).toHaveAttribute('aria-expanded', 'false');
  await expect(chooser).toHaveValue('XRPUSDT');
  await expect.poll(() => fake.calls('selectSymbol')).toEqual([['XRPUSDT']]);

  // Escape closes without choosing.
  await chooser.fill('do');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(chooser).toHaveAttribute('aria-expanded', 'false');
  await expect(chooser).toHaveValue('XRPUSDT');

  // Ctrl+K from anywhere, then arrows to a symbol without a position.
  await page.getByRole('table', { name: 'Positions' }).click();
  await page.keyboard.press('Control+k');
  await expect(chooser).toBeFocused();
  await chooser.fill('');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect.poll(() => fake.calls('selectSymbol')).toEqual([['XRPUSDT'], ['DOGEUSDT']]);
});

test('sorting: every column sorts both ways, "—" last either way', async ({ fake }) => {
  await fake.open({ state: appState(positionsView(onewayRows())), symbols: SYMBOLS });
  const { page } = fake;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key]')).toHaveCount(4);

  const header = (name: string) => table.getByRole('columnheader', { name, exact: true });
  await header('Liq. price').getByRole('button').click();
  await expect(header('Liq. price')).toHaveAttribute('aria-sort', 'descending');
  expect(await rowKeys(table)).toEqual(['BTCUSDT:BOTH', 'ETHUSDT:BOTH', 'XRPUSDT:BOTH', 'SOLUSDT:BOTH']);
  await header('Liq. price').getByRole('button').click();
  await expect(header('Liq. price')).toHaveAttribute('aria-sort', 'ascending');
  expect(await rowKeys(table)).toEqual(['XRPUSDT:BOTH', 'ETHUSDT:BOTH', 'BTCUSDT:BOTH', 'SOLUSDT:BOTH']);

  await header('Symbol').getByRole('button').click();
  await expect(header('Symbol')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header('Liq. price')).toHaveAttribute('aria-sort', 'none');
  expect(await rowKeys(table)).toEqual(['BTCUSDT:BOTH', 'ETHUSDT:BOTH', 'SOLUSDT:BOTH', 'XRPUSDT:BOTH']);

  // Every column can sort.
  for (const name of ['Side', 'Size', 'Notional', 'Entry', 'Break-even', 'Mark', 'Liq. distance', 'Margin mode', 'Margin', 'Margin ratio', 'uPnL', 'ROE %', 'Age']) {
    await header(name).getByRole('button').click();
    await expect(header(name)).not.toHaveAttribute('aria-sort', 'none');
  }
});

test('alert threshold: set in the Alerts popover, sent to main, colours the distance bars', async ({ fake }) => {
  await fake.open({ state: appState(positionsView(onewayRows())), symbols: SYMBOLS });
  const { page } = fake;
  const distance = page.locator('[data-row-key="BTCUSDT:BOTH"] [data-col="liqDistance"] .risk');
  await expect(distance).toHaveClass(/risk-low/);

  await page.getByRole('button', { name: /^Alerts/ }).click();
  const input = page.getByRole('spinbutton', { name: /alert threshold/i });
  await expect(input).toBeFocused();
  await input.fill('11');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Alert settings' })).toHaveCount(0);
  await expect.poll(() => fake.calls('setAlertThreshold')).toEqual([[11]]);
  await expect(page.getByRole('button', { name: /^Alerts/ })).toHaveText('Alerts 11%');
  // 10.26% is now inside the threshold.
  await expect(distance).toHaveClass(/risk-high/);
  await expect(page.locator('[data-row-key="BTCUSDT:BOTH"]')).toHaveClass(/\bdanger\b/);
});

test('connection timeline: opens from the status bar, follows log pushes, Escape closes', async ({ fake }) => {
  const now = Date.now();
  await fake.open({
    state: appState(positionsView(onewayRows())),
    symbols: SYMBOLS,
    timeline: [
      { at: now - 60_000, kind: 'connecting', message: 'Connecting to the demo exchange' },
      { at: now - 59_000, kind: 'connected', message: 'WebSocket API connected (12 ms)' },
      { at: now - 58_000, kind: 'listen-key', message: 'User data stream started' },
    ],
  });
  const { page } = fake;
  const button = page.getByRole('button', { name: 'Timeline' });
  await button.click();
  const panel = page.getByRole('dialog', { name: 'Connection timeline' });
  const entries = panel.getByRole('listitem');
  await expect(entries).toHaveCount(3);
  await expect(entries.first()).toContainText('User data stream started');

  await fake.push('log', { at: Date.now(), kind: 'reconnecting', message: 'Socket closed (1006); retrying in 1 s' });
  await expect(entries).toHaveCount(4);
  await expect(entries.first()).toContainText('retrying in 1 s');
  await shoot(fake, 'timeline');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('CSV export: main is asked, and the saved path is shown', async ({ fake }) => {
  await fake.open({ state: appState(positionsView(onewayRows())), symbols: SYMBOLS });
  const { page } = fake;
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByTestId('notice')).toContainText('/home/trader/perpdesk-positions.csv');
  expect(await fake.calls('exportCsv')).toEqual([[]]);
});

test('sparkline: each position draws its recent uPnL', async ({ fake }) => {
  const rows = onewayRows();
  let current = positionsView(rows);
  await fake.open({ state: appState(current), symbols: SYMBOLS });
  const { page } = fake;
  const line = page.locator('[data-row-key="BTCUSDT:BOTH"] [data-col="upnl"] polyline');
  // One sample and the live value.
  await expect(line).toHaveAttribute('points', /^\S+ \S+$/);
  for (const [i, mark] of ['103300.0', '102900.0'].entries()) {
    // Samples are at least a second apart.
    await page.waitForFunction((since) => Date.now() - since >= 1_000, Date.now(), { polling: 100 });
    const moved = position({ symbol: 'BTCUSDT', side: 'BOTH', amount: '0.250', entry: '101834.6', mark, liq: '92540.3', leverage: 10, marginType: 'isolated' });
    const next = positionsView([moved, ...rows.slice(1)], { version: i + 2 });
    await fake.pushView(current, next);
    current = next;
  }
  await expect(line).toHaveAttribute('points', /^\S+ \S+ \S+ \S+$/);
});
