/**
 * A fast path for the frame the mark stream carries thousands of per second: a combined-stream
 * `markPriceUpdate` written the way the exchange writes it,
 *
 *   {"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000",…}}
 *
 * read straight from the frame's bytes instead of through UTF-8 decoding, `JSON.parse` and an object
 * walk. `JSON.parse` of such a frame cost more than everything else ingest does to it (bench/PROFILE.md,
 * P1): it builds two objects and ten strings of which the engine uses four.
 *
 * The fast path decides only what it can decide exactly: it returns the tick that UTF-8 decoding +
 * `JSON.parse` + `readMarkTick` would return, or `undefined` — "not mine" — for anything outside a
 * strict subset of JSON (whitespace, escapes, control characters, floats, exponents, integers of more
 * than 15 digits, negative numbers, `true`/`false`/`null`, nested values, other key orders in the
 * envelope, a non-ASCII symbol, price or rate) and for every frame whose fields fail the tick's checks.
 * The caller then takes the full path, which rejects or reports it as before; so a hostile frame costs
 * what it did, never less checking. The field checks themselves are `markTickOf` (wire.ts), shared
 * with the full path.
 *
 * Reading bytes is exact because UTF-8 maps every ASCII character to its own byte and never uses a
 * byte below 0x80 inside a multi-byte character: the quotes, backslashes, control characters and
 * digits found here are the ones decoding would give. Bytes from 0x80 up stand for characters of
 * strings the tick does not keep (valid JSON whatever they decode to, U+FFFD included).
 */
import { markTickOf, type MarkTick } from './wire';

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COMMA = 44; // ,
const COLON = 58; // :
const CLOSE_BRACE = 125; // }
const ZERO = 48;
/** Bytes below this must be escaped inside a JSON string (RFC 8259 §7). */
const FIRST_PLAIN_BYTE = 0x20;
/** Bytes from this up belong to non-ASCII characters. */
const FIRST_NON_ASCII_BYTE = 0x80;
/** Up to 15 digits, an integer read digit by digit is exact (below 2^53), so it equals JSON.parse's. */
const MAX_INTEGER_DIGITS = 15;

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (character) => character.charCodeAt(0));
const ENVELOPE_START = ascii('{"stream":"');
/** What follows the stream name's closing quote: the `data` member, opening its object. */
const DATA_START = ascii('","data":{');
const MARK_EVENT = 'markPriceUpdate';
const MARK_EVENT_BYTES = ascii(MARK_EVENT);

const KEY_e = 101;
const KEY_E = 69;
const KEY_s = 115;
const KEY_p = 112;
const KEY_r = 114;
const KEY_T = 84;

/** True when `bytes` holds `literal` at `at`. */
function holdsAt(bytes: Uint8Array, at: number, literal: Uint8Array): boolean {
  if (at + literal.length > bytes.length) return false;
  for (let index = 0; index < literal.length; index++) if (bytes[at + index] !== literal[index]) return false;
  return true;
}

/**
 * The index of the quote closing a JSON string whose content starts at `from`, or -1 when the string
 * is not closed or holds an escape or a control character (the full parser decides those) — or, with
 * `asciiOnly`, a non-ASCII character (a string the tick keeps is cut from the bytes as they are).
 */
function stringEnd(bytes: Uint8Array, from: number, asciiOnly: boolean): number {
  const limit = asciiOnly ? FIRST_NON_ASCII_BYTE : 256;
  for (let index = from; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === QUOTE) return index;
    if (byte === BACKSLASH || byte < FIRST_PLAIN_BYTE || byte >= limit) return -1;
  }
  return -1;
}

/**
 * From this length on (V8's minimum cons-string length), V8 builds a string grown by `+=` as a rope
 * that is flattened when first read: a 15-character price (`104250.00000000`) cost ~290 ns that way against ~100 ns through Buffer's
 * decoder, while below it `+=` is the cheaper of the two (bench/PROFILE.md, P1).
 */
const ROPE_LENGTH = 13;

/** The ASCII bytes `[from, end)` as a string. */
function asciiText(bytes: Buffer, from: number, end: number): string {
  if (end - from >= ROPE_LENGTH) return bytes.toString('latin1', from, end); // ASCII: latin1 is exact
  let text = '';
  for (let index = from; index < end; index++) text += String.fromCharCode(bytes[index]!);
  return text;
}

