import { describe, expect, it } from 'vitest';
import {
  type AuthContext,
  type Params,
  authorize,
  hmacSha256Hex,
  signaturePayload,
  verifyHmac,
} from '../../../electron/simulator/auth';

// PROTOCOL §3 vectors. V1/V2/V4 share the Spot documentation's secret and API key.
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const V2_PAYLOAD =
  'apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=52000.00&quantity=0.01000000' +
  '&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT';
const V2_SIGNATURE = 'aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24';
const V4_TIMESTAMP = 1702920680303;
const V4_SIGNATURE = '7143b997cc1914338bea9bb1d8ddae5e5d2412a93650ad94f07c113b2cc4f1ba';

const v4Params = (extra: Record<string, string | number | boolean> = {}): Params => ({
  timestamp: V4_TIMESTAMP,
  recvWindow: 5000,
  apiKey: API_KEY,
  signature: V4_SIGNATURE,
  ...extra,
});

const context = (serverTime = V4_TIMESTAMP + 10): AuthContext<string> => ({
  serverTime,
  findKey: (key) => (key === API_KEY ? { owner: 'spot-docs', secret: SECRET } : undefined),
});

describe('signature payload and HMAC (PROTOCOL §3)', () => {
  it('V2: sorts every param but signature, apiKey included, values as in the JSON', () => {
    const params: Params = {
      symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01000000', price: '52000.00',
      recvWindow: 100, timestamp: 1645423376532, apiKey: API_KEY, signature: 'ignored',
    };
    expect(signaturePayload(params)).toBe(V2_PAYLOAD);
    expect(hmacSha256Hex(SECRET, V2_PAYLOAD)).toBe(V2_SIGNATURE);
  });

  it('V4: the futures account.position payload', () => {
    const payload = signaturePayload(v4Params());
    expect(payload).toBe(`apiKey=${API_KEY}&recvWindow=5000&timestamp=1702920680303`);
    expect(hmacSha256Hex(SECRET, payload)).toBe(V4_SIGNATURE);
  });

  it('V1 and V3: plain HMAC over the literal payloads', () => {
    const v1 =
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(hmacSha256Hex(SECRET, v1)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
    const v3 =
      'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943';
    expect(hmacSha256Hex('2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9', v3)).toBe(
      '3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9',
    );
  });

  it('writes booleans as true/false and sorts by bytes (upper case first)', () => {
    expect(signaturePayload({ b: true, a: false, Z: 1 })).toBe('Z=1&a=false&b=true');
  });

  it('accepts the hex signature in either case and rejects anything else', () => {
    const payload = signaturePayload(v4Params());
    expect(verifyHmac(SECRET, payload, V4_SIGNATURE.toUpperCase())).toBe(true);
    expect(verifyHmac(SECRET, payload, V4_SIGNATURE.slice(0, 63))).toBe(false);
    expect(verifyHmac(SECRET, payload, 'z'.repeat(64))).toBe(false);
    expect(verifyHmac(SECRET, `${payload}&x=1`, V4_SIGNATURE)).toBe(false);
  });
});

describe('authorize', () => {
  const errorOf = (params: Params, ctx = context()) => {
    const result = authorize(params, ctx);
    return result.ok ? undefined : { code: result.error.code, status: result.error.status, msg: result.error.msg };
  };

  it('accepts the V4 request against its key', () => {
    expect(authorize(v4Params(), context())).toEqual({ ok: true, owner: 'spot-docs', apiKey: API_KEY, keyType: 'HMAC' });
  });

  it('rejects missing or ill-typed mandatory params with -1102 naming the param', () => {
    const { timestamp: _t, ...noTimestamp } = v4Params();
    expect(errorOf(noTimestamp)).toEqual({
      code: -1102,
      status: 400,
      msg: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
    });
    expect(errorOf(v4Params({ timestamp: String(V4_TIMESTAMP) }))?.code).toBe(-1102);
    expect(errorOf(v4Params({ timestamp: V4_TIMESTAMP + 0.5 }))?.code).toBe(-1102);
    expect(errorOf(v4Params({ recvWindow: '5000' }))?.msg).toContain("'recvWindow'");
    const { apiKey: _k, ...noKey } = v4Params();
    expect(errorOf(noKey)?.msg).toContain("'apiKey'");
    const { signature: _s, ...noSignature } = v4Params();
    expect(errorOf(noSignature)?.msg).toContain("'signature'");
  });

  it('enforces recvWindow ≤ 60000 and the timing window', () => {
    expect(errorOf(v4Params({ recvWindow: 60001 }))?.code).toBe(-1130);
    expect(errorOf(v4Params({ recvWindow: 0 }))?.code).toBe(-1130);
    // The signature no longer matches once recvWindow changes, but timing is checked first.
    const stale = errorOf(v4Params(), context(V4_TIMESTAMP + 5001));
    expect(stale?.msg).toBe('Timestamp for this request is outside of the recvWindow.');
    expect(errorOf(v4Params(), context(V4_TIMESTAMP + 5000))).toBeUndefined();
    const ahead = errorOf(v4Params(), context(V4_TIMESTAMP - 1000));
    expect(ahead?.msg).toBe("Timestamp for this request was 1000ms ahead of the server's time.");
    expect(errorOf(v4Params(), context(V4_TIMESTAMP - 999))).toBeUndefined();
  });

  it('checks key format (-2014), key existence (-2015), then the signature (-1022)', () => {
    expect(errorOf(v4Params({ apiKey: 'short' }))).toMatchObject({ code: -2014, status: 401 });
    expect(errorOf(v4Params({ apiKey: 'A'.repeat(64) }))).toMatchObject({ code: -2015, status: 401 });
    expect(errorOf(v4Params({ symbol: 'BTCUSDT' }))).toEqual({
      code: -1022,
      status: 400,
      msg: 'Signature for this request is not valid.',
    });
  });

  it('reports the first failing check when several fail', () => {
    // Stale, malformed key and bad signature at once: the timing window comes first.
    expect(errorOf(v4Params({ apiKey: 'short', signature: 'x' }), context(V4_TIMESTAMP + 10_000))?.code).toBe(-1021);
    // Missing timestamp beats everything.
    const { timestamp: _t, ...rest } = v4Params({ recvWindow: 99_999, apiKey: 'short' });
    expect(errorOf(rest)?.code).toBe(-1102);
  });
});
