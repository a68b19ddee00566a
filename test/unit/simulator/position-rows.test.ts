import { describe, expect, it } from 'vitest';
import hedgeFixture from '../../fixtures/account-position-hedge.json';
import { type Account, type PositionSide, accountProblems } from '../../../electron/simulator/account-model';
import { demoAccounts } from '../../../electron/simulator/accounts';
import { type Dec, dec } from '../../../electron/simulator/decimal';
import { type MarketView, positionRows } from '../../../electron/simulator/position-rows';
import { TRADING_SYMBOLS } from '../../../electron/simulator/symbols';

const OPENED_AT = Date.UTC(2026, 0, 15, 12);

function market(marks: Record<string, string> = {}): MarketView {
  return {
    symbols: TRADING_SYMBOLS,
    markOf: (symbol): Dec => dec(marks[symbol] ?? TRADING_SYMBOLS.find((s) => s.symbol === symbol)!.initialMark),
  };
}

/** A test account: legs as [symbol, side, amount, entry], every symbol 20× cross. */
function account(mode: 'oneway' | 'hedge', wallet: string, legs: [string, PositionSide, string, string][]): Account {
  const symbols = new Set(legs.map(([symbol]) => symbol));
  return {
    name: mode,
    mode,
    walletBalance: dec(wallet),
    settings: new Map([...symbols].map((s) => [s, { leverage: 20, marginType: 'cross', isAutoAddMargin: false }])),
    positions: legs.map(([symbol, positionSide, amount, entry]) => ({
      symbol,
      positionSide,
      positionAmt: dec(amount),
      entryPrice: dec(entry),
      isolatedWallet: 0n,
      updateTime: OPENED_AT,
    })),
  };
}

const row = (rows: ReturnType<typeof positionRows>, symbol: string, side: PositionSide = 'BOTH') =>
  rows.find((r) => r.symbol === symbol && r.positionSide === side)!;