/**
 * The tick of a mark frame in the exchange's plain layout, exactly as the full path would read it;
 * `undefined` when the frame is anything else or is not a valid tick (the full path decides those).
 */
export function readMarkFrame(bytes: Buffer): MarkTick | undefined {
  if (!holdsAt(bytes, 0, ENVELOPE_START)) return undefined;
  const streamEnd = stringEnd(bytes, ENVELOPE_START.length, false);
  if (streamEnd < 0 || !holdsAt(bytes, streamEnd, DATA_START)) return undefined;
  // The payload's members, each `"key":value`; a key given twice counts as its last (as in JSON.parse).
  // Kept strings are located first and cut out once the whole frame has been read.
  let event: unknown;
  let eventTime: unknown;
  let symbol: unknown;
  let price: unknown;
  let rate: unknown;
  let nextFunding: unknown;
  let symbolAt = -1;
  let priceAt = -1;
  let rateAt = -1;
  let symbolEnd = -1;
  let priceEnd = -1;
  let rateEnd = -1;
  let index = streamEnd + DATA_START.length;
  for (;;) {
    if (bytes[index] !== QUOTE) return undefined;
    const keyStart = index + 1;
    const keyEnd = stringEnd(bytes, keyStart, false);
    if (keyEnd < 0 || bytes[keyEnd + 1] !== COLON) return undefined;
    // The tick's keys are one character long; 0 stands for any other key.
    const key = keyEnd - keyStart === 1 ? bytes[keyStart]! : 0;
    const valueStart = keyEnd + 2;
    let valueEnd: number;
    if (bytes[valueStart] === QUOTE) {
      const kept = key === KEY_s || key === KEY_p || key === KEY_r;
      const contentEnd = stringEnd(bytes, valueStart + 1, kept);
      if (contentEnd < 0) return undefined;
      valueEnd = contentEnd + 1;
      // A string where the tick needs a number is kept as '' (the checks refuse it).
      if (key === KEY_s) {
        symbolAt = valueStart + 1;
        symbolEnd = contentEnd;
      } else if (key === KEY_p) {
        priceAt = valueStart + 1;
        priceEnd = contentEnd;
      } else if (key === KEY_r) {
        rateAt = valueStart + 1;
        rateEnd = contentEnd;
      } else if (key === KEY_e) event = contentEnd - valueStart - 1 === MARK_EVENT.length && holdsAt(bytes, valueStart + 1, MARK_EVENT_BYTES) ? MARK_EVENT : '';
      else if (key === KEY_E) eventTime = '';
      else if (key === KEY_T) nextFunding = '';
    } else {
      // A non-negative JSON integer: `0` or no leading zero, at most 15 digits, and nothing of a
      // fraction or an exponent after it (the next byte must end the member).
      let value = 0;
      valueEnd = valueStart;
      for (; valueEnd < bytes.length; valueEnd++) {
        const digit = bytes[valueEnd]! - ZERO;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
      }
      const digits = valueEnd - valueStart;
      if (digits === 0 || digits > MAX_INTEGER_DIGITS || (digits > 1 && bytes[valueStart] === ZERO)) return undefined;
      if (key === KEY_E) eventTime = value;
      else if (key === KEY_T) nextFunding = value;
      else if (key === KEY_e) event = value;
      else if (key === KEY_s) {
        symbol = value;
        symbolAt = -1;
      } else if (key === KEY_p) {
        price = value;
        priceAt = -1;
      } else if (key === KEY_r) {
        rate = value;
        rateAt = -1;
      }
    }
    const next = bytes[valueEnd];
    index = valueEnd + 1;
    if (next === CLOSE_BRACE) break;
    if (next !== COMMA) return undefined;
  }
  // The payload's object closes the envelope's, and nothing follows.
  if (index !== bytes.length - 1 || bytes[index] !== CLOSE_BRACE) return undefined;
  if (symbolAt >= 0) symbol = asciiText(bytes, symbolAt, symbolEnd);
  if (priceAt >= 0) price = asciiText(bytes, priceAt, priceEnd);
  if (rateAt >= 0) rate = asciiText(bytes, rateAt, rateEnd);
  return markTickOf(event, eventTime, symbol, price, rate, nextFunding) ?? undefined;
}
