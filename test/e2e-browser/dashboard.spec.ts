/**
 * The dashboard against the real engine and simulator (app-fixture.ts): every column equals the
 * simulator's truth on the symbol's grid, hedge groups and their net rows, sorting, choices that
 * survive a reload, a liquidation alert raised by a mark move, a dead link, and a render count.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { decimalsOfStep, formatAmount, formatPercent, formatPnl, formatPrice, formatQuantity } from '../../shared/format';
import type { PositionsPush } from '../../shared/positions-push';
import type { SymbolInfo } from '../../shared/symbols';
import type { AppUnderTest } from './app-fixture';
import { expect, test } from './app-fixture';

const screenshots = 'test-results/screenshots';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/${name}.png` });
}

type Account = 'oneway' | 'hedge';

/** The simulator's open positions of an account, as v1 rows at the current mark. */
function openTruth(app: AppUnderTest, account: Account) {
  return app.simulator.truth(account).filter((row) => Number(row.positionAmt) !== 0);
}
type TruthRow = ReturnType<typeof openTruth>[number];

async function symbolGrid(app: AppUnderTest): Promise<Map<string, SymbolInfo>> {
  const list = await app.desk.symbols();
  return new Map(list.map((info) => [info.symbol, info]));
}

const percent = (value: number) => `${value < 0 ? '−' : ''}${formatAmount(value, 2)}%`;

const parse = (text: string | undefined) => Number((text ?? '').replace(/,/g, '').replace('−', '-'));

/**
 * What each column must show for a truth row, as text (a RegExp, or a check against what is shown,
 * where the truth cannot say it exactly).
 *
 * A cross position's liquidation price depends on every other position's mark, so the exchange's
 * value moves with each tick while the engine shows the one from its last snapshot: it is checked
 * to within 1 %, and its distance against the price shown. Hedge legs under cross margin share one
 * price for the symbol and show the unsigned distance (derive.ts).
 */
function expectedCells(
  row: TruthRow,
  info: SymbolInfo,
  shown: Record<string, string>,
): Record<string, string | RegExp | ((text: string | undefined) => boolean)> {
  const amount = Number(row.positionAmt);
  const mark = Number(row.markPrice);
  const upnl = Number(row.unRealizedProfit);
  const notional = Math.abs(Number(row.notional));
  const leverage = Number(row.leverage);
  const isolated = row.marginType === 'isolated';
  const direction = amount > 0 ? 'LONG' : 'SHORT';
  const truthLiq = Number(row.liquidationPrice);
  const liq = isolated || truthLiq === 0 ? truthLiq : parse(shown.liquidation);
  const distance = row.positionSide !== 'BOTH' && !isolated ? Math.abs(mark - liq) : Math.sign(amount) * (mark - liq);
  return {
    symbol: row.symbol,
    side: row.positionSide === 'BOTH' ? `${direction}BOTH` : row.positionSide,
    size: formatQuantity(row.positionAmt, info.stepSize),
    notional: formatAmount(notional, 2),
    entry: formatPrice(row.entryPrice, info.tickSize),
    breakEven: formatPrice(row.breakEvenPrice, info.tickSize),
    mark: formatPrice(row.markPrice, info.tickSize),
    liquidation:
      isolated || truthLiq === 0
        ? formatPrice(row.liquidationPrice, info.tickSize)
        : (text) => Math.abs(parse(text) - truthLiq) / truthLiq < 0.01,
    liqDistance: truthLiq === 0 ? '—' : percent((distance / mark) * 100),
    marginType: `${isolated ? 'Isolated' : 'Cross'} ${row.leverage}×`,
    margin: formatAmount(isolated ? Number(row.isolatedWallet) + upnl : notional / leverage, 2),
    // Isolated: the position's own, once main knows the symbol's maintenance brackets. Cross: the
    // account's cross ratio, tagged "acct" ("—" until main has read the account).
    marginRatio: isolated ? /^(\d[\d,]*\.\d\d%|—)$/ : /^(—|(\d[\d,]*\.\d\d%|≥1,000%)acct)$/,
    upnl: formatPnl(upnl),
    roe: formatPercent((upnl / (notional / leverage)) * 100),
    age: /^\d+ s$/,
  };
}

