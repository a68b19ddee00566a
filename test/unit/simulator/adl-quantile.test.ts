/**
 * ADL quantiles (adl-quantile.ts): ROE-based 0–4, and the documented hedge-cross rule — one value
 * for LONG and SHORT from both sides' uPnL, `HEDGE` instead of `BOTH`.
 */
import { describe, expect, it } from 'vitest';
import { adlQuantileEntries, adlQuantiles } from '../../../electron/simulator/adl-quantile';
import { demoAccounts } from '../../../electron/simulator/accounts';
import { accountMetrics } from '../../../electron/simulator/leg-metrics';
import { createMarket } from '../../../electron/simulator/market';
import { SYMBOLS } from '../../../electron/simulator/symbols';

const T = Date.UTC(2026, 0, 15, 12);

describe('ADL quantile', () => {
  it('steps with ROE: 0 when losing, +1 per 50 %, capped at 4', () => {
    const market = createMarket(SYMBOLS, 1);
    const account = demoAccounts(T).multi; // ETHUSDT long 1.5 @ 3590.10, 10× cross
    const at = (mark: string) => {
      market.walk.setMark('ETHUSDT', mark);
      return adlQuantiles(accountMetrics(account, market)).get('ETHUSDT:BOTH');
    };
    expect(at('3500')).toBe(0); // losing
    // ROE = uPnL ÷ initial margin = 10 × (mark − 3590.10) ÷ mark: 16 % at 3650 → 1; 55 % at 3800 → 2; 102 % at 4000 → 3.
    expect(at('3650')).toBe(1);
    expect(at('3800')).toBe(2);
    expect(at('4000')).toBe(3);
    expect(at('90000')).toBe(4); // 960 %: capped
  });

  it('hedge under cross: LONG and SHORT share the quantile of both sides together; isolated sides stand alone', () => {
    const market = createMarket(SYMBOLS, 1);
    const hedge = demoAccounts(T).hedge;
    market.walk.setMark('BTCUSDT', '150000'); // the long gains a lot, the short loses
    const metrics = accountMetrics(hedge, market);
    const quantiles = adlQuantiles(metrics);
    expect(quantiles.get('BTCUSDT:LONG')).toBe(quantiles.get('BTCUSDT:SHORT'));
    // Together: uPnL 0.15 × 47 519.7 − 0.08 × 44 879.3 = 3 537.6; margin (0.23 × 150 000) ÷ 20 = 1 725: ROE 205 % → 4.
    expect(quantiles.get('BTCUSDT:LONG')).toBe(4);
    const entries = adlQuantileEntries(hedge, market);
    expect(entries.find((e) => e.symbol === 'BTCUSDT')!.adlQuantile).toEqual({ LONG: 4, SHORT: 4, HEDGE: 0 });
    // ETH is isolated on both sides: each its own value, BOTH 0.
    market.walk.setMark('ETHUSDT', '3000');
    const eth = adlQuantileEntries(hedge, market).find((e) => e.symbol === 'ETHUSDT')!.adlQuantile;
    expect(eth.LONG).toBe(0);
    expect(eth.SHORT).toBeGreaterThan(0);
    expect(eth.BOTH).toBe(0);
    expect(eth).not.toHaveProperty('HEDGE');
  });
});
