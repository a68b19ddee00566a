/**
 * Ed25519 and RSA verification (PROTOCOL §3): the published V5 vector, the demo keys, and
 * authorize() with session keys.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuthContext, type KnownKey, authorize, signaturePayload, verifySignature } from '../../../electron/simulator/auth';
import { ASYMMETRIC_DEMO_KEYS } from '../../../electron/simulator/demo-keys';
import { demoKeyRegistry } from '../../../electron/simulator/key-registry';

// V5: seed bytes 0x01…0x20, published as PKCS#8 and SPKI bodies.
const V5_PRIVATE = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n-----END PRIVATE KEY-----\n';
const V5_PUBLIC = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=\n-----END PUBLIC KEY-----\n';
const V5_API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const V5_PAYLOAD = `apiKey=${V5_API_KEY}&timestamp=1649729878532`;
const V5_SIGNATURE = 'zL2oRZutYNTCotSAy7/jJ9uUk6Kni6ry+/pL6KiXs7L5dI/ZLzAvOGwrVMNcK7+fZnqbOFbPyXwkuw3XDri0Dg==';

const v5Key: KnownKey<string> = { owner: 'v5', keyType: 'ED25519', publicKey: createPublicKey(V5_PUBLIC) };

describe('Ed25519 and RSA signatures', () => {
  it('V5: the published Ed25519 signature verifies against the published public key', () => {
    expect(verifySignature(v5Key, V5_PAYLOAD, V5_SIGNATURE)).toBe(true);
    expect(createPublicKey(createPrivateKey(V5_PRIVATE)).export({ type: 'spki', format: 'pem' })).toBe(V5_PUBLIC);
  });

  it('V5: a changed payload, a changed byte or a re-encoded signature does not verify', () => {
    expect(verifySignature(v5Key, V5_PAYLOAD.replace('8532', '8533'), V5_SIGNATURE)).toBe(false);
    expect(verifySignature(v5Key, V5_PAYLOAD, `A${V5_SIGNATURE.slice(1)}`)).toBe(false);
    expect(verifySignature(v5Key, V5_PAYLOAD, V5_SIGNATURE.replace(/=+$/, ''))).toBe(false);
    expect(verifySignature(v5Key, V5_PAYLOAD, Buffer.from(V5_SIGNATURE, 'base64').toString('hex'))).toBe(false);
    expect(verifySignature(v5Key, V5_PAYLOAD, 'AAAA')).toBe(false); // valid base64, wrong length
  });

  it('V5 through authorize(): sorted params, apiKey included', () => {
    const params = { apiKey: V5_API_KEY, timestamp: 1649729878532, signature: V5_SIGNATURE };
    expect(signaturePayload(params)).toBe(V5_PAYLOAD);
    const context: AuthContext<string> = { serverTime: 1649729878600, findKey: (k) => (k === V5_API_KEY ? v5Key : undefined) };
    expect(authorize(params, context)).toEqual({ ok: true, owner: 'v5', apiKey: V5_API_KEY, keyType: 'ED25519' });
  });

  it('RSA: PKCS#1 v1.5 with SHA-256, base64', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key: KnownKey<string> = { owner: 'r', keyType: 'RSA', publicKey };
    const signature = sign('sha256', Buffer.from(V5_PAYLOAD), privateKey).toString('base64');
    expect(verifySignature(key, V5_PAYLOAD, signature)).toBe(true);
    expect(verifySignature(key, `${V5_PAYLOAD}&x=1`, signature)).toBe(false);
    expect(verifySignature(key, V5_PAYLOAD, sign('sha512', Buffer.from(V5_PAYLOAD), privateKey).toString('base64'))).toBe(false);
  });

  it('every demo key parses as its declared type and signs verifiably', () => {
    const registry = demoKeyRegistry();
    expect(registry.size).toBe(7); // three HMAC keys (oneway, hedge, multi), Ed25519 + RSA for oneway and hedge
    for (const demo of ASYMMETRIC_DEMO_KEYS) {
      const known = registry.get(demo.apiKey)!;
      const algorithm = demo.keyType === 'RSA' ? 'sha256' : null;
      const signature = sign(algorithm, Buffer.from(V5_PAYLOAD), createPrivateKey(demo.privateKeyPem)).toString('base64');
      expect(verifySignature(known, V5_PAYLOAD, signature)).toBe(true);
    }
  });

  it('a session key authorises requests without apiKey/signature but still checks the timestamp', () => {
    const context: AuthContext<string> = {
      serverTime: 1000_000,
      findKey: () => undefined,
      session: { apiKey: V5_API_KEY, owner: 'v5' },
    };
    expect(authorize({ timestamp: 999_000 }, context)).toEqual({ ok: true, owner: 'v5', apiKey: V5_API_KEY, keyType: 'ED25519' });
    expect(authorize({ timestamp: 999_000, apiKey: V5_API_KEY }, context)).toMatchObject({ ok: true });
    expect(authorize({}, context)).toMatchObject({ ok: false, error: { code: -1102 } });
    expect(authorize({ timestamp: 990_000 }, context)).toMatchObject({ ok: false, error: { code: -1021 } });
    expect(authorize({ timestamp: 999_000, apiKey: 'X'.repeat(64) }, context)).toMatchObject({ ok: false, error: { code: -1102 } });
  });
});
