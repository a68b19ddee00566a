/**
 * `pressMargin`'s plan (press-margin.ts) and the ratio it aims at (margin-ratio.ts): cross
 * maintenance ÷ (cross wallet + cross uPnL), reached by moving the account's net cross marks.
 */
import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../../../electron/simulator/accounts';
import { type Dec, ONE, dec } from '../../../electron/simulator/decimal';
import { accountMetrics } from '../../../electron/simulator/leg-metrics';
import { RATIO_EXHAUSTED, crossMarginRatio } from '../../../electron/simulator/margin-ratio';
import { createMarket } from '../../../electron/simulator/market';
import { PRESS_TOLERANCE, planMarginPress } from '../../../electron/simulator/press-margin';
import { SYMBOLS } from '../../../electron/simulator/symbols';

const T = Date.UTC(2026, 0, 15, 12);
const pct = (n: number): Dec => dec(String(n)) / 100n;
const distance = (a: Dec, b: Dec): Dec => (a > b ? a - b : b - a);

describe('cross margin ratio', () => {
  it('is cross maintenance over cross wallet plus cross uPnL; undefined without cross risk; exhausted at no balance', () => {
    expect(crossMarginRatio({ crossWallet: dec('900'), crossUnrealized: dec('100'), crossMaintenance: dec('250') })).toBe(ONE / 4n);
    expect(crossMarginRatio({ crossWallet: dec('900'), crossUnrealized: 0n, crossMaintenance: 0n })).toBeUndefined();
    expect(crossMarginRatio({ crossWallet: dec('100'), crossUnrealized: -dec('100'), crossMaintenance: dec('1') })).toBe(RATIO_EXHAUSTED);
  });
});

describe('planMarginPress', () => {
  const market = createMarket(SYMBOLS, 1);
  const accounts = demoAccounts(T);

  for (const [name, target] of [['oneway', 85], ['hedge', 50], ['multi', 95], ['oneway', 3]] as const) {
    it(`${name}: lands within ±0.5 % of ${target} %, moving only its net cross symbols`, () => {
      const account = accounts[name];
      const planned = planMarginPress(account, market, pct(target));
      if (!planned.ok) throw new Error(planned.error);
      const { marks, ratio } = planned.press;
      expect(distance(ratio, pct(target)) <= PRESS_TOLERANCE).toBe(true);
      // Recomputed independently from the leg metrics at the planned marks.
      const view = { symbols: market.symbols, markOf: (s: string) => marks.get(s) ?? market.markOf(s) };
      const metrics = accountMetrics(account, view);
      const recomputed = crossMarginRatio(metrics)!;
      expect(recomputed).toBe(ratio);
      const crossSymbols = new Set(metrics.legs.filter((m) => m.cross).map((m) => m.leg.symbol));
      for (const symbol of marks.keys()) expect(crossSymbols.has(symbol)).toBe(true);
      // Against the account: longs' marks fall and shorts' rise when the ratio goes up.
      const start = crossMarginRatio(accountMetrics(account, market))!;
      for (const [symbol, mark] of marks) {
        const net = account.positions.filter((p) => p.symbol === symbol).reduce((sum, p) => sum + p.positionAmt, 0n);
        const against = net > 0n ? mark < market.markOf(symbol) : mark > market.markOf(symbol);
        expect(against).toBe(ratio > start);
      }
    });
  }

  it('refuses an account without cross positions and a ratio out of reach', () => {
    const isolatedOnly = { ...accounts.oneway, positions: accounts.oneway.positions.filter((p) => p.symbol === 'BTCUSDT') };
    const none = planMarginPress(isolatedOnly, market, pct(50));
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error).toMatch(/no cross position/);
    // A tiny cross leg on a huge wallet: even a 98 % fall does not reach 90 %.
    const rich = { ...accounts.multi, walletBalance: dec('1000000000'), assetBalances: new Map([['USDT', dec('1000000000')]]) };
    const out = planMarginPress(rich, market, pct(90));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatch(/cannot be reached .* between/);
  });
});