describe('position rows (v1 account.position)', () => {
  const demo = demoAccounts(OPENED_AT);

  it('the demo accounts are consistent', () => {
    expect(accountProblems(demo.oneway)).toEqual([]);
    expect(accountProblems(demo.hedge)).toEqual([]);
  });

  it('has exactly the documented v1 field set, in the documented order, with the documented types', () => {
    const documented = hedgeFixture.result[0]!;
    for (const r of [...positionRows(demo.oneway, market()), ...positionRows(demo.hedge, market())]) {
      expect(Object.keys(r)).toEqual(Object.keys(documented));
      for (const [key, value] of Object.entries(documented)) expect(typeof r[key as keyof typeof r]).toBe(typeof value);
    }
  });

  it('prints flat legs exactly like the documented flat SHORT row', () => {
    const flatShort = hedgeFixture.result[1]!;
    const ours = row(positionRows(account('hedge', '1000', []), market()), 'BTCUSDT', 'SHORT');
    const fields = [
      'positionAmt', 'entryPrice', 'breakEvenPrice', 'unRealizedProfit', 'liquidationPrice',
      'isolatedMargin', 'notional', 'isolatedWallet', 'updateTime',
    ] as const;
    for (const field of fields) expect(ours[field]).toBe(flatShort[field]);
  });

  it('lists every trading symbol once per side of the mode, zero rows included', () => {
    const symbols = TRADING_SYMBOLS.map((s) => s.symbol);
    const oneway = positionRows(demo.oneway, market());
    expect(oneway.map((r) => r.symbol)).toEqual(symbols);
    expect(oneway.every((r) => r.positionSide === 'BOTH')).toBe(true);
    const hedge = positionRows(demo.hedge, market());
    const keys = hedge.map((r) => `${r.symbol}:${r.positionSide}`);
    expect(keys).toEqual(symbols.flatMap((s) => [`${s}:LONG`, `${s}:SHORT`]));
    const shorts = hedge.filter((r) => r.positionSide === 'SHORT');
    expect(shorts.every((r) => Number(r.positionAmt) <= 0)).toBe(true);
    const openShorts = shorts.filter((r) => Number(r.positionAmt) < 0);
    expect(openShorts.map((r) => r.notional.startsWith('-'))).toEqual([true, true]);
  });

  it('the one-way isolated BTC long at the initial mark, checked by hand', () => {
    // 0.250 @ 101834.6, mark 104250, iw 2545.865, BTC bracket 1 (MMR 0.4 %, cum 0), 10×.
    expect(row(positionRows(demo.oneway, market()), 'BTCUSDT')).toMatchObject({
      positionAmt: '0.250',
      entryPrice: '101834.6',
      breakEvenPrice: '101834.6', // opened in one go: the FAQ's break-even is the entry (fees not included)
      markPrice: '104250.00000000',
      unRealizedProfit: '603.85000000', // 0.25 × (104250 − 101834.6)
      liquidationPrice: '92019.21686747', // (2545.865 − 25458.65) / (0.25 × 0.004 − 0.25)
      leverage: '10',
      maxNotionalValue: '230000000',
      marginType: 'isolated',
      isolatedMargin: '3149.71500000', // iw + uPnL
      notional: '26062.50000000',
      isolatedWallet: '2545.86500000',
      updateTime: OPENED_AT - 26 * 3_600_000,
    });
  });

  it('cross LP counts the other cross positions (TMM1, UPNL1), checked by hand', () => {
    // Wallet 1000. ETH long 1 @ 3000 (mark 3000). XRP short 1000 @ 2.0 (mark 2.2): uPnL −200, MM 2200 × 0.5 % = 11.
    // ETH: 1000 − 11 − 200 + (LP − 3000) = 0.005·LP ⇒ LP = 2211 / 0.995
    // XRP: 1000 − 15 + 0 − 1000(LP − 2) = 1000·LP·0.005 ⇒ LP = 2985 / 1005  (ETH MM = 3000 × 0.5 % = 15)
    const book = account('oneway', '1000', [['ETHUSDT', 'BOTH', '1', '3000'], ['XRPUSDT', 'BOTH', '-1000', '2.0']]);
    const rows = positionRows(book, market({ ETHUSDT: '3000', XRPUSDT: '2.2' }));
    expect(row(rows, 'ETHUSDT').liquidationPrice).toBe('2222.11055276');
    expect(row(rows, 'XRPUSDT').liquidationPrice).toBe('2.97014925');
    expect(row(rows, 'XRPUSDT').unRealizedProfit).toBe('-200.00000000');
  });

  it('hedge legs under cross share one LP, checked by hand', () => {
    // Wallet 10000, LONG 0.5 @ 100000, SHORT −0.2 @ 102000, BTC bracket 1 (0.4 %):
    // LP = (10000 − 50000 + 20400) / (0.7 × 0.004 − 0.5 + 0.2) = −19600 / −0.2972
    const book = account('hedge', '10000', [
      ['BTCUSDT', 'LONG', '0.5', '100000'],
      ['BTCUSDT', 'SHORT', '-0.2', '102000'],
    ]);
    const rows = positionRows(book, market({ BTCUSDT: '100000' }));
    expect(row(rows, 'BTCUSDT', 'LONG').liquidationPrice).toBe('65948.85598923');
    expect(row(rows, 'BTCUSDT', 'SHORT').liquidationPrice).toBe('65948.85598923');
  });

  it('hedge legs under isolated margin each have their own LP', () => {
    // LONG 2 @ 3598.12, iw 719.624: (719.624 − 7196.24) / (0.01 − 2)
    // SHORT 1.2 @ 3701.55, iw 444.186: (444.186 + 4441.86) / (0.006 + 1.2)
    const rows = positionRows(demo.hedge, market());
    expect(row(rows, 'ETHUSDT', 'LONG').liquidationPrice).toBe('3254.58090452');
    expect(row(rows, 'ETHUSDT', 'SHORT').liquidationPrice).toBe('4051.44776119');
  });

  it('filtering by symbol returns the same rows, cross LPs still seeing the whole account', () => {
    const all = positionRows(demo.oneway, market());
    expect(positionRows(demo.oneway, market(), 'ETHUSDT')).toEqual([row(all, 'ETHUSDT')]);
    expect(positionRows(demo.oneway, market(), 'NOPEUSDT')).toEqual([]);
  });
});
