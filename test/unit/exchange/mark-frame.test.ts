/**
 * The mark frame fast path (electron/exchange/mark-frame.ts) must decide nothing the full path
 * (UTF-8 decoding + JSON.parse + readMarkTick) would decide otherwise: for any frame it gives that path's tick, or
 * undefined (the full path then reads the frame, and rejects or reports it as before).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMarkFrame } from '../../../electron/exchange/mark-frame';
import { parseJsonBytes } from '../../../electron/exchange/socket';
import { readMarkTick, type MarkTick } from '../../../electron/exchange/wire';
import { hostileValue } from '../../support/hostile-values';

/** What the full path makes of a frame's text: a tick, or null (not a mark tick, or not JSON). */
function fullPath(text: string | Buffer): MarkTick | null {
  const frame = parseJsonBytes(Buffer.from(text)) as { stream?: unknown; data?: unknown } | null | undefined;
  if (typeof frame !== 'object' || frame === null || typeof frame.stream !== 'string') return null;
  return readMarkTick(frame.data);
}

/** The fast path on a frame's text, sent as UTF-8. */
const read = (text: string): MarkTick | undefined => readMarkFrame(Buffer.from(text));

/** The fast path agrees with the full path wherever it answers. */
function agrees(text: string | Uint8Array): void {
  const bytes = Buffer.from(text);
  const tick = readMarkFrame(bytes);
  if (tick !== undefined) expect(tick).toStrictEqual(fullPath(bytes));
}

const payload = {
  e: 'markPriceUpdate',
  E: 1_562_305_380_000,
  s: 'BTCUSDT',
  p: '11794.15000000',
  ap: '11794.15000000',
  P: '11784.62659091',
  i: '11784.25641265',
  r: '0.00038167',
  T: 1_562_306_400_000,
};
const frame = (data: unknown, stream: unknown = 'btcusdt@markPrice@1s'): string => JSON.stringify({ stream, data });
const plain = frame(payload);

/** Characters that make or break JSON and the tick's grammars. */
const jsonish = fc.constantFrom(...'{}[]",:\\ \t\n0123456789-+.eEtrufalsn_ABZaz币\u0000\u001f\u2028'.split(''), '\\"', '\\u0041', '"s":', '"E":', '"p":"1"', ',"r":"0.1"');

