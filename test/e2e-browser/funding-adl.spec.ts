/**
 * Funding and ADL in the positions table, against the scripted API: the rate, a countdown that
 * ticks (on Playwright's clock: no sleeps) and rolls over, the interval, the estimated payment with
 * who pays whom, funding today once per hedge symbol on its net row, and the ADL light. The
 * countdown ticks without re-rendering the rows.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { HedgeNet, PositionRow } from '../../shared/position';
import { singleAssetAccount, withFunding } from './account-fake-data';
import { appState, connection, expect, hedgeRows, onewayRows, positionsView, SYMBOLS, test } from './dashboard-fake-api';

const screenshots = 'test-results/screenshots';
const HOUR = 3_600_000;

function fundedOneway(start: number): PositionRow[] {
  const [btc, eth, sol, xrp] = onewayRows(start);
  return [
    withFunding(btc!, { rate: 0.0001, next: start + 2 * HOUR, intervalHours: 8, estimated: -2.578, adl: 1, today: -5.1562 }),
    withFunding(eth!, { rate: 0.0001, next: start + 2 * HOUR, intervalHours: 8, estimated: 1.2793, adl: 4, today: 3.8379 }),
    withFunding(sol!, { rate: -0.00025, next: start + 20_000, intervalHours: 4, estimated: 1.7193, adl: 0 }),
    withFunding(xrp!, { rate: 0.00005, next: start + 2 * HOUR, intervalHours: 8, estimated: 0.6096, adl: null }),
  ];
}

const cell = (page: Page, key: string, column: string) => page.locator(`[data-row-key="${key}"] [data-col="${column}"]`);

/** Seconds shown by a countdown "hh:mm:ss". */
async function secondsLeft(page: Page, key: string): Promise<number> {
  const text = (await cell(page, key, 'funding').getByTestId('funding-countdown').textContent()) ?? '';
  const [h, m, s] = text.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

test('funding rate, countdown and interval; estimated funding says who pays; the ADL light', async ({ fake }) => {
  const start = Date.now();
  const { page } = fake;
  await page.clock.install({ time: start });
  const rows = fundedOneway(start);
  await fake.open({
    state: appState(positionsView(rows, { account: singleAssetAccount(start) }), { connection: connection({ clockOffsetMs: 0 }) }),
    symbols: SYMBOLS,
  });
  // Wide enough for every column: a narrower window scrolls sideways.
  await page.setViewportSize({ width: 1920, height: 760 });
  await expect(page.locator('[data-row-key]')).toHaveCount(4);

  await expect(cell(page, 'BTCUSDT:BOTH', 'funding').locator('.funding-rate')).toHaveText('0.0100%');
  await expect(cell(page, 'BTCUSDT:BOTH', 'funding').locator('.funding-interval')).toHaveText('8h');
  await expect(cell(page, 'SOLUSDT:BOTH', 'funding').locator('.funding-rate')).toHaveText('−0.0250%');
  await expect(cell(page, 'SOLUSDT:BOTH', 'funding').locator('.funding-interval')).toHaveText('4h');
  await expect(cell(page, 'BTCUSDT:BOTH', 'funding').locator('.funding')).toHaveAttribute('title', /longs pay shorts/);
  await expect(cell(page, 'SOLUSDT:BOTH', 'funding').locator('.funding')).toHaveAttribute('title', /shorts pay longs/);

  await expect(cell(page, 'BTCUSDT:BOTH', 'estFunding')).toHaveText('−2.5780 USDT');
  await expect(cell(page, 'BTCUSDT:BOTH', 'estFunding').locator('span')).toHaveAttribute('title', /this position pays 2\.5780 USDT at the next funding/);
  await expect(cell(page, 'ETHUSDT:BOTH', 'estFunding')).toHaveText('+1.2793 USDT');
  await expect(cell(page, 'ETHUSDT:BOTH', 'estFunding').locator('span')).toHaveAttribute('title', /this position receives 1\.2793 USDT/);
  await expect(cell(page, 'ETHUSDT:BOTH', 'fundingToday')).toHaveText('+3.8379 USDT');
  await expect(cell(page, 'SOLUSDT:BOTH', 'fundingToday')).toHaveText('—');

  // ADL: quantile + 1 of five segments lit; unknown is "—".
  await expect(cell(page, 'ETHUSDT:BOTH', 'adl').locator('.adl-on')).toHaveCount(5);
  await expect(cell(page, 'ETHUSDT:BOTH', 'adl').getByRole('img')).toHaveAttribute('aria-label', /^ADL quantile 4: 5 of 5 lights/);
  await expect(cell(page, 'ETHUSDT:BOTH', 'adl').locator('.adl')).toHaveClass(/adl-high/);
  await expect(cell(page, 'BTCUSDT:BOTH', 'adl').locator('.adl-on')).toHaveCount(2);
  await expect(cell(page, 'SOLUSDT:BOTH', 'adl').locator('.adl-on')).toHaveCount(1);
  await expect(cell(page, 'SOLUSDT:BOTH', 'adl').locator('.adl-segment')).toHaveCount(5);
  await expect(cell(page, 'XRPUSDT:BOTH', 'adl')).toHaveText('—');

  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/funding-adl.png` });
});

test('the countdown ticks every second and rolls over past the funding time, without re-rendering the rows', async ({ fake }) => {
  const start = Date.now();
  const { page } = fake;
  await page.clock.install({ time: start });
  await fake.open({
    state: appState(positionsView(fundedOneway(start)), { connection: connection({ clockOffsetMs: 0 }) }),
    symbols: SYMBOLS,
  });
  await expect(page.locator('[data-row-key]')).toHaveCount(4);
  // Stop the page's clock at a known moment: from here time moves only when the test says so. By
  // then the rows have turned stale (10 s without data), their one clock-driven re-render.
  await page.clock.pauseAt(start + 12_000);
  await expect(page.locator('[data-row-key][data-stale="true"]')).toHaveCount(4);
  const before = await secondsLeft(page, 'BTCUSDT:BOTH');
  expect(before).toBeGreaterThan(2 * 3600 - 14);
  expect(before).toBeLessThanOrEqual(2 * 3600 - 11);
  const renders = await page.evaluate(() => ({ ...window.__perpdeskRowRenders }));

  await page.clock.runFor(5_000);
  await expect.poll(() => secondsLeft(page, 'BTCUSDT:BOTH')).toBe(before - 5);
  // SOL's funding (20 s after the start) has passed meanwhile: the next one, 4 h later, is shown.
  await page.clock.runFor(10_000);
  await expect.poll(() => secondsLeft(page, 'BTCUSDT:BOTH')).toBe(before - 15);
  const sol = await secondsLeft(page, 'SOLUSDT:BOTH');
  expect(sol).toBeGreaterThan(4 * 3600 - 10);
  expect(sol).toBeLessThan(4 * 3600);

  // Fifteen seconds of ticking re-rendered no row: only the countdown cells listen to the clock.
  expect(await page.evaluate(() => ({ ...window.__perpdeskRowRenders }))).toEqual(renders);
});

test('hedge: funding today once per symbol, on the net row; the legs point to it', async ({ fake }) => {
  const start = Date.now();
  const rows = hedgeRows().map((row) =>
    withFunding(row, { rate: 0.0001, next: start + HOUR, intervalHours: 8, estimated: row.symbol === 'BNBUSDT' ? -0.4133 : 0.1, adl: 2, today: row.symbol === 'BTCUSDT' ? -7.2514 : 1.02 }),
  );
  const view = positionsView(rows);
  const nets: HedgeNet[] = view.hedgeNets.map((net) => ({ ...net, fundingToday: net.symbol === 'BTCUSDT' ? -7.2514 : 1.02 }));
  await fake.open({ state: appState({ ...view, hedgeNets: nets }, { connection: connection({ demoAccount: 'hedge' }) }), symbols: SYMBOLS });
  const { page } = fake;
  await page.setViewportSize({ width: 1920, height: 760 });
  await expect(page.locator('[data-net-key="BTCUSDT"] [data-col="fundingToday"]')).toHaveText('−7.2514 USDT');
  await expect(page.locator('[data-net-key="BTCUSDT"] [data-col="fundingToday"] span')).toHaveAttribute('title', /this symbol paid 7\.2514 USDT/);
  await expect(cell(page, 'BTCUSDT:LONG', 'fundingToday')).toHaveText('↑ net');
  await expect(cell(page, 'BTCUSDT:SHORT', 'fundingToday')).toHaveText('↑ net');
  // A hedge symbol with one open leg has no net row: the leg shows its symbol's figure itself.
  await expect(cell(page, 'BNBUSDT:LONG', 'fundingToday')).toHaveText('+1.0200 USDT');
  await expect(page.getByText('−7.2514 USDT')).toHaveCount(1);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/funding-adl-hedge.png` });
});
