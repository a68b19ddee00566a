/**
 * The renderer survives what it is given (issue 12): a value one panel cannot render blanks that
 * panel only, says so, and comes back on "Try again"; a large number is shown, not thrown. Against
 * the scripted API (dashboard-fake-api.ts), which fails a test on any page error it did not expect.
 */
import { mkdirSync } from 'node:fs';
import type { PositionRow, PositionsView } from '../../shared/position';
import { appState, expect, onewayRows, positionsView, SYMBOLS, test, type FakeDesk } from './dashboard-fake-api';

/** The console errors a caught render failure logs (React's report and ours), taken off the fixture's list. */
function takeRenderFailures(fake: FakeDesk): string[] {
  const taken = fake.errors.splice(0);
  expect(taken.filter((line) => !line.startsWith('console: ')), 'no uncaught page errors').toEqual([]);
  return taken;
}

test('a position the table cannot render blanks the positions panel only, and "Try again" brings it back', async ({ fake }) => {
  const good = positionsView(onewayRows());
  await fake.open({ state: appState(good), symbols: SYMBOLS });
  const { page } = fake;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key]')).toHaveCount(4);

  // An entry price that is not a decimal string (a broken main, a bug): the grid cannot format it.
  const [first, ...rest] = good.rows;
  const broken: PositionRow = { ...first!, entryPrice: 101834.6 as unknown as string };
  const bad: PositionsView = { ...good, version: good.version + 1, rows: [broken, ...rest] };
  await fake.pushView(good, bad);

  const failed = page.getByTestId('panel-failed');
  await expect(failed).toHaveCount(1);
  await expect(failed).toHaveAttribute('data-panel', 'Positions');
  await expect(failed).toContainText('Positions could not be shown');
  await expect(failed).toContainText('The rest of PerpDesk keeps working');
  expect(takeRenderFailures(fake).some((line) => line.includes('The Positions panel failed to render'))).toBe(true);
  // React catches it, so no window 'error' fires: the boundary itself reports it towards main's log.
  const reports = (await fake.calls('reportRendererError')).map(([report]) => report);
  expect(reports).toContainEqual(expect.objectContaining({ kind: 'boundary', source: 'Positions panel', message: expect.stringMatching(/\S/) }));
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/panel-failed.png' });

  // Everything else still works: the status bar, the totals, the toolbar's menus.
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await expect(page.getByTestId('total-positions')).toHaveText('4');
  await page.getByTestId('columns-button').click();
  await expect(page.getByRole('dialog', { name: 'Columns' })).toBeVisible();
  await page.keyboard.press('Escape');

  // While the bad value is still there, trying again fails again (and says so again).
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(failed).toHaveCount(1);
  takeRenderFailures(fake);

  // Main sends a good view; "Try again" shows the table.
  const fixed: PositionsView = { ...good, version: bad.version + 1 };
  await fake.pushView(bad, fixed);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('panel-failed')).toHaveCount(0);
  await expect(table.locator('[data-row-key]')).toHaveCount(4);
});

test('huge figures are shown whole instead of blanking the window', async ({ fake }) => {
  const view = positionsView(onewayRows());
  const [first, ...rest] = view.rows;
  // 1e21 USDT of notional: formatAmount(1e21) used to throw "not a decimal: 1e+21".
  const huge: PositionRow = { ...first!, derived: { ...first!.derived, notional: 1e21, unrealizedPnl: -2.5e22 } };
  await fake.open({ state: appState({ ...view, rows: [huge, ...rest] }), symbols: SYMBOLS });
  const row = fake.page.locator(`[data-row-key="${huge.key}"]`);
  await expect(row).toContainText('1,000,000,000,000,000,000,000.00');
  await expect(row).toContainText('−25,000,000,000,000,000,000,000.00');
  await expect(fake.page.getByTestId('panel-failed')).toHaveCount(0);
});
