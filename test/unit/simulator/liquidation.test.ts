/**
 * Worked liquidation examples, each derived by hand from PROTOCOL §10: the LP is the price at
 * which margin balance equals maintenance margin,
 *   long:  WB + Q(LP − EP) = Q·LP·MMR − cum      short: WB − Q(LP − EP) = Q·LP·MMR − cum
 * (plus −TMM1 + UPNL1 under cross). The algebra for each case is in its comment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bracket, bracketFor, bracketsOf, buildBrackets } from '../../../electron/simulator/brackets';
import { type Dec, abs, dec, mul } from '../../../electron/simulator/decimal';
import { price8 } from '../../../electron/simulator/format';
import { type LiquidationInput, liquidationPrice } from '../../../electron/simulator/liquidation';

const flat = (ratio: string): Bracket[] =>
  buildBrackets([{ initialLeverage: 100, notionalFloor: '0', notionalCap: '1000000000', maintMarginRatio: ratio }]);

/** Two brackets: MMR 1 % up to 1000 notional, then 5 % (cum = 1000 × 0.04 = 40). */
const TWO = buildBrackets([
  { initialLeverage: 50, notionalFloor: '0', notionalCap: '1000', maintMarginRatio: '0.01' },
  { initialLeverage: 20, notionalFloor: '1000', notionalCap: '5000', maintMarginRatio: '0.05' },
]);

const leg = (amount: string, entry: string) => ({ positionAmt: dec(amount), entryPrice: dec(entry) });

function lp(input: Partial<LiquidationInput> & Pick<LiquidationInput, 'legs' | 'brackets' | 'wallet'>): string {
  return price8(liquidationPrice({ otherMaintenance: 0n, otherUnrealized: 0n, markPrice: dec('100'), ...input }));
}

describe('liquidation price', () => {
  it('isolated long: 10 + (LP − 100) = 0.01·LP  ⇒  LP = 90 / 0.99', () => {
    expect(lp({ wallet: dec('10'), legs: [leg('1', '100')], brackets: flat('0.01') })).toBe('90.90909091');
  });

  it('isolated short: 10 − 2(LP − 50) = 2·LP·0.02  ⇒  LP = 110 / 2.04', () => {
    expect(lp({ wallet: dec('10'), legs: [leg('-2', '50')], brackets: flat('0.02'), markPrice: dec('50') })).toBe(
      '53.92156863',
    );
  });

  it('cross with another position: WB − TMM1 + UPNL1 enter the numerator', () => {
    // Other cross leg: short 10 @ 20 at mark 22 → UPNL1 = −20, TMM1 = 220 × 0.01 = 2.2.
    // 60 − 2.2 − 20 + (LP − 100) = 0.01·LP  ⇒  LP = 62.2 / 0.99
    const input = { wallet: dec('60'), otherMaintenance: dec('2.2'), otherUnrealized: dec('-20') };
    expect(lp({ ...input, legs: [leg('1', '100')], brackets: flat('0.01') })).toBe('62.82828283');
  });

  it('hedge under cross: both legs share one LP', () => {
    // LONG 2 @ 100, SHORT 1 @ 110, WB 50: 50 + 2(LP − 100) − (LP − 110) = 3·LP·0.01
    // ⇒ LP − 40 = 0.03·LP ⇒ LP = 40 / 0.97
    expect(lp({ wallet: dec('50'), legs: [leg('2', '100'), leg('-1', '110')], brackets: flat('0.01') })).toBe(
      '41.23711340',
    );
  });

  it('recomputes with the bracket at LP when it differs from the bracket at mark (short, moving up)', () => {
    // Short 10 @ 90, iw 200, mark 90: notional 900 → 1 %: LP = 1100 / 10.1 = 108.91, notional 1089 → 5 %.
    // With 5 % and cum 40: 200 − 10(LP − 90) = 0.5·LP − 40 ⇒ LP = 1140 / 10.5 = 108.571…,
    // notional 1085.7 → 5 % ✓
    const input = { wallet: dec('200'), legs: [leg('-10', '90')], brackets: TWO, markPrice: dec('90') };
    expect(lp(input)).toBe('108.57142857');
  });

  it('recomputes with the bracket at LP when it differs from the bracket at mark (long, moving down)', () => {
    // Long 10 @ 120, iw 300, mark 120: notional 1200 → 5 %: LP = (300 + 40 − 1200)/(0.5 − 10) = 90.53,
    // notional 905 → 1 %.
    // With 1 %: 300 + 10(LP − 120) = 0.1·LP ⇒ LP = 900 / 9.9 = 90.909…, notional 909 → 1 % ✓
    const input = { wallet: dec('300'), legs: [leg('10', '120')], brackets: TWO, markPrice: dec('120') };
    expect(lp(input)).toBe('90.90909091');
  });

  it('is 0 when the position cannot be liquidated or nothing is open', () => {
    // 200 + (LP − 100) = 0.01·LP ⇒ LP = −100 / 0.99 < 0
    expect(lp({ wallet: dec('200'), legs: [leg('1', '100')], brackets: flat('0.01') })).toBe('0.00000000');
    expect(lp({ wallet: dec('10'), legs: [leg('0', '100')], brackets: flat('0.01') })).toBe('0.00000000');
    expect(lp({ wallet: dec('10'), legs: [], brackets: flat('0.01') })).toBe('0.00000000');
  });

  it('property: at LP, margin balance equals maintenance margin in the bracket at LP', () => {
    const brackets = bracketsOf('alt');
    const thousandths = (n: number): Dec => dec((n / 1000).toFixed(3));
    let liquidatable = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: -200_000_000, max: 200_000_000 }).filter((n) => n !== 0),
        fc.integer({ min: 1_000, max: 200_000 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        (amountMilli, entryMilli, walletMilli) => {
          const amt = thousandths(amountMilli);
          const entry = thousandths(entryMilli);
          const wallet = thousandths(walletMilli);
          const legs = [{ positionAmt: amt, entryPrice: entry }];
          const input = { wallet, otherMaintenance: 0n, otherUnrealized: 0n, legs, brackets, markPrice: entry };
          const price = liquidationPrice(input);
          if (price === 0n) return;
          liquidatable += 1;
          const balance = wallet + mul(amt, price - entry);
          const bracket = bracketFor(brackets, abs(mul(amt, price)));
          const maintenance = mul(abs(mul(amt, price)), bracket.maintMarginRatio) - bracket.cum;
          expect(abs(balance - maintenance) < dec('0.000001')).toBe(true);
        },
      ),
      { numRuns: 300, seed: 20260101 },
    );
    expect(liquidatable).toBeGreaterThan(100); // the property must not hold vacuously
  });
});
