import { generateKeyPairSync, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner, redact, signaturePayload, signHmac, signParams } from '../../../electron/exchange/signing';

// PROTOCOL §3 test vectors, payloads copied byte-exactly.
const V1_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';

describe('HMAC signing vectors (PROTOCOL §3)', () => {
  it('V1: Spot REST classic example', () => {
    const payload =
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(signHmac(V1_SECRET, payload)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });

  it('V2: Spot WS API example, payload built by sorting the params', () => {
    const params = {
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01000000',
      price: '52000.00',
      recvWindow: 100,
      timestamp: 1645423376532,
      apiKey: API_KEY,
    };
    const payload = signaturePayload(params);
    expect(payload).toBe(
      `apiKey=${API_KEY}&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT`,
    );
    expect(signHmac(V1_SECRET, payload)).toBe('aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24');
  });

  it('V2 variant with raw UTF-8 values is signed without percent-encoding', () => {
    const payload = signaturePayload({
      apiKey: API_KEY,
      price: '0.10000000',
      quantity: '1.00000000',
      recvWindow: 5000,
      side: 'BUY',
      symbol: '１２３４５６',
      timeInForce: 'GTC',
      timestamp: 1645423376532,
      type: 'LIMIT',
    });
    expect(signHmac(V1_SECRET, payload)).toBe('b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd');
  });

  it('V3: futures REST example', () => {
    const payload =
      'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943';
    expect(signHmac('2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9', payload)).toBe(
      '3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9',
    );
  });

  it('V4: an account.position request signed by signParams', () => {
    const signer = createSigner({ apiKey: API_KEY, secret: V1_SECRET });
    const signed = signParams(signer, { timestamp: 1702920680303, recvWindow: 5000, apiKey: API_KEY });
    expect(signaturePayload(signed)).toBe(`apiKey=${API_KEY}&recvWindow=5000&timestamp=1702920680303`);
    expect(signed.signature).toBe('7143b997cc1914338bea9bb1d8ddae5e5d2412a93650ad94f07c113b2cc4f1ba');
    expect(signer.keyType).toBe('HMAC');
  });
});

describe('asymmetric keys', () => {
  it('V5: Ed25519 logon payload, key type detected from the PEM', () => {
    const pem = [
      '-----BEGIN PRIVATE KEY-----',
      'MC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g',
      '-----END PRIVATE KEY-----',
    ].join('\n');
    const signer = createSigner({ apiKey: API_KEY, privateKeyPem: pem });
    expect(signer.keyType).toBe('ED25519');
    expect(signer.sign(`apiKey=${API_KEY}&timestamp=1649729878532`)).toBe(
      'zL2oRZutYNTCotSAy7/jJ9uUk6Kni6ry+/pL6KiXs7L5dI/ZLzAvOGwrVMNcK7+fZnqbOFbPyXwkuw3XDri0Dg==',
    );
  });

  it('RSA: PKCS#1 v1.5 SHA-256 signature that the public key verifies', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signer = createSigner({ apiKey: API_KEY, privateKeyPem: pem });
    expect(signer.keyType).toBe('RSA');
    const payload = `apiKey=${API_KEY}&timestamp=1`;
    const signature = signer.sign(payload);
    expect(signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(verify('sha256', Buffer.from(payload), createPublicKey(privateKey), Buffer.from(signature, 'base64'))).toBe(true);
  });

  it('refuses a key of another kind with a plain message', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => createSigner({ apiKey: API_KEY, privateKeyPem: pem })).toThrow(/Ed25519 or RSA/);
  });
});

describe('redact', () => {
  it('hides keys and signatures in log text', () => {
    const text = JSON.stringify({ params: { apiKey: API_KEY, signature: 'abcdef', timestamp: 1 } });
    const clean = redact(text);
    expect(clean).not.toContain(API_KEY);
    expect(clean).not.toContain('abcdef');
    expect(clean).toContain('"timestamp":1');
    expect(redact(`apiKey=${API_KEY}&signature=ff00`)).toBe('apiKey=[REDACTED]&signature=[REDACTED]');
  });
});
