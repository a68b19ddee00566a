import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../electron/positions/decimal';

/** Object.is tells -0 from 0 and NaN from NaN: the shortcut must match Number() bit for bit. */
const sameAsNumber = (text: string): void => {
  expect(Object.is(parseDecimal(text), Number(text)), text).toBe(true);
};

describe('parseDecimal', () => {
  it('gives exactly what Number() gives for decimal prices (50,000 cases)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }), fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 25 })))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);
    fc.assert(fc.property(decimal, sameAsNumber), { numRuns: 50_000 });
  });

  it('gives exactly what Number() gives for doubles printed with toFixed (50,000 cases)', () => {
    const printed = fc
      .tuple(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 12 }))
      .map(([value, places]) => value.toFixed(places));
    fc.assert(fc.property(printed, sameAsNumber), { numRuns: 50_000 });
  });

  it('gives exactly what Number() gives for anything else (20,000 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.-+e ,x'), maxLength: 30 }), sameAsNumber), { numRuns: 20_000 });
    for (const text of ['', '-', '.', '-.', '5.', '.5', '-0', '0.0', '1e5', '1.2.3', ' 1', '9007199254740993', '0.1234567890123456789012345', `1.${'0'.repeat(22)}1`]) {
      sameAsNumber(text);
    }
  });
});
