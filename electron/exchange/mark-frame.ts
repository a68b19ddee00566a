/**
 * A fast path for the frame the mark stream carries thousands of per second: a combined-stream
 * `markPriceUpdate` written the way the exchange writes it,
 *
 *   {"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000",…}}
 *
 * read straight from the text instead of through `JSON.parse` and an object walk. `JSON.parse` of
 * such a frame costs more than everything else ingest does to it (bench/PROFILE.md, P1): it builds
 * two objects and ten strings of which the engine uses four.
 *
 * The fast path decides only what it can decide exactly: it returns the tick that
 * `JSON.parse` + `readMarkTick` would return, or `undefined` — "not mine" — for anything outside a
 * strict subset of JSON (whitespace, escapes, control characters, floats, exponents, integers of more
 * than 15 digits, negative numbers, `true`/`false`/`null`, nested values, other key orders in the
 * envelope) and for every frame whose fields fail the tick's checks. The caller then takes the full
 * path, which rejects or reports it as before; so a hostile frame costs what it did, never less checking.
 * The field checks themselves are `markTickOf` (wire.ts), shared with the full path.
 */
import { markTickOf, type MarkTick } from './wire';

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COMMA = 44; // ,
const COLON = 58; // :
const CLOSE_BRACE = 125; // }
const ZERO = 48;
/** Characters below this must be escaped inside a JSON string (RFC 8259 §7). */
const FIRST_PLAIN_CHARACTER = 0x20;
/** Up to 15 digits, an integer read digit by digit is exact (below 2^53), so it equals JSON.parse's. */
const MAX_INTEGER_DIGITS = 15;

const ENVELOPE_START = '{"stream":"';
/** What follows the stream name's closing quote: the `data` member, opening its object. */
const DATA_START = '","data":{';
const MARK_EVENT = 'markPriceUpdate';

/**
 * The index of the quote closing a JSON string whose content starts at `from`, or -1 when the string
 * is not closed or holds an escape or a control character (the full parser decides those).
 */
function stringEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) return index;
    if (code === BACKSLASH || code < FIRST_PLAIN_CHARACTER) return -1;
  }
  return -1;
}

const KEY_e = 101;
const KEY_E = 69;
const KEY_s = 115;
const KEY_p = 112;
const KEY_r = 114;
const KEY_T = 84;

/**
 * The tick of a mark frame in the exchange's plain layout, exactly as the full path would read it;
 * `undefined` when the frame is anything else or is not a valid tick (the full path decides those).
 */
export function readMarkFrame(text: string): MarkTick | undefined {
  if (!text.startsWith(ENVELOPE_START)) return undefined;
  const streamEnd = stringEnd(text, ENVELOPE_START.length);
  if (streamEnd < 0 || !text.startsWith(DATA_START, streamEnd)) return undefined;
  // The payload's members, each `"key":value`; a key given twice counts as its last (as in JSON.parse).
  let event: unknown;
  let eventTime: unknown;
  let symbol: unknown;
  let price: unknown;
  let rate: unknown;
  let nextFunding: unknown;
  let index = streamEnd + DATA_START.length;
  for (;;) {
    if (text.charCodeAt(index) !== QUOTE) return undefined;
    const keyStart = index + 1;
    const keyEnd = stringEnd(text, keyStart);
    if (keyEnd < 0 || text.charCodeAt(keyEnd + 1) !== COLON) return undefined;
    // The tick's keys are one character long; 0 stands for any other key.
    const key = keyEnd - keyStart === 1 ? text.charCodeAt(keyStart) : 0;
    const valueStart = keyEnd + 2;
    let valueEnd: number;
    if (text.charCodeAt(valueStart) === QUOTE) {
      const contentEnd = stringEnd(text, valueStart + 1);
      if (contentEnd < 0) return undefined;
      valueEnd = contentEnd + 1;
      // Only the strings the tick keeps are cut out of the text; the others only need to be
      // well-formed. A string where the tick needs a number is kept as '' (the checks refuse it).
      if (key === KEY_s) symbol = text.slice(valueStart + 1, contentEnd);
      else if (key === KEY_p) price = text.slice(valueStart + 1, contentEnd);
      else if (key === KEY_r) rate = text.slice(valueStart + 1, contentEnd);
      else if (key === KEY_e) event = contentEnd - valueStart - 1 === MARK_EVENT.length && text.startsWith(MARK_EVENT, valueStart + 1) ? MARK_EVENT : '';
      else if (key === KEY_E) eventTime = '';
      else if (key === KEY_T) nextFunding = '';
    } else {
      // A non-negative JSON integer: `0` or no leading zero, at most 15 digits, and nothing of a
      // fraction or an exponent after it (the next character must end the member).
      let value = 0;
      valueEnd = valueStart;
      for (; valueEnd < text.length; valueEnd++) {
        const digit = text.charCodeAt(valueEnd) - ZERO;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
      }
      const digits = valueEnd - valueStart;
      if (digits === 0 || digits > MAX_INTEGER_DIGITS || (digits > 1 && text.charCodeAt(valueStart) === ZERO)) return undefined;
      if (key === KEY_E) eventTime = value;
      else if (key === KEY_T) nextFunding = value;
      else if (key === KEY_e) event = value;
      else if (key === KEY_s) symbol = value;
      else if (key === KEY_p) price = value;
      else if (key === KEY_r) rate = value;
    }
    const next = text.charCodeAt(valueEnd);
    index = valueEnd + 1;
    if (next === CLOSE_BRACE) break;
    if (next !== COMMA) return undefined;
  }
  // The payload's object closes the envelope's, and nothing follows.
  if (index !== text.length - 1 || text.charCodeAt(index) !== CLOSE_BRACE) return undefined;
  return markTickOf(event, eventTime, symbol, price, rate, nextFunding) ?? undefined;
}