async function cellTexts(row: Locator): Promise<Record<string, string>> {
  return row.locator(':scope > td').evaluateAll((tds) =>
    Object.fromEntries(tds.map((td) => [td.getAttribute('data-col') ?? '', td.textContent ?? ''])),
  );
}

/** Differences between the table and the truth, read as close together as possible (marks tick every second). */
async function mismatches(app: AppUnderTest, account: Account, grid: Map<string, SymbolInfo>): Promise<string[]> {
  const table = app.page.getByRole('table', { name: 'Positions' });
  const problems: string[] = [];
  const truth = openTruth(app, account);
  for (const row of truth) {
    const key = `${row.symbol}:${row.positionSide}`;
    const shown = await cellTexts(table.locator(`[data-row-key="${key}"]`));
    for (const [column, expected] of Object.entries(expectedCells(row, grid.get(row.symbol)!, shown))) {
      const actual = shown[column];
      const good =
        typeof expected === 'string'
          ? actual === expected
          : typeof expected === 'function'
            ? expected(actual)
            : actual !== undefined && expected.test(actual);
      if (!good) problems.push(`${key} ${column}: expected ${String(expected)}, shown ${String(actual)}`);
    }
  }
  return problems;
}

test('one-way: every column shows the simulator’s truth on the symbol’s grid', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  const truth = openTruth(app, 'oneway');
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  const headers = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-col')));
  expect(headers).toEqual(['symbol', 'side', 'size', 'notional', 'entry', 'breakEven', 'mark', 'liquidation', 'liqDistance', 'marginType', 'margin', 'marginRatio', 'upnl', 'roe', 'funding', 'estFunding', 'fundingToday', 'adl', 'age']);
  const grid = await symbolGrid(app);
  // Both sides are read at nearly the same moment; a mark tick in between just means one more poll.
  await expect.poll(() => mismatches(app, 'oneway', grid), { timeout: 20_000, intervals: [100, 250] }).toEqual([]);

  // The totals bar sums what the table shows.
  await expect(page.getByTestId('total-positions')).toHaveText(String(truth.length));
  await expect(page.getByTestId('demo-intro')).toBeVisible();
  await shoot(page, 'dashboard-oneway');
});

test('hedge: legs under a net row whose size and uPnL are the legs’ sums', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('demo-account-hedge').click();
  const table = page.getByRole('table', { name: 'Positions' });
  const truth = openTruth(app, 'hedge');
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  const grid = await symbolGrid(app);
  await expect.poll(() => mismatches(app, 'hedge', grid), { timeout: 20_000, intervals: [100, 250] }).toEqual([]);

  const symbols = truth.map((row) => row.symbol);
  const hedged = [...new Set(symbols)].filter((symbol) => symbols.filter((s) => s === symbol).length === 2);
  expect(hedged.length).toBeGreaterThanOrEqual(2);
  await expect(table.locator('[data-net-key]')).toHaveCount(hedged.length);

  const netMismatches = async () => {
    const problems: string[] = [];
    const now = openTruth(app, 'hedge');
    for (const symbol of hedged) {
      const legs = now.filter((row) => row.symbol === symbol);
      const info = grid.get(symbol)!;
      const amount = legs.reduce((sum, row) => sum + Number(row.positionAmt), 0);
      const upnl = legs.reduce((sum, row) => sum + Number(row.unRealizedProfit), 0);
      const shown = await cellTexts(table.locator(`[data-net-key="${symbol}"]`));
      const expected = {
        symbol,
        side: amount > 0 ? 'NET LONG' : amount < 0 ? 'NET SHORT' : 'FLAT',
        size: formatAmount(amount, decimalsOfStep(info.stepSize)),
        upnl: formatPnl(upnl),
      };
      for (const [column, text] of Object.entries(expected)) {
        if (!shown[column]?.includes(text)) problems.push(`${symbol} net ${column}: expected ${text}, shown ${shown[column]}`);
      }
    }
    return problems;
  };
  await expect.poll(netMismatches, { timeout: 20_000, intervals: [100, 250] }).toEqual([]);

  // Each net row sits right above its legs.
  const order = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => tr.getAttribute('data-net-key') ?? tr.getAttribute('data-row-key')),
  );
  for (const symbol of hedged) {
    const at = order.indexOf(symbol);
    expect(order.slice(at + 1, at + 3).sort()).toEqual([`${symbol}:LONG`, `${symbol}:SHORT`]);
  }
  await shoot(page, 'dashboard-hedge');
});

