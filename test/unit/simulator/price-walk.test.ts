import { describe, expect, it } from 'vitest';
import { dec, decimalsOf, toFixed } from '../../../electron/simulator/decimal';
import { createPriceWalk } from '../../../electron/simulator/price-walk';
import { TRADING_SYMBOLS } from '../../../electron/simulator/symbols';

const path = (seed: number, steps: number): string[] => {
  const walk = createPriceWalk(TRADING_SYMBOLS, seed);
  const marks: string[] = [];
  for (let i = 0; i < steps; i++) {
    walk.step();
    marks.push(...walk.quotes().map((q) => toFixed(q.markPrice, 8)));
  }
  return marks;
};

describe('price walk', () => {
  it('is deterministic per seed', () => {
    expect(path(5, 20)).toEqual(path(5, 20));
    expect(path(5, 20)).not.toEqual(path(6, 20));
  });

  it('moves every mark by small steps, at two decimals below the tick', () => {
    const walk = createPriceWalk(TRADING_SYMBOLS, 1);
    for (let i = 0; i < 200; i++) {
      const before = walk.quotes();
      walk.step();
      walk.quotes().forEach((quote, index) => {
        const previous = Number(toFixed(before[index]!.markPrice, 8));
        const now = Number(toFixed(quote.markPrice, 8));
        expect(Math.abs(now / previous - 1)).toBeLessThan(0.005); // 10σ of a 0.05 % step
        expect(Math.abs(Number(toFixed(quote.indexPrice, 8)) / now - 1)).toBeLessThan(0.002);
      });
    }
    const btc = walk.markOf('BTCUSDT');
    expect(decimalsOf(toFixed(btc, 3))).toBe(3); // tick 0.10 → marks with 3 decimals
    expect(btc % 10n ** 15n).toBe(0n);
  });

  it('setMark pins the next step, then the walk resumes from the forced price', () => {
    const walk = createPriceWalk(TRADING_SYMBOLS, 1);
    walk.setMark('ETHUSDT', '2000.5');
    expect(walk.markOf('ETHUSDT')).toBe(dec('2000.5'));
    walk.step();
    expect(walk.markOf('ETHUSDT')).toBe(dec('2000.5'));
    walk.step();
    expect(walk.markOf('ETHUSDT')).not.toBe(dec('2000.5'));
    expect(Math.abs(Number(toFixed(walk.markOf('ETHUSDT'), 8)) / 2000.5 - 1)).toBeLessThan(0.005);
  });

  it('pinning one symbol does not change the path of the others', () => {
    const plain = createPriceWalk(TRADING_SYMBOLS, 3);
    const pinned = createPriceWalk(TRADING_SYMBOLS, 3);
    pinned.setMark('ETHUSDT', '2000');
    plain.step();
    pinned.step();
    expect(pinned.markOf('BTCUSDT')).toBe(plain.markOf('BTCUSDT'));
  });

  it('rejects unknown symbols and malformed prices', () => {
    const walk = createPriceWalk(TRADING_SYMBOLS, 1);
    expect(() => walk.setMark('MATICUSDT', '1')).toThrow(RangeError); // SETTLING: not priced
    expect(() => walk.setMark('BTCUSDT', '-1')).toThrow(RangeError);
    expect(() => walk.setMark('BTCUSDT', '0')).toThrow(RangeError);
    expect(() => walk.setMark('BTCUSDT', '1e5')).toThrow(RangeError);
    expect(() => walk.setMark('BTCUSDT', '1.123456789')).toThrow(RangeError);
  });
});
