/**
 * The test bridge's push format must deliver what Electron's structured clone would: compared here
 * with `structuredClone` itself, over arbitrary values of the kinds it carries, and it must refuse
 * (naming the place) what it cannot carry rather than deliver something else.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeClone, encodeClone } from '../../support/clone-codec';

// Leaves chosen here rather than by `withDate`, which also makes invalid dates: isDeepStrictEqual
// calls two `new Date(NaN)` different, so they are checked on their own below.
const leaf = fc.oneof(
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
  fc.constant(null),
  fc.constant(undefined),
);

const carried = fc.anything({
  values: [leaf],
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withObjectString: false,
  withBoxedValues: false,
  withTypedArray: false,
  maxDepth: 4,
});

const roundTrip = (value: unknown): unknown => decodeClone(encodeClone(value));

describe('clone codec (the test bridge carrier)', () => {
  it('delivers what structuredClone delivers, for every value of the kinds it carries', () => {
    fc.assert(
      fc.property(carried, (value) => isDeepStrictEqual(roundTrip(value), structuredClone(value))),
      { numRuns: 2_000 },
    );
  });

  it('keeps what plain JSON would lose', () => {
    const value = { gone: undefined, nan: Number.NaN, inf: -Infinity, zero: -0, holes: [1, , 3], big: 10n ** 30n, at: new Date(5), invalid: new Date(Number.NaN) }; // eslint-disable-line no-sparse-arrays
    const back = roundTrip(value) as typeof value;
    expect(Object.hasOwn(back, 'gone')).toBe(true);
    expect(back.gone).toBeUndefined();
    expect(back.nan).toBeNaN();
    expect(back.inf).toBe(-Infinity);
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(1 in back.holes).toBe(false);
    expect(back.holes).toHaveLength(3);
    expect(back.big).toBe(10n ** 30n);
    expect(back.at).toEqual(new Date(5));
    expect(back.invalid).toBeInstanceOf(Date);
    expect(back.invalid.getTime()).toBeNaN();
  });

  it('carries own keys that look like its tag or like __proto__ as plain properties', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "\\u0001clone": "u", "v": 1}') as Record<string, unknown>;
    const back = roundTrip(value) as Record<string, unknown>;
        expect(isDeepStrictEqual(back, structuredClone(value))).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a function', { row: { f: () => 1 } }, 'payload.row.f is a function'],
    ['a symbol', [Symbol('s')], 'payload[0] is a symbol'],
    ['a class it does not model', { bytes: new Uint8Array(2) }, 'payload.bytes is a Uint8Array'],
  ])('refuses %s, naming where it is', (_what, value, message) => {
    expect(() => encodeClone(value)).toThrow(message);
  });

  it('refuses a cycle instead of looping', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped.self = looped;
    expect(() => encodeClone(looped)).toThrow('payload.self refers back');
  });

  it('carries the same object twice as two equal copies', () => {
    const shared = { price: '1.5' };
    expect(roundTrip({ a: shared, b: shared })).toEqual({ a: { price: '1.5' }, b: { price: '1.5' } });
  });
});