test('sorting: by size, largest first then smallest first; by symbol', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  const truth = openTruth(app, 'oneway');
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);
  const keys = () => table.locator('tbody [data-row-key]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
  const bySize = [...truth].sort((a, b) => Math.abs(Number(b.positionAmt)) - Math.abs(Number(a.positionAmt))).map((row) => `${row.symbol}:BOTH`);

  const size = table.getByRole('columnheader', { name: 'Size', exact: true });
  await size.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'descending');
  expect(await keys()).toEqual(bySize);
  await size.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'ascending');
  expect(await keys()).toEqual([...bySize].reverse());

  await table.getByRole('columnheader', { name: 'Symbol', exact: true }).getByRole('button').click();
  expect(await keys()).toEqual(truth.map((row) => `${row.symbol}:BOTH`).sort());
});

test('the column choice and the chosen symbol survive a reload (main persists them)', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  const truth = openTruth(app, 'oneway');
  await expect(table.locator('[data-row-key]')).toHaveCount(truth.length);

  await page.getByRole('button', { name: 'Columns' }).click();
  const menu = page.getByRole('dialog', { name: 'Columns' });
  await menu.getByRole('checkbox', { name: 'Break-even' }).uncheck();
  await menu.getByRole('button', { name: 'Move Mark left' }).click();
  await menu.getByRole('button', { name: 'Move Mark left' }).click();
  await page.keyboard.press('Escape');
  const headers = () => table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-col')));
  const expected = ['symbol', 'side', 'size', 'notional', 'mark', 'entry', 'liquidation', 'liqDistance', 'marginType', 'margin', 'marginRatio', 'upnl', 'roe', 'funding', 'estFunding', 'fundingToday', 'adl', 'age'];
  await expect.poll(headers).toEqual(expected);

  const chosen = truth[1]!.symbol;
  const chooser = page.getByRole('combobox', { name: 'Symbol' });
  await chooser.fill(chosen);
  await chooser.press('Enter');
  await expect(table.locator('[data-row-key]')).toHaveCount(1);

  await expect.poll(async () => (await app.desk.handlers.getState()).settings).toMatchObject({
    selectedSymbol: chosen,
    columns: { hidden: ['breakEven'] },
  });

  await page.reload();
  await expect(table.locator('[data-row-key]')).toHaveCount(1);
  await expect(table.locator(`[data-row-key="${chosen}:BOTH"]`)).toBeVisible();
  await expect(chooser).toHaveValue(chosen);
  expect(await headers()).toEqual(expected);
});

test('a mark within the alert threshold raises the banner and flashes the row; moving away clears it', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key]')).toHaveCount(openTruth(app, 'oneway').length);
  // The long isolated BTC position: its liquidation price does not move with the mark.
  const btc = openTruth(app, 'oneway').find((row) => row.symbol === 'BTCUSDT')!;
  expect(Number(btc.positionAmt)).toBeGreaterThan(0);
  const liq = Number(btc.liquidationPrice);
  expect(liq).toBeGreaterThan(0);

  app.simulator.setMark('BTCUSDT', (liq * 1.03).toFixed(1));
  const banner = page.getByTestId('alert-banner').filter({ hasText: 'BTCUSDT' });
  await expect(banner).toContainText('Near liquidation');
  await expect(banner).toContainText(/BTCUSDT long is \d\.\d\d% from its liquidation price/);
  const row = table.locator('[data-row-key="BTCUSDT:BOTH"]');
  await expect(row).toHaveAttribute('data-flash', /\d+/);
  await expect(row).toHaveClass(/\bdanger\b/);
  await expect(page.getByTestId('total-worst')).toContainText('BTCUSDT');
  await shoot(page, 'dashboard-alert');

  app.simulator.setMark('BTCUSDT', (liq * 1.5).toFixed(1));
  await expect(banner).toHaveCount(0);
  await expect(row).not.toHaveClass(/\bdanger\b/);
});

