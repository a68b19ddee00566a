/**
 * The account panel, the account-based margin ratio of cross rows, the margin ratio alert and its
 * threshold, against the scripted API (dashboard-fake-api.ts) with realistic account figures
 * (account-fake-data.ts). Screenshots go to test-results/screenshots/ (docs/ holds the live ones: account-live.spec.ts).
 */
import { mkdirSync } from 'node:fs';
import type { Alert } from '../../shared/alerts';
import type { AccountView } from '../../shared/account';
import type { PositionsView } from '../../shared/position';
import { accountFigures, multiAssetsAccount, singleAssetAccount } from './account-fake-data';
import { appState, connection, expect, onewayRows, positionsView, SYMBOLS, test, type FakeDesk } from './dashboard-fake-api';

const screenshots = 'test-results/screenshots';

async function shoot(fake: FakeDesk, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await fake.page.screenshot({ path: `${screenshots}/${name}.png` });
}

function viewWith(account: AccountView | null): PositionsView {
  return positionsView(onewayRows(), { account });
}

test('the panel shows the cross and whole-account figures as main gives them, labelled, with their age', async ({ fake }) => {
  const now = Date.now();
  await fake.open({ state: appState(viewWith(singleAssetAccount(now))), symbols: SYMBOLS });
  const { page } = fake;
  const panel = page.getByRole('region', { name: 'Account', exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('account-mode')).toHaveText('Single-asset · USDT');

  const cross = panel.getByRole('region', { name: 'Cross margin', exact: true });
  await expect(cross.getByRole('heading')).toHaveText('Cross margin ratio');
  await expect(cross).toContainText('The figure cross positions are liquidated by');
  await expect(page.getByTestId('account-cross-ratio')).toHaveText('7.32%');
  await expect(page.getByTestId('account-cross-margin-balance')).toHaveText('25,731.29 USDT');
  await expect(page.getByTestId('account-cross-maint-margin')).toHaveText('1,883.12 USDT');
  await expect(page.getByTestId('account-cross-available')).toHaveText('18,126.74 USDT');
  await expect(page.getByTestId('account-cross-wallet')).toHaveText('25,412.87 USDT');
  await expect(page.getByTestId('account-cross-upnl')).toHaveText('+318.42 USDT');
  await expect(page.getByTestId('account-cross-initial-margin')).toHaveText('7,604.55 USDT');

  const total = panel.getByRole('region', { name: 'Whole account margin' });
  await expect(total.getByRole('heading')).toHaveText('Whole account margin ratio');
  await expect(page.getByTestId('account-total-ratio')).toHaveText('7.38%');
  await expect(page.getByTestId('account-total-maint-margin')).toHaveText('2,015.40 USDT');
  await expect(page.getByTestId('account-total-wallet')).toHaveText('27,012.87 USDT');

  // The bar is a meter a screen reader can read.
  const meter = page.getByRole('meter', { name: 'Cross margin ratio' });
  await expect(meter).toHaveAttribute('aria-valuetext', '7.32%, safe');
  await expect(page.getByTestId('account-age')).toHaveText(/^Updated \d+ s ago · read \d+ s ago$/);

  // The totals bar names each total's currency, after the number.
  await expect(page.getByTestId('total-upnl-USDT')).toHaveText(/^[+−][\d,]+\.\d\d USDT$/);
  await expect(page.getByTestId('totals-bar').locator('.total-label')).toHaveText(['Positions', 'Notional', 'uPnL', 'Closest to liquidation']);
  await expect(page.getByTestId('total-notional-USDT')).toHaveText(/^[\d,]+\.\d\d USDT$/);

  // Cross rows show the account's cross ratio, tagged; isolated rows their own.
  const ethRatio = page.locator('[data-row-key="ETHUSDT:BOTH"] [data-col="marginRatio"]');
  await expect(ethRatio).toHaveText('7.32%acct');
  await expect(ethRatio.locator('.acct-ratio')).toHaveAttribute('title', /account’s cross margin ratio/);
  const btcRatio = page.locator('[data-row-key="BTCUSDT:BOTH"] [data-col="marginRatio"]');
  await expect(btcRatio).toHaveText(/^\d+\.\d\d%$/);
  await shoot(fake, 'account-panel');

  // The link drops: the figures stay, dimmed as the last known.
  await expect(panel).not.toHaveAttribute('data-stale', 'true');
  await fake.push('connection', connection({ state: 'reconnecting', message: 'Reconnecting in 2 s' }));
  await expect(panel).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('account-cross-ratio')).toHaveText('7.32%');
});

