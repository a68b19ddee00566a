/**
 * Properties of display formatting: it never throws, whatever the value, and the digits it shows are
 * exactly the input's digits rounded (half away from zero) to the tick — checked against a BigInt
 * model that shares no code with shared/format.ts, in several locales.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatAmount, formatDecimal, formatPercent, formatPnl, formatPrice, formatQuantity, NOT_AVAILABLE, setDisplayLocale } from '../../../shared/format';

afterAll(() => setDisplayLocale(undefined));

const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'en-IN', 'de-CH', 'ja-JP'];

/** The decimal separator of a locale, read from Intl itself (the model must not use format.ts). */
function decimalSeparatorOf(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(0.5).find((part) => part.type === 'decimal')!.value;
}

/** What is shown, back to plain "−?digits.digits": grouping dropped, the locale's separator as ".". */
function plainShown(shown: string, locale: string): string {
  const separator = decimalSeparatorOf(locale);
  let plain = '';
  for (const char of shown) {
    if (/\d/.test(char)) plain += char;
    else if (char === separator) plain += '.';
    else if (char === '−') plain += '-';
    else if (char === '+') plain += '+';
  }
  return plain;
}

/** The model: `mantissa / 10^scale` rounded half away from zero to `decimals` places, as plain text. */
function modelRounded(mantissa: bigint, scale: number, decimals: number): { negative: boolean; text: string } {
  const negative = mantissa < 0n;
  const magnitude = negative ? -mantissa : mantissa;
  let kept: bigint;
  if (decimals >= scale) kept = magnitude * 10n ** BigInt(decimals - scale);
  else {
    const divisor = 10n ** BigInt(scale - decimals);
    kept = magnitude / divisor;
    if ((magnitude % divisor) * 2n >= divisor) kept += 1n;
  }
  let text = kept.toString().padStart(decimals + 1, '0');
  if (decimals > 0) text = `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  return { negative: negative && kept !== 0n, text };
}

/** `mantissa / 10^scale` written as an exchange would: plain digits, no exponent. */
function decimalString(mantissa: bigint, scale: number): string {
  const negative = mantissa < 0n;
  const digits = (negative ? -mantissa : mantissa).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

function stepFor(decimals: number): string {
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

const mantissas = fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n });

describe('formatting never throws', () => {
  it('for any number and any decimals count', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e21, -1e21, Number.MAX_VALUE, Number.MIN_VALUE, -0)), fc.integer({ min: -50, max: 50 }), (value, decimals) => {
        for (const text of [formatPnl(value, decimals), formatAmount(value, decimals), formatPercent(value, decimals)]) {
          expect(typeof text).toBe('string');
          expect(text.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('for any string as value or step: text or "—"', () => {
    const decimalish = fc.stringMatching(/^[-+]?\d{0,40}(\.\d{0,40})?([eE][-+]?\d{1,4})?$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), decimalish), fc.oneof(fc.string(), decimalish), (value, step) => {
        for (const text of [formatDecimal(value, step), formatPrice(value, step), formatQuantity(value, step)]) {
          expect(text === NOT_AVAILABLE || /\d/.test(text)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the digits shown are the input digits rounded to the tick', () => {
  it('decimal strings, on any grid up to 30 decimals, in several locales', () => {
    fc.assert(
      fc.property(mantissas, fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.constantFrom(...LOCALES), (mantissa, scale, decimals, locale) => {
        setDisplayLocale(locale);
        const value = decimalString(mantissa, scale);
        const expected = modelRounded(mantissa, scale, decimals);
        expect(plainShown(formatDecimal(value, stepFor(decimals)), locale)).toBe(`${expected.negative ? '-' : ''}${expected.text}`);
        expect(plainShown(formatQuantity(value, stepFor(decimals)), locale)).toBe(expected.text);
      }),
      { numRuns: 1000 },
    );
  });

  it('numbers (PnL, amounts), including ones JavaScript writes with an exponent', () => {
    // mantissa × 10^exponent with at most 15 significant digits: String(number) gives back exactly that value.
    const safeMantissa = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });
    fc.assert(
      fc.property(safeMantissa, fc.integer({ min: -20, max: 25 }), fc.nat({ max: 12 }), fc.constantFrom(...LOCALES), (mantissa, exponent, decimals, locale) => {
        setDisplayLocale(locale);
        const scale = Math.max(-exponent, 0);
        const scaled = exponent > 0 ? mantissa * 10n ** BigInt(exponent) : mantissa;
        const value = Number(decimalString(scaled, scale));
        const expected = modelRounded(scaled, scale, decimals);
        const sign = expected.negative ? '-' : /[1-9]/.test(expected.text) ? '+' : '';
        expect(plainShown(formatPnl(value, decimals), locale)).toBe(`${sign}${expected.text}`);
        expect(plainShown(formatAmount(value, decimals), locale)).toBe(expected.text);
      }),
      { numRuns: 1000 },
    );
  });
});
