import { describe, expect, it } from 'vitest';
import { bracketsOf } from '../../../electron/simulator/brackets';
import { dec } from '../../../electron/simulator/decimal';
import { money8, price8, trimmedPrice } from '../../../electron/simulator/format';
import {
  breakEvenPrice,
  isolatedMargin,
  maintenanceMargin,
  notional,
  unrealizedPnl,
} from '../../../electron/simulator/position-math';

describe('position math', () => {
  it('uPnL and notional reproduce the documented hedge reply (fixture LONG row)', () => {
    const amt = dec('0.001');
    const entry = dec('22185.2');
    const mark = dec('21123.05052574');
    expect(money8(unrealizedPnl(amt, entry, mark))).toBe('-1.06214947');
    expect(money8(notional(amt, mark))).toBe('21.12305052');
  });

  it('uPnL and notional of a short reproduce the PROTOCOL §4 COMPUSDT example', () => {
    const amt = dec('-1.000');
    const mark = dec('49.72023376');
    expect(money8(unrealizedPnl(amt, dec('70.92841'), mark))).toBe('21.20817624');
    expect(money8(notional(amt, mark))).toBe('-49.72023376');
  });

  it('maintenance margin uses the bracket of the notional: |notional| × MMR − cum', () => {
    const btc = bracketsOf('btc');
    expect(maintenanceMargin(dec('100000'), btc)).toBe(dec('400')); // 100000 × 0.004
    expect(maintenanceMargin(dec('500000'), btc)).toBe(dec('2200')); // 500000 × 0.005 − 300
  });

  it('break-even without fill history is the entry; flat is 0 (FAQ: fees and funding not included)', () => {
    expect(price8(breakEvenPrice({ positionAmt: dec('1'), entryPrice: dec('100') }))).toBe('100.00000000');
    expect(price8(breakEvenPrice({ positionAmt: dec('-2'), entryPrice: dec('100') }))).toBe('100.00000000');
    expect(trimmedPrice(breakEvenPrice({ positionAmt: 0n, entryPrice: dec('100') }))).toBe('0.0');
  });

  it('isolated margin is the isolated wallet plus uPnL', () => {
    expect(isolatedMargin(dec('2545.865'), dec('-100.5'))).toBe(dec('2445.365'));
  });
});