test('a link that goes down: rows dim and show their age, the status bar says why', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  await expect(table.locator('[data-row-key]')).toHaveCount(openTruth(app, 'oneway').length);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');

  // Every connection drops, and the exchange refuses to take the client back (an IP ban).
  app.simulator.control.rateLimit({ status: 418, retryAfterMs: 120_000 });
  app.simulator.control.dropConnections({ mode: 'abrupt' });
  await expect(page.getByTestId('connection-state')).not.toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  const rows = table.locator('[data-row-key]');
  await expect(rows.first()).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('stale-notice')).toBeVisible();
  // The ages keep counting while nothing arrives.
  const age = rows.first().locator('[data-col="age"]');
  const before = Number((await age.textContent())?.replace(/\D/g, ''));
  await expect.poll(async () => Number((await age.textContent())?.replace(/\D/g, '')), { timeout: 5_000 }).toBeGreaterThan(before);
  await shoot(page, 'dashboard-disconnected');

  app.simulator.control.resetRateLimits();
});

test('an empty symbol shows its live mark; the first run explains demo mode', async ({ app }) => {
  const { page } = app;
  const open = new Set(openTruth(app, 'oneway').map((row) => row.symbol));
  const list = await app.desk.symbols();
  const flat = list.find((info) => !open.has(info.symbol))!;
  await expect(page.getByTestId('demo-intro')).toContainText(/demo mode/i);

  const chooser = page.getByRole('combobox', { name: 'Symbol' });
  await chooser.fill(flat.symbol);
  await chooser.press('Enter');
  await expect(page.getByTestId('empty-state')).toContainText(`No open position in ${flat.symbol}`);
  await expect(page.getByTestId('empty-mark')).toHaveText(/mark [\d,]+(\.\d+)?$/);
  await expect(page.getByTestId('selected-mark')).toHaveText(/Mark [\d,]+(\.\d+)?$/);
  await shoot(page, 'dashboard-empty-symbol');
});

test('render count: with marks held still, an account update re-renders the rows it changed and no other', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Positions' });
  const keys = openTruth(app, 'oneway').map((row) => `${row.symbol}:${row.positionSide}`);
  await expect(table.locator('[data-row-key]')).toHaveCount(keys.length);
  const counts = () => page.evaluate(() => ({ ...window.__perpdeskRowRenders }));

  // Main's periodic snapshot refresh re-sends every row; an attempt that overlaps one proves
  // nothing, so it is made again (at most three times).
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    // Hold the mark stream still: rows then change only through account updates.
    app.simulator.control.stall({ kind: 'market', durationMs: 8_000 });
    // Wait until no row renders for a while (pushes already in flight have landed).
    let settled = await counts();
    await expect
      .poll(
        async () => {
          const now = await counts();
          const still = JSON.stringify(now) === JSON.stringify(settled);
          settled = now;
          return still;
        },
        { timeout: 6_000, intervals: [400] },
      )
      .toBe(true);
    const recordedBefore = app.bridge.records.length;

    const target = openTruth(app, 'oneway').find((row) => row.symbol === 'SOLUSDT')!;
    app.simulator.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: Number(target.positionAmt) > 0 ? 'BUY' : 'SELL', qty: '1' });
    const grown = formatQuantity(String(Math.abs(Number(target.positionAmt)) + 1), '1');
    await expect(table.locator('[data-row-key="SOLUSDT:BOTH"] [data-col="size"]')).toHaveText(grown);

    // Counts first, then what main sent: every render counted was caused by a push already recorded.
    const after = await counts();
    const pushes = app.bridge.records
      .slice(recordedBefore)
      .filter((record) => record.direction === 'push' && record.channel === 'positions')
      .map((record) => record.payload as PositionsPush);
    const changed = new Set(
      pushes.flatMap((push) =>
        push.kind === 'delta'
          ? [...(push.rows?.added ?? []), ...(push.rows?.patched ?? [])].map((row) => row.key)
          : (push.rows ?? []).map((row) => row.key),
      ),
    );
    if (keys.every((key) => changed.has(key))) continue;

    const rendered = Object.keys(after).filter((key) => after[key] !== settled[key]);
    expect(rendered).toContain('SOLUSDT:BOTH');
    // A fill on a cross position may move other cross positions' figures too: those rows were in a
    // delta and may render. Every other row must not have rendered.
    expect(rendered.filter((key) => !changed.has(key))).toEqual([]);
    expect(keys.filter((key) => !rendered.includes(key)).length).toBeGreaterThan(0);
    return;
  }
  throw new Error('every attempt overlapped a snapshot refresh');
});
