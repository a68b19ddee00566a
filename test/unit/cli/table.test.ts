import { describe, expect, it } from 'vitest';
import { formatAge, renderTable, type TableInput } from '../../../electron/cli/table';
import type { SymbolInfo } from '../../../shared/symbols';
import { accountView, HEDGE_ROWS, ONEWAY_ROWS, viewOf, withAccount, withLiquidationPending } from './fixtures';

const T = 1_800_000_000_000;
const SYMBOLS = new Map<string, SymbolInfo>([
  ['BTCUSDT', { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.10', stepSize: '0.001' }],
  ['ETHUSDT', { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.01', stepSize: '0.001' }],
]);

function input(overrides: Partial<TableInput> = {}): TableInput {
  return {
    view: viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '101500.55']]),
    status: {
      state: 'live',
      environment: 'demo',
      profileName: 'Demo',
      demoAccount: 'oneway',
      latencyMs: 1.5,
      clockOffsetMs: 0,
      weightUsed: 5,
      weightLimit: 2400,
      lastMessageAt: T,
      message: null,
    },
    environment: 'demo',
    demoAccount: 'oneway',
    symbols: SYMBOLS,
    now: T + 2_000,
    ...overrides,
  };
}

describe('positions table', () => {
  it('says which environment and account it shows, the state and the totals', () => {
    const [first, second] = renderTable(input());
    expect(first).toMatch(/^PerpDesk · DEMO \(one-way account\) · live · 1\.5 ms · snapshot 2\.0s ago/);
    expect(second).toMatch(/^2 positions · mode one-way · uPnL \+/);
    expect(second).toMatch(/closest to liquidation (BTCUSDT|ETHUSDT):BOTH \+\d/);
    expect(renderTable(input({ environment: 'mainnet', demoAccount: null }))[0]).toMatch(/^PerpDesk · MAINNET · live/);
    expect(renderTable(input({ demoAccount: 'hedge' }))[0]).toMatch(/^PerpDesk · DEMO \(hedge account\) · live/);
    expect(renderTable(input({ demoAccount: 'multi' }))[0]).toMatch(/^PerpDesk · DEMO \(Multi-Assets account\) · live/);
  });

  it('one row per open position: prices on the tick grid, sizes on the step grid, side from the sign', () => {
    const lines = renderTable(input());
    const header = lines.find((line) => line.startsWith('SYMBOL'))!;
    expect(header).toMatch(/^SYMBOL\s+SIDE\s+SIZE\s+ENTRY\s+BREAK-EVEN\s+MARK\s+LIQ\.PRICE\s+TO LIQ\s+MARGIN\s+MARGIN AMT\s+uPnL\s+ROE\s+NOTIONAL\s+AGE$/);
    const btc = lines.find((line) => line.startsWith('BTCUSDT'))!;
    expect(btc.split(/\s{2,}/)).toEqual([
      'BTCUSDT', 'LONG', '0.150', '100,000.1', '100,000.1', '101,500.6', '80,000.1', '+21.18%', 'cross 10x', '1,522.51', '+225.07', '+14.78%', '15,225.08', '1.5s',
    ]);
    const eth = lines.find((line) => line.startsWith('ETHUSDT'))!;
    expect(eth).toMatch(/^ETHUSDT\s+SHORT\s+2\.500\s+3,100\.00\s+3,100\.00\s+3,000\.12\s+3,500\.50/);
    expect(eth).toMatch(/iso 20x/);
    expect(lines.some((line) => line.startsWith('XRPUSDT'))).toBe(false);
  });

  it('a liquidation price awaiting its snapshot reads "updating…", never the stale price', () => {
    const view = withLiquidationPending(viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '101500.55']]), 'BTCUSDT');
    const lines = renderTable(input({ view }));
    const btc = lines.find((line) => line.startsWith('BTCUSDT'))!.split(/\s{2,}/);
    expect(btc.slice(6, 8)).toEqual(['updating…', 'updating…']);
    expect(btc.join(' ')).not.toContain('80,000.1');
    // The other row is unaffected.
    expect(lines.find((line) => line.startsWith('ETHUSDT'))).toMatch(/3,500\.50/);
  });

  it('without tick sizes the exchange strings are shown as they are', () => {
    const btc = renderTable(input({ symbols: new Map() })).find((line) => line.startsWith('BTCUSDT'))!;
    expect(btc).toMatch(/^BTCUSDT\s+LONG\s+0\.150\s+100000\.10\s+100000\.10\s+101500\.55\s+80000\.1/);
  });

  it('hedge symbols with both legs get a net line under the SHORT leg', () => {
    const lines = renderTable(input({ view: viewOf(HEDGE_ROWS, T) }));
    const short = lines.findIndex((line) => /^BTCUSDT\s+SHORT/.test(line));
    expect(lines[short - 1]).toMatch(/^BTCUSDT\s+LONG/);
    expect(lines[short + 1]).toMatch(/^\s+net\s+0\.07\s/);
    expect(lines[1]).toMatch(/mode hedge/);
  });

  it('empty, waiting and narrowed states are said in words', () => {
    expect(renderTable(input({ view: viewOf([], T) })).at(-1)).toBe('No open positions.');
    const waiting = { ...viewOf([], T), snapshotAt: null };
    expect(renderTable(input({ view: waiting })).at(-1)).toBe('Waiting for the first snapshot…');
    const flat = viewOf(ONEWAY_ROWS, T, [], 'XRPUSDT');
    expect(renderTable(input({ view: flat })).at(-1)).toBe('No open position in XRPUSDT (mark 0.61230000).');
  });

  it('one account line under the totals once the account is read: the margin ratios, then the balances', () => {
    expect(renderTable(input()).some((line) => line.startsWith('Account'))).toBe(false);
    const lines = renderTable(input({ view: withAccount(viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '101500.55']]), T) }));
    expect(lines[2]).toBe(
      'Account (USDT) · margin ratio 22.50% cross / 20.00% total · margin balance 12,150.50 · maint. 2,430.10 · available 8,350.25 · wallet 12,000.00',
    );
  });

  it('a Multi-Assets account line gives each asset its own currency', () => {
    const usdt = accountView(T).total;
    const account = accountView(T, {
      multiAssets: true,
      total: { ...usdt, currency: 'USD' },
      assets: [usdt, { ...usdt, currency: 'USDC', marginBalance: 500 }],
    });
    const lines = renderTable(input({ view: { ...viewOf(ONEWAY_ROWS, T), account } }));
    expect(lines[2]).toMatch(/^Account \(USD, Multi-Assets\) · .* · USDT 12,150\.50 · USDC 500\.00$/);
  });

  it('a problem is shown under the header', () => {
    const status = { ...input().status!, state: 'reconnecting' as const, message: 'The connection to the exchange dropped. Retrying in 1.0 s.' };
    const lines = renderTable(input({ status }));
    expect(lines[0]).toMatch(/reconnecting…/);
    expect(lines[2]).toBe('! The connection to the exchange dropped. Retrying in 1.0 s.');
  });

  it('rows beyond the limit are counted, not drawn', () => {
    const lines = renderTable(input({ maxRows: 1 }));
    expect(lines.filter((line) => /^(BTC|ETH)USDT/.test(line))).toHaveLength(1);
    expect(lines.at(-1)).toBe('… 1 more (narrow with --symbol)');
  });

  it('ages read naturally', () => {
    expect([formatAge(-5), formatAge(400), formatAge(12_400), formatAge(180_000), formatAge(3 * 3_600_000)]).toEqual(['0.0s', '0.4s', '12s', '3m', '3h']);
  });
});
