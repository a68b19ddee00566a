import { describe, expect, it } from 'vitest';
import { isZeroDecimal } from '../../../shared/decimal';
import {
  decimalsOfStep,
  formatAmount,
  formatDecimal,
  formatPercent,
  formatPnl,
  formatPrice,
  formatQuantity,
  NOT_AVAILABLE,
  roundDecimalString,
} from '../../../shared/format';

describe('decimal helpers', () => {
  it('reads the decimals a tick or step implies', () => {
    expect(decimalsOfStep('0.10')).toBe(1);
    expect(decimalsOfStep('0.00100000')).toBe(3);
    expect(decimalsOfStep('1')).toBe(0);
    expect(decimalsOfStep('1.0')).toBe(0);
    expect(decimalsOfStep('0.00001')).toBe(5);
  });

  it('treats every spelling of zero as "not available"', () => {
    for (const zero of ['0', '0.0', '0.00000000', '-0', '0.', '00.000']) expect(isZeroDecimal(zero)).toBe(true);
    for (const value of ['0.001', '-0.1', '19731.45529116', '10']) expect(isZeroDecimal(value)).toBe(false);
  });

  it('rounds half away from zero on the string, with no float error', () => {
    expect(roundDecimalString('1.005', 2)).toEqual({ negative: false, digits: '1.01' });
    expect(roundDecimalString('-1.005', 2)).toEqual({ negative: true, digits: '1.01' });
    expect(roundDecimalString('0.0049', 2)).toEqual({ negative: false, digits: '0.00' });
    expect(roundDecimalString('-0.0049', 2)).toEqual({ negative: false, digits: '0.00' });
    expect(roundDecimalString('99.96', 1)).toEqual({ negative: false, digits: '100.0' });
    expect(roundDecimalString('123456789012345678.5', 0)).toEqual({ negative: false, digits: '123456789012345679' });
    expect(() => roundDecimalString('1e309', 2)).toThrow(RangeError);
  });
});

describe('display formatting', () => {
  it('formats prices on the tick grid with thousands separators', () => {
    expect(formatPrice('21123.05052574', '0.10')).toBe('21,123.1');
    expect(formatPrice('19731.45529116', '0.01')).toBe('19,731.46');
    expect(formatPrice('0.62345678', '0.0001')).toBe('0.6235');
  });

  it('shows "—" for zero prices that mean "not available" (fixtures: liquidationPrice "0", breakEvenPrice "0.0")', () => {
    expect(formatPrice('0', '0.10')).toBe(NOT_AVAILABLE);
    expect(formatPrice('0.0', '0.10')).toBe(NOT_AVAILABLE);
  });

  it('formats sizes unsigned on the step grid', () => {
    expect(formatQuantity('-3.500', '0.001')).toBe('3.500');
    expect(formatQuantity('5000', '0.1')).toBe('5,000.0');
    expect(formatDecimal('-1.25', '0.1')).toBe('−1.3');
  });

  it('signs PnL and percentages', () => {
    expect(formatPnl(12.345)).toBe('+12.35');
    expect(formatPnl(-1.06214947)).toBe('−1.06');
    expect(formatPnl(0)).toBe('0.00');
    expect(formatPnl(-0.001)).toBe('0.00');
    expect(formatPnl(1234567.891)).toBe('+1,234,567.89');
    expect(formatPercent(124.1299)).toBe('+124.13%');
    expect(formatPercent(null)).toBe(NOT_AVAILABLE);
    expect(formatAmount(-21.12305052)).toBe('21.12');
  });
});
