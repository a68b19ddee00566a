/**
 * Redaction, checked by properties (fast-check) over the shapes secrets take in log text: JSON
 * (once or twice encoded), util.inspect output, query strings, headers, bare PEM blocks of every
 * type (whole or cut off), and listen keys in stream paths and replies. Whatever the value, it does
 * not survive; the text around it does; redacting twice changes nothing.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../../electron/exchange/signing';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${ALNUM}+/`;

const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
/** An API key, HMAC secret or listen key: letters and digits. */
const token = fc.string({ unit: chars(ALNUM), minLength: 16, maxLength: 64 });
/** Free text a quoted value may hold: spaces and punctuation, never a quote or a backslash. */
const freeText = fc.string({ unit: chars(`${ALNUM} .:,;=&}{-+/_!@#$%^*()[]`), maxLength: 40 });
/** A quoted value: a token (which must not survive) followed by free text (which must not either). */
const quotedValue = fc.tuple(token, freeText).map(([head, tail]) => ({ head, value: head + tail }));
const secretName = fc.constantFrom('apiKey', 'APIKEY', 'signature', 'secret', 'privateKeyPem', 'listenKey', 'X-MBX-APIKEY');

const PEM_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'DSA PRIVATE KEY'];
/** A PEM block's parts: its label and base64 body lines (64 characters, the last one shorter). */
const pemBlock = fc
  .record({
    label: fc.constantFrom(...PEM_LABELS),
    lines: fc.array(fc.string({ unit: chars(BASE64), minLength: 64, maxLength: 64 }), { minLength: 1, maxLength: 6 }),
    last: fc.string({ unit: chars(BASE64), minLength: 12, maxLength: 60 }),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ label, lines, last, eol }) => {
    const body = [...lines, `${last}==`];
    const text = [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join(eol);
    return { text, body };
  });

/** Nothing of the PEM's body, header or footer is left. */
function expectNoPem(clean: string, body: readonly string[]): void {
  for (const line of body) expect(clean).not.toContain(line);
  expect(clean).not.toMatch(/-----(BEGIN|END) /);
}

function expectIdempotent(clean: string): void {
  expect(redact(clean)).toBe(clean);
}

describe('redact: property tests', () => {
  it('a quoted value is hidden whole, spaces and all, in JSON, twice-encoded JSON and util.inspect output', () => {
    fc.assert(
      fc.property(secretName, quotedValue, fc.integer({ min: 0 }), (name, { head, value }, timestamp) => {
        const object = { method: 'account.position', [name]: value, timestamp };
        for (const text of [JSON.stringify(object), JSON.stringify(JSON.stringify(object)), inspect(object, { breakLength: Infinity })]) {
          const clean = redact(text);
          expect(clean).not.toContain(head);
          expect(clean).not.toContain(value);
          expect(clean).toContain(String(timestamp));
          expect(clean).toContain('account.position');
          expectIdempotent(clean);
        }
      }),
    );
  });

  it('a bare value is hidden in query strings, form bodies and headers; the other parameters stay', () => {
    fc.assert(
      fc.property(secretName, token, fc.integer({ min: 0 }), (name, value, timestamp) => {
        for (const text of [`${name}=${value}&timestamp=${timestamp}`, `GET /fapi/v1/x?timestamp=${timestamp}&${name}=${value}`, `${name}: ${value}`]) {
          const clean = redact(text);
          expect(clean).not.toContain(value);
          if (text.includes('timestamp')) expect(clean).toContain(`timestamp=${timestamp}`);
          expectIdempotent(clean);
        }
      }),
    );
  });

  it('a PEM private key of any type is hidden: bare in a message, JSON-encoded, inspected, or cut off before its footer', () => {
    fc.assert(
      fc.property(pemBlock, fc.nat(), (pem, cutAt) => {
        const cut = pem.text.slice(0, Math.max(pem.text.indexOf('\n') + 1, cutAt % pem.text.length));
        const texts = [
          `read key file: ${pem.text}\nnext line`,
          JSON.stringify({ privateKeyPem: pem.text, keyType: 'ED25519' }),
          JSON.stringify({ note: 'pasted', value: pem.text }),
          inspect({ privateKeyPem: pem.text }),
          `frame ${cut}`,
        ];
        for (const text of texts) {
          const clean = redact(text);
          expectNoPem(clean, text === texts[4] ? pem.body.filter((line) => cut.includes(line)) : pem.body);
          expectIdempotent(clean);
        }
        expect(redact(`read key file: ${pem.text}\nnext line`)).toBe('read key file: [REDACTED PEM]\nnext line');
      }),
    );
  });

  it('a listen key is hidden in stream paths, in listenKey= queries and in JSON replies', () => {
    fc.assert(
      fc.property(token, fc.constantFrom('wss://fstream.binance.com', 'ws://127.0.0.1:9000'), (listenKey, origin) => {
        const texts = [
          `${origin}/private/ws/${listenKey} closed`,
          `${origin}/ws/${listenKey}`,
          `${origin}/private/ws?listenKey=${listenKey}&events=ORDER_TRADE_UPDATE`,
          JSON.stringify({ id: 'a1', status: 200, result: { listenKey } }),
        ];
        for (const text of texts) {
          const clean = redact(text);
          expect(clean).not.toContain(listenKey);
          expect(clean).toContain(origin.startsWith('ws') && text.startsWith(origin) ? origin : '"status":200');
          expectIdempotent(clean);
        }
      }),
    );
  });

  it('text without secrets is left exactly as it was', () => {
    const word = fc.constantFrom(
      'connected to wss://ws-fapi.binance.com/ws-fapi/v1',
      'wss://fstream.binance.com/market/ws/btcusdt@markPrice',
      '/market/stream?streams=btcusdt@markPrice/ethusdt@markPrice',
      '{"symbol":"BTCUSDT","positionAmt":"0.010","entryPrice":"97000.1"}',
      'secretStorage: os-keystore',
      'reconnecting in 0.4 s',
      'timestamp=1733000000000&recvWindow=5000',
      'HTTP 429',
      '-----',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', '\n', ', '), (words, separator) => {
        const text = words.join(separator);
        expect(redact(text)).toBe(text);
      }),
    );
  });
});

describe('redact: the cases the review found', () => {
  it('a JSON-quoted privateKeyPem is hidden past its first space', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFakeFakeFakeFakeFakeFakeFakeFakeFakeFake\n-----END PRIVATE KEY-----';
    expect(redact(JSON.stringify({ privateKeyPem: pem, apiKey: 'K'.repeat(64) }))).toBe(
      '{"privateKeyPem":"[REDACTED]","apiKey":"[REDACTED]"}',
    );
  });

  it('listenKey= and "listenKey":"…" and /ws/<listenKey>', () => {
    const key = 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1';
    expect(redact(`listenKey=${key}&events=A`)).toBe('listenKey=[REDACTED]&events=A');
    expect(redact(`{"listenKey":"${key}"}`)).toBe('{"listenKey":"[REDACTED]"}');
    expect(redact(`wss://fstream.binance.com/private/ws/${key}`)).toBe('wss://fstream.binance.com/private/ws/[REDACTED]');
  });
});