test('before the first account read: "—" and the reason', async ({ fake }) => {
  await fake.open({ state: appState(viewWith(null)), symbols: SYMBOLS });
  const panel = fake.page.getByRole('region', { name: 'Account', exact: true });
  await expect(panel.getByTestId('account-waiting')).toHaveText('Waiting for the first account read from the exchange');
  await expect(panel.locator('dd')).toHaveText(['—', '—', '—', '—', '—', '—', '—']);
  await expect(fake.page.locator('[data-row-key="ETHUSDT:BOTH"] [data-col="marginRatio"]')).toHaveText('—');
});

test('the bar and the ratio take the colour of the risk: safe, warning from the threshold, danger near 100 %', async ({ fake }) => {
  const now = Date.now();
  const first = viewWith(singleAssetAccount(now, { marginRatioPct: 42.1 }));
  await fake.open({ state: appState(first), symbols: SYMBOLS });
  const { page } = fake;
  const bar = page.getByTestId('account-cross-bar');
  const block = page.getByTestId('account-cross');
  await expect(bar).toHaveClass(/\bmargin-bar-safe\b/);
  await expect(block).toHaveClass(/\bmargin-risk-safe\b/);

  // The default threshold is 80 %: 83.5 % is a warning.
  const warning = { ...viewWith(singleAssetAccount(now, { marginRatioPct: 83.5 })), version: 2 };
  await fake.pushView(first, warning);
  await expect(bar).toHaveClass(/\bmargin-bar-warning\b/);
  await expect(page.getByTestId('account-cross-ratio')).toHaveText('83.50%');
  await expect(page.locator('[data-row-key="ETHUSDT:BOTH"] [data-col="marginRatio"] .acct-ratio')).toHaveAttribute('data-risk', 'warning');
  await shoot(fake, 'account-panel-warning');

  const danger = { ...viewWith(singleAssetAccount(now, { marginRatioPct: 96.2, availableBalance: 0 })), version: 3 };
  await fake.pushView(warning, danger);
  await expect(bar).toHaveClass(/\bmargin-bar-danger\b/);
  await expect(block).toHaveClass(/\bmargin-risk-danger\b/);
  await expect(bar).toHaveAttribute('aria-valuetext', '96.20%, close to liquidation');

  // The margin balance gone: main caps the ratio.
  const capped = {
    ...viewWith(singleAssetAccount(now, { marginRatioPct: 1_000, marginBalance: -112.4, availableBalance: -112.4 })),
    version: 4,
  };
  await fake.pushView(danger, capped);
  await expect(page.getByTestId('account-cross-ratio')).toHaveText('≥1,000%');
  await expect(page.getByTestId('account-cross-margin-balance')).toHaveText('−112.40 USDT');
  await expect(bar).toHaveClass(/\bmargin-bar-danger\b/);
});

