/**
 * readMarkTick checks the symbol and the price by hand (no regular expressions on the hot path):
 * it must accept exactly the grammar of shared/symbols.ts and PROTOCOL §7, written as regular expressions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMarkTick } from '../../../electron/exchange/wire';
import { SYMBOL_NAME_PATTERN } from '../../../shared/symbols';

const DECIMAL_SPEC = /^-?\d{1,30}(\.\d{1,30})?$/;
const SYMBOL_SPEC = SYMBOL_NAME_PATTERN;

const tickWith = (fields: { s?: unknown; p?: unknown; E?: unknown }): ReturnType<typeof readMarkTick> =>
  readMarkTick({ e: 'markPriceUpdate', E: 1_700_000_000_000, s: 'BTCUSDT', p: '97000.1', ...fields });

/** Strings over the characters that matter to both grammars, up to 40 long (past both limits). */
const nearGrammar = fc.string({ unit: fc.constantFrom(...'0123456789.-_ABZaz \n+e币安人生\u0301\u00e9\u0000\u200b'), maxLength: 48 });
const longRuns = fc
  .tuple(fc.constantFrom('', '-'), fc.integer({ min: 0, max: 32 }), fc.boolean(), fc.integer({ min: 0, max: 32 }))
  .map(([sign, whole, dot, fraction]) => `${sign}${'7'.repeat(whole)}${dot ? '.' : ''}${'3'.repeat(fraction)}`);

describe('readMarkTick', () => {
  it('reads a well-formed markPriceUpdate', () => {
    expect(tickWith({})).toEqual({ symbol: 'BTCUSDT', markPrice: '97000.1', eventTime: 1_700_000_000_000 });
    expect(tickWith({ s: 'BTCUSDT_250627', p: '-0.5' })).toEqual({ symbol: 'BTCUSDT_250627', markPrice: '-0.5', eventTime: 1_700_000_000_000 });
  });

  it('accepts a price exactly when the decimal grammar does (20,000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(nearGrammar, longRuns), (price) => {
        expect(tickWith({ p: price }) !== null).toBe(DECIMAL_SPEC.test(price));
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts a symbol exactly when the symbol grammar does (20,000 cases)', () => {
    const suffixed = fc
      .tuple(fc.string({ unit: fc.constantFrom(...'AZ09a币'), maxLength: 42 }), fc.string({ unit: fc.constantFrom(...'09_A'), maxLength: 8 }))
      .map(([name, suffix]) => `${name}_${suffix}`);
    fc.assert(
      fc.property(fc.oneof(nearGrammar, suffixed), (symbol) => {
        expect(tickWith({ s: symbol }) !== null).toBe(SYMBOL_SPEC.test(symbol));
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses edge cases of both grammars', () => {
    for (const price of ['', '-', '.5', '5.', '1e5', '+1', ' 1', '1 ', '1.2.3', `${'9'.repeat(31)}`, `1.${'0'.repeat(31)}`]) {
      expect(tickWith({ p: price })).toBeNull();
    }
    for (const symbol of ['', 'B', 'BTC-USDT', 'BTC USDT', 'BTCUSDT\u0000', '币安\u200b人生USDT', '\u0301USDT', 'BTCUSDT_', 'BTCUSDT_25062', 'BTCUSDT_2506270', '_250627', 'A'.repeat(41)]) {
      expect(tickWith({ s: symbol })).toBeNull();
    }
    // Live names (PROTOCOL §13.1): another script, a delivery suffix, and a short name.
    for (const symbol of ['币安人生USDT', 'BTCUSDT_260327', 'XAUUSDT', 'BTCusdt']) expect(tickWith({ s: symbol })?.symbol).toBe(symbol);
    expect(tickWith({ p: `${'9'.repeat(30)}.${'1'.repeat(30)}` })).not.toBeNull();
    expect(tickWith({ s: 'A'.repeat(40) })).not.toBeNull();
  });
});

describe('readMarkTick: funding (r, T)', () => {
  const frame = { e: 'markPriceUpdate', E: 1_700_000_000_000, s: 'BTCUSDT', p: '97000.1', i: '96990', P: '96995', ap: '97000' };

  it('reads the funding rate as sent and the next funding time', () => {
    expect(readMarkTick({ ...frame, r: '0.00038167', T: 1_700_006_400_000 })).toStrictEqual({
      symbol: 'BTCUSDT',
      markPrice: '97000.1',
      eventTime: 1_700_000_000_000,
      fundingRate: '0.00038167',
      nextFundingTime: 1_700_006_400_000,
    });
    expect(readMarkTick({ ...frame, r: '-0.00012500', T: 1 })).toMatchObject({ fundingRate: '-0.00012500', nextFundingTime: 1 });
  });

  it('a frame without funding, or with unreadable funding, still gives its mark; the fields are undefined', () => {
    const unreadable: Array<{ r?: unknown; T?: unknown }> = [
      {},
      { r: '', T: 0 }, // a quarterly contract: no funding
      { r: 0.0001, T: '1700006400000' },
      { r: '1e-4', T: 1.5 },
      { r: null, T: -5 },
      { r: '0.0001.2', T: Number.MAX_SAFE_INTEGER + 2 },
    ];
    for (const funding of unreadable) {
      const tick = readMarkTick({ ...frame, ...funding });
      expect(tick).toMatchObject({ symbol: 'BTCUSDT', markPrice: '97000.1' });
      expect(tick?.fundingRate).toBeUndefined();
      expect(tick?.nextFundingTime).toBeUndefined();
    }
    expect(readMarkTick({ ...frame, r: 'bad', T: 1_700_006_400_000 })).toMatchObject({ fundingRate: undefined, nextFundingTime: 1_700_006_400_000 });
  });

  it('every tick has the same own properties in the same order (one object shape on the hot path)', () => {
    const shapes = [{}, { r: '0.0001', T: 1_700_006_400_000 }, { r: '', T: 0 }, { r: '0.0001' }].map((funding) =>
      Object.keys(readMarkTick({ ...frame, ...funding }) ?? {}),
    );
    for (const keys of shapes) expect(keys).toEqual(['symbol', 'markPrice', 'eventTime', 'fundingRate', 'nextFundingTime']);
  });
});
