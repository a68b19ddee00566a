/**
 * Non-ASCII values in signed requests (PROTOCOL §13.1). The WS API never signs one (the guard); the
 * REST encoder follows Binance's documented rule — percent-encode UTF-8 per RFC 3986, then sign
 * exactly the encoded text — checked against the docs' example and a vector computed with Node
 * crypto and OpenSSL (`openssl dgst -sha256 -hmac <V1 secret>` over the encoded text).
 */
import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../electron/exchange/errors';
import { accountPositionRows, type WsApiContext } from '../../../electron/exchange/methods';
import { encodeQuery, percentEncode, signedQuery } from '../../../electron/exchange/rest-query';
import { assertSignable, isUnreserved } from '../../../electron/exchange/signable-params';
import { createSigner } from '../../../electron/exchange/signing';
import type { RpcSocket } from '../../../electron/exchange/transport';

/** PROTOCOL §3 vector V1's secret (Binance's spot REST example). */
const V1_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const DOC_SYMBOL = '这是测试币456';
const DOC_ENCODED = 'symbol=%E8%BF%99%E6%98%AF%E6%B5%8B%E8%AF%95%E5%B8%81456';
/** HMAC-SHA256(V1 secret, DOC_ENCODED): Node crypto and OpenSSL agree. */
const DOC_ENCODED_HMAC = 'c01fb62c8ef73c5560e3cd3d9fca3bf1c675f88c10cbd759f12e9eaeca29d91c';
/** The same secret over the raw UTF-8 text: what a client that forgets to encode would send. */
const RAW_UTF8_HMAC = '01072e4cfdc946f208b4df1b7a45c18e4c6eb6c81f201ed5c8867a2df7937317';

describe('REST: percent-encode (RFC 3986, UTF-8), then sign exactly what is sent', () => {
  it('encodes the documented example byte for byte', () => {
    expect(encodeQuery({ symbol: DOC_SYMBOL })).toBe(DOC_ENCODED);
  });

  it('signs the encoded text: the documented vector, not the raw UTF-8 one', () => {
    const signer = createSigner({ apiKey: 'k', secret: V1_SECRET });
    expect(signedQuery(signer, { symbol: DOC_SYMBOL })).toBe(`${DOC_ENCODED}&signature=${DOC_ENCODED_HMAC}`);
    expect(DOC_ENCODED_HMAC).not.toBe(RAW_UTF8_HMAC);
  });

  it('leaves the unreserved set alone and encodes what RFC 3986 reserves (encodeURIComponent does not)', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode("!'()* +/=&")).toBe('%21%27%28%29%2A%20%2B%2F%3D%26');
  });

  it('URL-encodes base64 signatures (RSA, Ed25519) so +, / and = survive the query', () => {
    const signer = { keyType: 'ED25519' as const, apiKey: 'k', sign: () => 'a+b/c==' };
    expect(signedQuery(signer, { timestamp: 1 })).toBe('timestamp=1&signature=a%2Bb%2Fc%3D%3D');
  });
});

describe('WS API: PerpDesk never signs a value outside A-Z a-z 0-9 - _ . ~', () => {
  it('tells unreserved text from the rest', () => {
    expect(isUnreserved('BTCUSDT_260327')).toBe(true);
    expect(isUnreserved('1000PEPE.x~y-z')).toBe(true);
    for (const value of ['币安人生USDT', 'BTC USDT', 'BTC&USDT', 'ＢＴＣ', 'a=b', 'é']) expect(isUnreserved(value)).toBe(false);
  });

  it('refuses with a clear request error before anything is signed', () => {
    expect(() => assertSignable('account.position', { symbol: '币安人生USDT', timestamp: 1 })).toThrowError(ExchangeError);
    try {
      assertSignable('account.position', { symbol: '币安人生USDT' });
    } catch (error) {
      expect(error).toMatchObject({ kind: 'request', code: 0 });
      expect((error as Error).message).toMatch(/does not sign account\.position with a symbol outside A-Z a-z 0-9 - _ \. ~/);
    }
    expect(assertSignable('account.position', { symbol: 'BTCUSDT', timestamp: 1, returnRateLimits: false })).toEqual({
      symbol: 'BTCUSDT',
      timestamp: 1,
      returnRateLimits: false,
    });
  });

  it('a method asked for such a symbol sends nothing and never calls the signer', async () => {
    const sent: string[] = [];
    let signed = 0;
    const context: WsApiContext = {
      rpc: { request: (method: string) => (sent.push(method), Promise.resolve({})) } as unknown as RpcSocket,
      signer: { keyType: 'HMAC', apiKey: 'key', sign: () => String(++signed) },
      serverNow: () => 1_700_000_000_000,
    };
    await expect(accountPositionRows(context, '币安人生USDT')).rejects.toMatchObject({ kind: 'request' });
    expect(sent).toEqual([]);
    expect(signed).toBe(0);
  });
});