test('an account-margin-ratio alert shows its banner', async ({ fake }) => {
  const now = Date.now();
  await fake.open({ state: appState(viewWith(singleAssetAccount(now, { marginRatioPct: 81.4 }))), symbols: SYMBOLS });
  const { page } = fake;
  const alert: Alert = {
    id: 'account-margin-ratio',
    kind: 'account-margin-ratio',
    severity: 'critical',
    symbol: null,
    key: null,
    message: 'The account’s cross margin ratio is 81.40%, over your 80% alert; the exchange liquidates cross positions at 100%.',
    at: now,
  };
  await fake.push('alerts', [alert]);
  const banner = page.locator('[data-alert-kind="account-margin-ratio"]');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner.locator('.banner-title')).toHaveText('Account margin ratio high');
  await expect(banner).toContainText('81.40%');
  await shoot(fake, 'account-margin-ratio-alert');
  await banner.getByRole('button', { name: 'Dismiss: Account margin ratio high' }).click();
  await expect(banner).toHaveCount(0);
});

test('the margin ratio threshold: refused out of range with a clear error, saved through main, kept after a reload', async ({ fake }) => {
  const now = Date.now();
  await fake.open({ state: appState(viewWith(singleAssetAccount(now, { marginRatioPct: 75 }))), symbols: SYMBOLS });
  const { page } = fake;
  const bar = page.getByTestId('account-cross-bar');
  await expect(bar).toHaveClass(/\bmargin-bar-safe\b/);

  await page.getByRole('button', { name: /^Alerts/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Alert settings' });
  const input = dialog.getByRole('spinbutton', { name: /margin ratio alert/i });
  await expect(input).toHaveValue('80');
  await input.fill('120');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByTestId('margin-ratio-alert-error')).toHaveText('The margin ratio alert must be from 10% to 99%.');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  expect(await fake.calls('setMarginRatioAlert')).toEqual([]);

  await input.fill('70');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => fake.calls('setMarginRatioAlert')).toEqual([[70]]);
  // The liquidation threshold did not change, so it was not sent.
  expect(await fake.calls('setAlertThreshold')).toEqual([]);
  // 75 % is now over the threshold.
  await expect(bar).toHaveClass(/\bmargin-bar-warning\b/);
  await shoot(fake, 'alert-settings-margin-ratio');

  await page.reload();
  await expect(page.getByTestId('account-cross-bar')).toHaveClass(/\bmargin-bar-warning\b/);
  await page.getByRole('button', { name: /^Alerts/ }).click();
  await expect(page.getByRole('dialog', { name: 'Alert settings' }).getByRole('spinbutton', { name: /margin ratio alert/i })).toHaveValue('70');
});

test('Multi-Assets: USD totals, and each asset in its own currency', async ({ fake }) => {
  const now = Date.now();
  const state = appState(viewWith(multiAssetsAccount(now)), { connection: connection({ demoAccount: 'multi' }) });
  await fake.open({ state, symbols: SYMBOLS });
  const { page } = fake;
  await expect(page.getByTestId('account-mode')).toHaveText('Multi-Assets · totals in USD, balances per asset below');
  await expect(page.getByTestId('account-total-wallet')).toHaveText('30,402.11 USD');
  await expect(page.getByTestId('account-cross-ratio')).toHaveText('5.12%');
  const assets = page.getByRole('table', { name: 'Balances per asset' });
  await expect(assets.getByRole('row')).toHaveCount(3);
  await expect(assets.locator('[data-asset="USDT"] td')).toHaveText(['20,401.50', '+301.20', '20,702.70', '1,883.12', '7,604.55', '18,126.74', '6.10%']);
  await expect(assets.locator('[data-asset="USDC"] td')).toHaveText(['10,000.61', '−47.41', '9,953.20', '120.04', '980.00', '8,973.20', '1.21%']);
  await shoot(fake, 'account-panel-multi-assets');
});

// Keeps the fixture's figures honest: a ratio is what main would compute from them.
test('the fixture figures are consistent (maintenance ÷ margin balance)', () => {
  const figures = accountFigures('USDT');
  expect(Math.abs((figures.maintMargin / figures.marginBalance) * 100 - figures.marginRatioPct!)).toBeLessThan(0.01);
});
