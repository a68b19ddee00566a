import { describe, expect, it } from 'vitest';
import {
  type BracketTier,
  bracketFor,
  bracketsOf,
  buildBrackets,
  maxNotionalAt,
} from '../../../electron/simulator/brackets';
import { dec, mul } from '../../../electron/simulator/decimal';

const TIERS: BracketTier[] = ['btc', 'large', 'alt'];

describe('brackets', () => {
  it('derives cum by cum_n = floor_n × (mmr_n − mmr_n−1) + cum_n−1', () => {
    // Hand-computed for the BTC table: 300000×0.001; +800000×0.0015; +3000000×0.0035; +12000000×0.01 …
    const cums = bracketsOf('btc').map((b) => b.cum);
    expect(cums.slice(0, 7)).toEqual(['0', '300', '1500', '12000', '132000', '482000', '2982000'].map(dec));
  });

  it.each(TIERS)('keeps the maintenance margin continuous at every boundary of the %s table', (tier) => {
    const brackets = bracketsOf(tier);
    for (let i = 1; i < brackets.length; i++) {
      const below = brackets[i - 1]!;
      const above = brackets[i]!;
      expect(above.notionalFloor).toBe(below.notionalCap);
      const at = above.notionalFloor;
      expect(mul(at, below.maintMarginRatio) - below.cum).toBe(mul(at, above.maintMarginRatio) - above.cum);
    }
  });

  it('picks the first bracket whose cap is not exceeded, and the last one beyond all caps', () => {
    const btc = bracketsOf('btc');
    expect(bracketFor(btc, dec('0')).bracket).toBe(1);
    expect(bracketFor(btc, dec('300000')).bracket).toBe(1);
    expect(bracketFor(btc, dec('300000.01')).bracket).toBe(2);
    expect(bracketFor(btc, dec('99999999999')).bracket).toBe(btc.length);
  });

  it('gives maxNotionalValue as the cap of the last bracket allowing the leverage', () => {
    const btc = bracketsOf('btc');
    expect(maxNotionalAt(btc, 10)).toBe(dec('230000000'));
    expect(maxNotionalAt(btc, 20)).toBe(dec('100000000'));
    expect(maxNotionalAt(btc, 125)).toBe(dec('300000'));
    expect(maxNotionalAt(btc, 126)).toBe(0n);
  });

  it('builds a custom table', () => {
    const table = buildBrackets([
      { initialLeverage: 50, notionalFloor: '0', notionalCap: '1000', maintMarginRatio: '0.01' },
      { initialLeverage: 20, notionalFloor: '1000', notionalCap: '5000', maintMarginRatio: '0.05' },
    ]);
    expect(table.map((b) => b.cum)).toEqual([0n, dec('40')]);
  });
});
