/**
 * The dashboard's states, driven by a scripted API (dashboard-fake-api.ts): first run in demo,
 * loading, load error, no positions, a selected symbol without a position, hedge groups, a stale
 * link, a rejected key, alerts, and a large book. Each is checked for what the trader must see,
 * and saved as a screenshot in test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import {
  appState,
  connection,
  expect,
  hedgeRows,
  onewayRows,
  position,
  positionsView,
  proximityAlert,
  SYMBOLS,
  test,
  type FakeDesk,
} from './dashboard-fake-api';

const screenshots = 'test-results/screenshots';

async function shoot(fake: FakeDesk, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await fake.page.screenshot({ path: `${screenshots}/${name}.png` });
}

test('first run in demo: the table, the totals, and one sentence saying what demo mode is', async ({ fake }) => {
  await fake.open({ state: appState(positionsView(onewayRows())), symbols: SYMBOLS });
  const { page } = fake;
  await expect(page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]')).toHaveCount(4);
  await expect(page.getByTestId('demo-intro')).toContainText(/demo mode/i);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('total-positions')).toHaveText('4');
  await shoot(fake, 'first-run-demo');
});

test('loading: said while the first state is on its way', async ({ fake }) => {
  await fake.open({ state: appState(positionsView([])), symbols: SYMBOLS, holdState: true });
  await expect(fake.page.getByTestId('loading-state')).toContainText(/loading positions/i);
  await shoot(fake, 'loading');
});

test('load error: the reason and a Retry that asks again', async ({ fake }) => {
  await fake.open({
    state: appState(positionsView([])),
    symbols: SYMBOLS,
    stateError: { code: 'NOT_CONNECTED', message: 'The exchange did not answer within 10 s.' },
  });
  const error = fake.page.getByTestId('error-state');
  await expect(error).toContainText('The exchange did not answer within 10 s.');
  await shoot(fake, 'load-error');
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(async () => (await fake.calls('getState')).length).toBe(2);
});

test('no positions: says so with the account, never a blank table', async ({ fake }) => {
  await fake.open({ state: appState(positionsView([])), symbols: SYMBOLS });
  const empty = fake.page.getByTestId('empty-state');
  await expect(empty).toContainText('No open positions');
  await expect(empty).toContainText('Account: Demo');
  await expect(fake.page.getByTestId('total-positions')).toHaveText('0');
  await shoot(fake, 'empty');
});

test('a chosen symbol without a position shows its live mark', async ({ fake }) => {
  const view = positionsView([], {
    selectedSymbol: 'DOGEUSDT',
    selectedMark: { symbol: 'DOGEUSDT', markPrice: '0.38214591', markTime: Date.now() },
    openSymbols: ['BTCUSDT', 'ETHUSDT'],
  });
  await fake.open({ state: appState(view), symbols: SYMBOLS });
  const { page } = fake;
  await expect(page.getByTestId('empty-state')).toContainText('No open position in DOGEUSDT');
  await expect(page.getByTestId('empty-mark')).toContainText('0.38215');
  await expect(page.getByTestId('selected-mark')).toContainText('0.38215');
  await expect(page.getByRole('combobox', { name: 'Symbol' })).toHaveValue('DOGEUSDT');

  await fake.pushView(null, { ...view, version: 2, selectedMark: { ...view.selectedMark!, markPrice: '0.39' } });
  await expect(page.getByTestId('selected-mark')).toContainText('0.39000');
  await shoot(fake, 'symbol-without-position');
  await page.getByRole('button', { name: /show all 2 symbols/i }).click();
  await expect.poll(() => fake.calls('selectSymbol')).toEqual([[null]]);
});

test('hedge: both legs of a symbol under a net row with net size and uPnL; a single leg stays flat', async ({ fake }) => {
  const rows = hedgeRows();
  const view = positionsView(rows);
  await fake.open({ state: appState(view, { connection: connection({ demoAccount: 'hedge' }) }), symbols: SYMBOLS });
  const { page } = fake;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key]')).toHaveCount(5);
  await expect(table.locator('[data-net-key]')).toHaveCount(2);
  await expect(table.locator('[data-net-key="BNBUSDT"]')).toHaveCount(0);

  const order = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => tr.getAttribute('data-net-key') ?? tr.getAttribute('data-row-key')),
  );
  expect(order).toEqual(['BTCUSDT', 'BTCUSDT:LONG', 'BTCUSDT:SHORT', 'ETHUSDT', 'ETHUSDT:LONG', 'ETHUSDT:SHORT', 'BNBUSDT:LONG']);

  const btcNet = view.hedgeNets.find((net) => net.symbol === 'BTCUSDT')!;
  const net = table.locator('[data-net-key="BTCUSDT"]');
  await expect(net.locator('[data-col="side"]')).toHaveText('NET LONG');
  await expect(net.locator('[data-col="size"]')).toHaveText('0.070');
  const pnl = btcNet.netUnrealizedPnl;
  await expect(net.locator('[data-col="upnl"]')).toHaveText(`${pnl >= 0 ? '+' : '−'}${Math.abs(pnl).toFixed(2)}`);
  await expect(table.locator('[data-row-key="BTCUSDT:LONG"]')).toHaveClass(/\bleg\b/);
  await shoot(fake, 'hedge-groups');

  // The group folds by keyboard.
  const toggle = net.getByRole('button', { name: /hide the 2 BTCUSDT legs/i });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(table.locator('[data-row-key^="BTCUSDT:"]')).toHaveCount(0);
  await expect(net.getByRole('button', { name: /show the 2 BTCUSDT legs/i })).toHaveAttribute('aria-expanded', 'false');
});

test('stale: a link that is not live dims every row, which shows its age, and says so above the table', async ({ fake }) => {
  const old = Date.now() - 42_000;
  const view = positionsView(onewayRows(old), { snapshotAt: old });
  await fake.open({
    state: appState(view, {
      connection: connection({ state: 'reconnecting', lastMessageAt: old, message: 'Socket closed (1006); retrying in 4 s', latencyMs: null }),
    }),
    symbols: SYMBOLS,
  });
  const { page } = fake;
  const rows = page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]');
  await expect(rows).toHaveCount(4);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-stale', 'true');
    await expect(row.locator('[data-col="age"]')).toHaveText(/^4\d s$/);
  }
  await expect(page.getByTestId('stale-notice')).toContainText(/reconnecting.*4\d s ago/i);
  await expect(page.getByTestId('connection-state')).toHaveText(/reconnecting/i);
  await shoot(fake, 'stale');

  // Back live with fresh figures: nothing is dimmed.
  await fake.push('connection', connection());
  await fake.pushView(null, positionsView(onewayRows(), { version: 2 }));
  await expect(page.getByTestId('stale-notice')).toHaveCount(0);
  await expect(rows.first()).not.toHaveAttribute('data-stale', 'true');
});

test('a rejected key on mainnet: an actionable banner, a distinct environment badge', async ({ fake }) => {
  const old = Date.now() - 15_000;
  const auth = {
    id: 'auth-failed',
    kind: 'auth-failed' as const,
    severity: 'critical' as const,
    symbol: null,
    key: null,
    message: 'The exchange rejected the API key (-2015: Invalid API-key, IP, or permissions for action).',
    at: Date.now(),
  };
  await fake.open({
    state: appState(positionsView(onewayRows(old), { snapshotAt: old }), {
      connection: connection({
        state: 'auth-failed',
        environment: 'mainnet',
        profileName: 'Main account',
        demoAccount: null,
        lastMessageAt: old,
        clockOffsetMs: 1_450,
        message: 'Invalid API-key, IP, or permissions for action.',
      }),
      alerts: [auth],
    }),
    symbols: SYMBOLS,
  });
  const { page } = fake;
  const banner = page.getByTestId('alert-banner');
  await expect(banner).toContainText('API key rejected');
  await expect(banner).toContainText(/-2015/);
  await expect(page.getByTestId('env-badge')).toHaveText('MAINNET');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  await expect(page.getByTestId('demo-intro')).toHaveCount(0);
  await expect(page.getByTestId('profile-name')).toHaveText('Main account');
  // A clock more than a second off is drawn as a warning.
  await expect(page.getByTestId('clock-offset')).toHaveText('Clock +1,450 ms');
  await expect(page.getByTestId('clock-offset')).toHaveClass(/figure-warning/);
  await expect(page.getByTestId('latency')).not.toHaveClass(/figure-warning/);
  await shoot(fake, 'auth-failed');

  await banner.getByRole('button', { name: /dismiss/i }).click();
  // Main's alert is dismissed, but the link is still refused: the status banner stays.
  await expect(page.getByTestId('alert-banner')).toHaveCount(0);
  await expect(page.getByTestId('link-banner')).toContainText(/rejected the API key/);
});

test('an alert pushed for a position shows a banner and flashes its row', async ({ fake }) => {
  const rows = onewayRows();
  await fake.open({ state: appState(positionsView(rows)), symbols: SYMBOLS });
  const { page } = fake;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key]')).toHaveCount(4);

  const near = position({ symbol: 'ETHUSDT', side: 'BOTH', amount: '-3.500', entry: '3712.45', mark: '4021.10', liq: '4180.77', leverage: 20 });
  const moved = positionsView([rows[0]!, near, rows[2]!, rows[3]!], { version: 2 });
  await fake.pushView(positionsView(rows), moved);
  await fake.push('alerts', [proximityAlert(near)]);

  const banner = page.getByTestId('alert-banner');
  await expect(banner).toContainText('Near liquidation');
  const distance = `${near.derived.liquidationDistancePct!.toFixed(2)}%`;
  expect(distance).toBe('3.97%');
  await expect(banner).toContainText(`ETHUSDT short is ${distance} from its liquidation price.`);
  const row = table.locator('[data-row-key="ETHUSDT:BOTH"]');
  await expect(row).toHaveAttribute('data-flash', '1');
  await expect(row).toHaveClass(/\bdanger\b/);
  await expect(row.locator('[data-col="liqDistance"]')).toHaveText(distance);
  await expect(page.getByTestId('total-worst')).toHaveText(`${distance} · ETHUSDT`);
  await shoot(fake, 'alert');

  await banner.getByRole('button', { name: 'Show ETHUSDT' }).click();
  await expect.poll(() => fake.calls('selectSymbol')).toEqual([['ETHUSDT']]);
});

test('many positions, one changes: only that row re-renders', async ({ fake }) => {
  const old = Date.now() - 60_000; // already stale, so no row turns stale during the test
  const rows = Array.from({ length: 500 }, (_, i) =>
    position({ symbol: `S${String(i).padStart(3, '0')}USDT`, side: 'BOTH', amount: String(i + 1), entry: '10', mark: '11', liq: '5', leverage: 10, at: old }),
  );
  const before = positionsView(rows);
  await fake.open({ state: appState(before), symbols: SYMBOLS });
  const { page } = fake;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key="S000USDT:BOTH"]')).toBeVisible();
  // Virtualized: a screenful plus overscan is in the DOM, not 500 rows.
  expect(await table.locator('[data-row-key]').count()).toBeLessThan(60);
  await expect(page.getByTestId('total-positions')).toHaveText('500');
  await shoot(fake, 'large');

  const counts = () => page.evaluate(() => ({ ...window.__perpdeskRowRenders }));
  const start = await counts();
  const changed = position({ symbol: 'S003USDT', side: 'BOTH', amount: '4', entry: '10', mark: '12.5', liq: '5', leverage: 10 });
  const after = positionsView(rows.map((row) => (row.key === changed.key ? changed : row)), { version: 2 });
  await fake.pushView(before, after);
  await expect(table.locator('[data-row-key="S003USDT:BOTH"] [data-col="mark"]')).toHaveText('12.5');

  const end = await counts();
  const rendered = Object.keys(end).filter((key) => end[key] !== start[key]);
  expect(rendered).toEqual(['S003USDT:BOTH']);
  expect(end['S003USDT:BOTH']).toBe(start['S003USDT:BOTH']! + 1);
});

test('the profile UI opens from the demo introduction, from Ctrl+P, and from a rejected-key banner', async ({ fake }) => {
  await fake.open({ state: appState(positionsView(onewayRows())), symbols: SYMBOLS });
  const { page } = fake;
  await page.getByTestId('add-api-key').click();
  const dialog = page.getByTestId('profile-dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('table', { name: 'Positions' }).click();
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('profile-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('profile-menu')).toHaveCount(0);

  await fake.push('connection', connection({ state: 'auth-failed', environment: 'testnet', profileName: 'Testnet', demoAccount: null }));
  await expect(page.getByTestId('env-badge')).toHaveText('TESTNET');
  const banner = page.getByTestId('link-banner');
  await expect(banner).toContainText(/rejected the API key/);
  await banner.getByRole('button', { name: 'Edit profile' }).click();
  await expect(dialog).toBeVisible();
});
