import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isZeroDecimal } from '../../../shared/decimal';
import {
  formatBalance,
  formatRatioPercent,
  decimalsOfStep,
  formatAmount,
  formatDecimal,
  formatPercent,
  formatPnl,
  formatPrice,
  formatQuantity,
  NOT_AVAILABLE,
  roundDecimalString,
  setDisplayLocale,
} from '../../../shared/format';

// The expectations below are written for en-US grouping; the locale tests switch and restore it.
beforeAll(() => setDisplayLocale('en-US'));
afterEach(() => setDisplayLocale('en-US'));

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
    expect(roundDecimalString('1e+21', 2)).toEqual({ negative: false, digits: '1000000000000000000000.00' });
    expect(roundDecimalString('-1.5e-7', 7)).toEqual({ negative: true, digits: '0.0000002' });
    expect(roundDecimalString('1e309', 0).digits).toBe(`1${'0'.repeat(309)}`);
    for (const bad of ['', '-', '.', 'abc', '1e', 'NaN', 'Infinity', '1,5', '0x10', '1e99999']) expect(() => roundDecimalString(bad, 2)).toThrow(RangeError);
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

  it('balances keep a minus but get no plus; ratios are unsigned percentages', () => {
    expect(formatBalance(12150.5)).toBe('12,150.50');
    expect(formatBalance(-40)).toBe('−40.00');
    expect(formatBalance(-0.001)).toBe('0.00');
    expect(formatRatioPercent(22.5)).toBe('22.50%');
    expect(formatRatioPercent(1000)).toBe('1,000.00%');
    expect(formatRatioPercent(null)).toBe(NOT_AVAILABLE);
    expect(formatRatioPercent(Number.NaN)).toBe(NOT_AVAILABLE);
  });
});

describe('values that used to break the window', () => {
  it('formats large amounts whole instead of throwing (formatAmount(1e21) threw "not a decimal: 1e+21")', () => {
    expect(formatAmount(1e21)).toBe('1,000,000,000,000,000,000,000.00');
    expect(formatPnl(-1e21)).toBe('−1,000,000,000,000,000,000,000.00');
    expect(formatPercent(2.5e22)).toBe('+25,000,000,000,000,000,000,000.00%');
    expect(formatAmount(Number.MAX_VALUE).replace(/\D/g, '')).toHaveLength(309 + 2);
    expect(formatDecimal('1e+400', '1').replace(/,/g, '')).toBe(`1${'0'.repeat(400)}`);
  });

  it('tiny numbers written with an exponent round like any other', () => {
    expect(formatPnl(1.5e-7)).toBe('0.00');
    expect(formatPnl(1.5e-7, 7)).toBe('+0.0000002');
    expect(formatAmount(5e-3)).toBe('0.01');
  });

  it('a value that is not a number shows "—", never an exception', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatPnl(value)).toBe(NOT_AVAILABLE);
      expect(formatAmount(value)).toBe(NOT_AVAILABLE);
      expect(formatPercent(value)).toBe(NOT_AVAILABLE);
    }
    for (const value of ['', 'abc', 'NaN', '1.2.3', '--1', '1e99999']) {
      expect(formatPrice(value, '0.1')).toBe(NOT_AVAILABLE);
      expect(formatQuantity(value, '0.001')).toBe(NOT_AVAILABLE);
      expect(formatDecimal(value, '0.01')).toBe(NOT_AVAILABLE);
    }
  });

  it('odd decimals counts and step strings are bounded, not trusted', () => {
    expect(formatPnl(1.234, -3)).toBe('+1');
    expect(formatPnl(1.234, 2.9)).toBe('+1.23');
    expect(formatAmount(1.5, Number.NaN)).toBe('2');
    expect(formatDecimal('1.5', `0.${'0'.repeat(5000)}1`)).toBe(`1.5${'0'.repeat(29)}`);
  });
});

describe('no float detour', () => {
  it('rounds the exchange string itself, beyond what a double can hold', () => {
    // As a double, 123456789012345678.5 is 123456789012345680.
    expect(formatDecimal('123456789012345678.5', '1')).toBe('123,456,789,012,345,679');
    expect(formatDecimal('0.1234567890123456789', '0.0000000000000000001')).toBe('0.1234567890123456789');
    expect(formatDecimal('1.005', '0.01')).toBe('1.01');
    // Past Intl's 20 fraction digits the rounding is done on the string, grouping still by Intl.
    expect(formatDecimal('12345.1234567890123456789012345', `0.${'0'.repeat(24)}1`)).toBe('12,345.1234567890123456789012345');
  });
});

describe('locale-aware grouping', () => {
  it('groups and separates decimals the way the locale does, with Latin digits', () => {
    setDisplayLocale('de-DE');
    expect(formatPrice('21123.05052574', '0.10')).toBe('21.123,1');
    expect(formatPnl(-1234567.891)).toBe('−1.234.567,89');
    setDisplayLocale('en-IN');
    expect(formatAmount(1234567.5)).toBe('12,34,567.50');
    setDisplayLocale('de-CH');
    expect(formatQuantity('-5000', '0.1')).toBe("5'000.0");
    setDisplayLocale('ar-EG');
    expect(formatAmount(1234.5)).toMatch(/^1.234.50$/);
  });

  it('the fallback for huge values uses the locale too', () => {
    setDisplayLocale('de-DE');
    expect(formatDecimal('1e+400', '0.01')).toMatch(/^10(\.000){133},00$/);
  });

  it('an unknown locale tag falls back to the default instead of failing', () => {
    setDisplayLocale('not a locale!');
    expect(formatAmount(1234.5)).toMatch(/^1.?234.50$/);
  });
});
