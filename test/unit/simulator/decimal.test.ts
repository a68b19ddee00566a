import { describe, expect, it } from 'vitest';
import {
  dec,
  div,
  isDecimalText,
  mul,
  quantize,
  significantDecimalsOf,
  toFixed,
  toTrimmed,
} from '../../../electron/simulator/decimal';

describe('decimal', () => {
  it('parses plain decimal text and rejects anything else', () => {
    expect(dec('-3.500')).toBe(-3_500_000_000_000_000_000n);
    expect(dec('0.0001')).toBe(100_000_000_000_000n);
    expect(isDecimalText('1e5')).toBe(false);
    expect(isDecimalText('+1')).toBe(false);
    expect(isDecimalText('1.')).toBe(false);
    expect(() => dec('abc')).toThrow(RangeError);
    expect(() => dec('0.1234567890123456789')).toThrow(RangeError);
  });

  it('multiplies exactly where binary floats do not', () => {
    // 3.5 × 3712.45 is 12993.574999999999 in doubles; truncating that would print …57499999.
    expect(3.5 * 3712.45).not.toBe(12993.575);
    expect(toFixed(mul(dec('3.5'), dec('3712.45')), 8)).toBe('12993.57500000');
  });

  it('truncates or rounds half away from zero, and never prints a negative zero', () => {
    expect(toFixed(dec('21.12305052574'), 8, 'truncate')).toBe('21.12305052');
    expect(toFixed(dec('21.12305052574'), 8, 'half-up')).toBe('21.12305053');
    expect(toFixed(dec('-1.06214947426'), 8, 'truncate')).toBe('-1.06214947');
    expect(toFixed(dec('-0.000000001'), 8, 'truncate')).toBe('0.00000000');
    expect(toFixed(dec('-2.5'), 0, 'half-up')).toBe('-3');
    expect(quantize(dec('1.005'), 2, 'half-up')).toBe(dec('1.01'));
  });

  it('trims trailing zeros but keeps the minimum decimals', () => {
    expect(toTrimmed(dec('22185.20000000'), 8)).toBe('22185.2');
    expect(toTrimmed(0n, 8)).toBe('0.0');
    expect(toTrimmed(dec('230000000'), 8, 0)).toBe('230000000');
    expect(significantDecimalsOf('0.010')).toBe(2);
    expect(significantDecimalsOf('1')).toBe(0);
  });

  it('divides with 18 decimals of precision', () => {
    expect(toFixed(div(dec('90'), dec('0.99')), 8, 'half-up')).toBe('90.90909091');
    expect(() => div(1n, 0n)).toThrow(RangeError);
  });
});