describe('readMarkFrame', () => {
  it('reads the exchange\'s frame as the full path does, funding included', () => {
    const tick = read(plain);
    expect(tick).toStrictEqual({ symbol: 'BTCUSDT', markPrice: '11794.15000000', eventTime: 1_562_305_380_000, fundingRate: '0.00038167', nextFundingTime: 1_562_306_400_000 });
    expect(tick).toStrictEqual(fullPath(plain));
  });

  it('reads a frame without funding, or a quarterly\'s empty rate and zero time, as the full path does', () => {
    const { r: _rate, T: _time, ...bare } = payload;
    for (const data of [bare, { ...payload, r: '', T: 0 }, { ...payload, r: 7, T: '1' }]) {
      const text = frame(data);
      expect(read(text)).toBeDefined();
      expect(read(text)).toStrictEqual(fullPath(text));
    }
  });

  it('takes the last of a repeated key, as JSON.parse does', () => {
    const text = plain.replace('"p":"11794.15000000"', '"p":"1.5","p":"2.5"');
    expect(read(text)?.markPrice).toBe('2.5');
    expect(fullPath(text)?.markPrice).toBe('2.5');
    // Also when the repeats differ in type: the last one's type counts.
    const mixed = [
      plain.replace('"r":"0.00038167"', '"r":5,"r":"0.1"'),
      plain.replace('"r":"0.00038167"', '"r":"0.1","r":5'),
      plain.replace('"s":"BTCUSDT"', '"s":1,"s":"ETHUSDT"'),
      plain.replace('"s":"BTCUSDT"', '"s":"ETHUSDT","s":1'),
      plain.replace('"T":1562306400000', '"T":"x","T":7'),
      plain.replace('"T":1562306400000', '"T":7,"T":"x"'),
    ];
    for (const repeated of mixed) {
      expect(read(repeated)).toStrictEqual(fullPath(repeated) ?? undefined);
    }
    expect(read(mixed[0]!)?.fundingRate).toBe('0.1');
    expect(read(mixed[2]!)?.symbol).toBe('ETHUSDT');
  });

  it('leaves to the full path what it does not read exactly: escapes, whitespace, floats, big or negative integers', () => {
    const others = [
      plain.replace('"s":"BTCUSDT"', '"s":"BTC\\u0055SDT"'),
      plain.replace('"ap":"11794.15000000"', '"ap":"a\\"b"'),
      plain.replace('"data":{', '"data": {'),
      JSON.stringify({ stream: 'x', data: payload }, null, 1),
      plain.replace('"E":1562305380000', '"E":1562305380000.0'),
      plain.replace('"E":1562305380000', '"E":1.5623e12'),
      plain.replace('"E":1562305380000', '"E":1562305380000000'),
      plain.replace('"T":1562306400000', '"T":-1'),
      plain.replace('"ap":"11794.15000000"', '"ap":null'),
      frame(payload).replace('{"stream"', '{"x":1,"stream"'),
      JSON.stringify({ data: payload, stream: 'btcusdt@markPrice@1s' }),
      `${plain} `,
    ];
    for (const text of others) {
      expect(read(text)).toBeUndefined();
      agrees(text);
    }
    // The full path still reads the well-formed ones among them.
    expect(fullPath(others[0]!)?.symbol).toBe('BTCUSDT');
    expect(fullPath(others[2]!)?.symbol).toBe('BTCUSDT');
  });

  it('never lets through a frame the full path refuses: "1e309", huge integers, wrong types, control characters', () => {
    const refused = [
      plain.replace('"p":"11794.15000000"', '"p":"1e309"'),
      plain.replace('"E":1562305380000', '"E":"1562305380000"'),
      plain.replace('"E":1562305380000', `"E":${'9'.repeat(20)}`),
      plain.replace('"E":1562305380000', '"E":01562305380000'),
      plain.replace('"s":"BTCUSDT"', '"s":42'),
      plain.replace('"e":"markPriceUpdate"', '"e":"markPriceUpdatf"'),
      plain.replace('"ap":"11794.15000000"', '"ap":"11794\u000115"'),
      plain.replace('@1s"', '@1s\u0000"'),
      plain.slice(0, -1),
      plain.slice(0, plain.length / 2),
    ];
    for (const text of refused) {
      expect(fullPath(text)).toBeNull();
      expect(read(text)).toBeUndefined();
    }
  });

  it('reads bytes as UTF-8 would: non-ASCII in a string it skips is read, a non-ASCII symbol is left to the full path', () => {
    for (const skipped of [plain.replace('"ap":"11794.15000000"', '"ap":"é币\u{1F600}"'), plain.replace('@markPrice@1s', '@markPrice@1s币')]) {
      expect(read(skipped)).toBeDefined();
      agrees(skipped);
    }
    // An invalid UTF-8 byte decodes to U+FFFD, which JSON takes in a string.
    const invalid = Buffer.from(plain.replace('"ap":"11794.15000000"', '"ap":"#"'));
    invalid[invalid.indexOf('#')] = 0xff;
    expect(readMarkFrame(invalid)).toBeDefined();
    agrees(invalid);
    const unicode = frame({ ...payload, s: '币安人生USDT' });
    expect(read(unicode)).toBeUndefined();
    expect(fullPath(unicode)?.symbol).toBe('币安人生USDT');
    expect(read(plain.replace('"p":"11794.15000000"', '"p":"11794.1５"'))).toBeUndefined();
  });

  it('agrees with the full path on any bytes spliced into the exchange\'s frame (10,000 cases)', () => {
    const bytes = Buffer.from(plain);
    const spliced = fc.tuple(fc.nat({ max: bytes.length }), fc.nat({ max: 2 }), fc.uint8Array({ maxLength: 4 })).map(([at, cut, inserted]) =>
      Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(Math.min(at + cut, bytes.length))]),
    );
    fc.assert(fc.property(spliced, agrees), { numRuns: 10_000 });
  });

  it('agrees with the full path on hostile payloads (10,000 cases)', () => {
    const field = fc.constantFrom('e', 'E', 's', 'p', 'ap', 'r', 'T', 'x', '__proto__');
    const hostile = fc.tuple(fc.array(fc.tuple(field, hostileValue), { maxLength: 3 }), fc.oneof(fc.string(), hostileValue)).map(([fields, stream]) => {
      const data: Record<string, unknown> = { ...payload };
      for (const [key, value] of fields) data[key] = value;
      return frame(data, stream);
    });
    fc.assert(fc.property(hostile, agrees), { numRuns: 10_000 });
  });

  it('agrees with the full path on the exchange\'s frame edited character by character (20,000 cases)', () => {
    const edit = fc.tuple(fc.nat({ max: plain.length }), fc.nat({ max: 3 }), fc.array(jsonish, { maxLength: 3 }));
    const edited = fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
      edits.reduce((text, [at, cut, inserted]) => text.slice(0, at) + inserted.join('') + text.slice(at + cut), plain),
    );
    fc.assert(fc.property(edited, agrees), { numRuns: 20_000 });
  });

  it('agrees with the full path on any JSON and any text (10,000 cases)', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.jsonValue().map((data) => frame(data)), fc.string()), agrees), { numRuns: 10_000 });
  });
});
