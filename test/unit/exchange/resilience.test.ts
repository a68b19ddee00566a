import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/exchange/backoff';
import { forKeyType, fromExchangeReply, retryTimeOf } from '../../../electron/exchange/errors';
import { Watchdog } from '../../../electron/exchange/watchdog';

describe('backoff with full jitter', () => {
  it('first retry within 1 s, doubling ceilings, capped at 30 s', () => {
    expect(backoffDelay(0, { firstMs: 1_000, capMs: 30_000, random: () => 0.999 })).toBeLessThan(1_000);
    expect(backoffDelay(3, { firstMs: 1_000, capMs: 30_000, random: () => 0.999 })).toBe(7_992);
    expect(backoffDelay(40, { firstMs: 1_000, capMs: 30_000, random: () => 0.999 })).toBe(29_970);
    expect(backoffDelay(5, { firstMs: 1_000, capMs: 30_000, random: () => 0 })).toBe(0);
  });
});

describe('watchdog', () => {
  it('pings a quiet socket and declares it dead when nothing answers', () => {
    const watch = new Watchdog({ quietMs: 5_000, pongTimeoutMs: 3_000 }, 0);
    expect(watch.check(4_999)).toBe('alive');
    expect(watch.check(5_000)).toBe('ping');
    expect(watch.probing).toBe(true);
    expect(watch.check(7_999)).toBe('alive');
    expect(watch.check(8_000)).toBe('dead');
  });

  it('any frame or pong after the ping clears it', () => {
    const watch = new Watchdog({ quietMs: 5_000, pongTimeoutMs: 3_000 }, 0);
    expect(watch.check(6_000)).toBe('ping');
    watch.frame(6_500);
    expect(watch.probing).toBe(false);
    expect(watch.check(9_000)).toBe('alive');
    expect(watch.check(11_500)).toBe('ping');
  });
});

describe('rate limit and ban replies', () => {
  it('reads the retry time from error.data, else from the "banned until" text', () => {
    expect(retryTimeOf('Too many requests', 1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(retryTimeOf('Way too many requests; IP banned until 1700000123456. Please use WebSocket Streams', undefined)).toBe(1_700_000_123_456);
    expect(retryTimeOf('Too many requests', undefined)).toBeNull();
  });

  it('maps 429 to a pause and 418 to a ban with its end time', () => {
    const limited = fromExchangeReply(429, -1003, 'Too many requests; current limit is 2400 requests per minute.', 1_700_000_000_000);
    expect(limited).toMatchObject({ kind: 'rate-limit', retryAfter: 1_700_000_000_000 });
    const banned = fromExchangeReply(418, -1003, 'Way too many requests; IP banned until 1700000123456.');
    expect(banned.kind).toBe('banned');
    expect(banned.retryAfter).toBe(1_700_000_123_456);
    expect(banned.message).toMatch(/banned this IP for too many requests until \d\d:\d\d:\d\d UTC/);
  });

  it('gives every auth error a plain, actionable message', () => {
    expect(fromExchangeReply(401, -2015, 'Invalid API-key, IP, or permissions for action.').message).toBe(
      'The exchange rejected the API key: check the key, the IP whitelist, and that Futures is enabled for it.',
    );
    expect(fromExchangeReply(400, -2014, 'API-key format invalid.')).toMatchObject({ kind: 'auth' });
    expect(fromExchangeReply(400, -1022, 'Signature for this request is not valid.')).toMatchObject({ kind: 'auth' });
    expect(fromExchangeReply(400, -1021, 'Timestamp outside of recvWindow')).toMatchObject({ kind: 'clock' });
    expect(fromExchangeReply(503, -1234, 'x')).toMatchObject({ kind: 'transient' });
  });
});

describe('signature and key-type rejections name the key type in use', () => {
  it.each([
    ['HMAC', 'HMAC secret', 'an HMAC key (not Ed25519 or RSA)'],
    ['ED25519', 'Ed25519 private key', 'an Ed25519 key (not HMAC or RSA)'],
    ['RSA', 'RSA private key', 'an RSA key (not HMAC or Ed25519)'],
  ] as const)('-1022 with an %s key', (keyType, material, registered) => {
    const restated = forKeyType(fromExchangeReply(400, -1022, 'Signature for this request is not valid.'), keyType);
    expect(restated).toMatchObject({ code: -1022, kind: 'auth', status: 400, exchangeMessage: 'Signature for this request is not valid.' });
    expect(restated.message).toBe(
      `The exchange rejected the signature made with this ${material}: check that it belongs to this API key, and that the key is registered on the exchange as ${registered}.`,
    );
  });

  it('-4056 names the type held; other errors are left as they are', () => {
    expect(forKeyType(fromExchangeReply(400, -4056, 'Invalid API key type.'), 'ED25519').message).toBe(
      'The exchange rejected the key type: PerpDesk holds an Ed25519 key; check that the API key is registered on the exchange as Ed25519.',
    );
    const rejected = fromExchangeReply(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    expect(forKeyType(rejected, 'HMAC')).toBe(rejected);
  });
});
