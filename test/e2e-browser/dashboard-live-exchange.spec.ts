/**
 * What the live exchange makes the dashboard show (issue 11), with a scripted API: a liquidation
 * price awaiting its snapshot after a flip reads "updating…" (neither the stale price nor "—") with
 * no distance, and totals under Multi-Assets are one line per margin asset, never USDC in USDT.
 */
import { mkdirSync } from 'node:fs';
import { formatPnl } from '../../shared/format';
import type { PositionsSummary } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import { appState, expect, onewayRows, position, positionsView, SYMBOLS, test } from './dashboard-fake-api';

const USDC_SYMBOL: SymbolInfo = { ...SYMBOLS[1]!, symbol: 'ETHUSDC', quoteAsset: 'USDC', marginAsset: 'USDC' };

test('a flipped position shows its liquidation price as updating, and no distance, until the snapshot', async ({ fake }) => {
  const [btc, ...others] = onewayRows();
  // Flipped short on the stream: the held price (the long's) is stale, the engine flags it.
  const flipped = { ...btc!, positionAmt: '-0.250', liquidationPending: true, derived: { ...btc!.derived, liquidationDistancePct: null, liquidationDistance: null } };
  const view = positionsView([flipped, ...others]);
  await fake.open({ state: appState(view), symbols: SYMBOLS });
  const { page } = fake;
  const row = page.locator(`[data-row-key="${flipped.key}"]`);
  await expect(row.locator('[data-col="liquidation"]')).toHaveText('updating…');
  await expect(row.locator('[data-col="liqDistance"]')).toHaveText('updating…');
  // Other rows keep their prices.
  await expect(page.locator(`[data-row-key="${others[0]!.key}"] [data-col="liquidation"]`)).not.toHaveText('updating…');
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/liquidation-updating.png' });

  // The snapshot after the flip: the short's price, and its distance.
  // Main's rows always carry the flag (false once known), so the delta says it changed.
  const known = { ...position({ symbol: 'BTCUSDT', side: 'BOTH', amount: '-0.250', entry: '101834.6', mark: '103120.4', liq: '113000.0', leverage: 10, marginType: 'isolated' }), liquidationPending: false };
  await fake.pushView(view, { ...positionsView([known, ...others]), version: 2 });
  await expect(row.locator('[data-col="liquidation"]')).toHaveText('113,000.0');
  await expect(row.locator('[data-col="liqDistance"]')).toContainText('%');
});

test('Multi-Assets: one total per margin asset, each naming its currency', async ({ fake }) => {
  const usdt = onewayRows().slice(0, 2);
  const usdc = position({ symbol: 'ETHUSDC', side: 'BOTH', amount: '1.000', entry: '3600.00', mark: '3655.12', liq: '0', leverage: 10 });
  const rows = [...usdt, usdc];
  const byAsset = (asset: string, list: typeof rows) => ({
    asset,
    positions: list.length,
    unrealizedPnl: list.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0),
    notional: list.reduce((sum, row) => sum + Math.abs(row.derived.notional), 0),
  });
  const base = positionsView(rows).summary;
  const summary: PositionsSummary = { ...base, unrealizedPnl: null, notional: null, byAsset: [byAsset('USDC', [usdc]), byAsset('USDT', usdt)] };
  await fake.open({ state: appState(positionsView(rows, { summary })), symbols: [...SYMBOLS, USDC_SYMBOL] });
  const { page } = fake;
  await expect(page.getByTestId('total-positions')).toHaveText('3');
  await expect(page.getByTestId('total-upnl-USDC')).toHaveText(`${formatPnl(usdc.derived.unrealizedPnl)} USDC`);
  const usdtPnl = usdt.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0);
  await expect(page.getByTestId('total-upnl-USDT')).toHaveText(`${formatPnl(usdtPnl)} USDT`);
  await expect(page.getByTestId('total-notional-USDC')).toContainText('USDC');
  await expect(page.getByTestId('total-notional-USDT')).toContainText('USDT');
  // No total that adds the two currencies.
  await expect(page.locator('[data-testid^="total-upnl"]')).toHaveCount(2);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/multi-assets-totals.png' });
});
