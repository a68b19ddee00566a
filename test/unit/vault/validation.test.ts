/**
 * Every way a profile can be wrong, field by field: the code says which field to mark, the message
 * says what to do, and a refused profile writes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../../shared/profiles';
import { IpcFailure } from '../../../electron/ipc/dispatch';
import { alnum, hmacInput, KEYS, makeVault, profilesFile, tempDir } from './helpers';

const LOOPBACK_URLS = {
  wsApi: 'ws://127.0.0.1:9000/ws-fapi/v1',
  market: 'ws://127.0.0.1:9000/market',
  private: 'ws://127.0.0.1:9000/private',
  rest: 'http://127.0.0.1:9000',
};

const apiKey = alnum();
const truncatedPem = KEYS.ed25519.trim().replace(/\n([A-Za-z0-9+/=]+)\n-----END/, (_m, body: string) => `\n${body.slice(0, 20)}\n-----END`);

/** [case, overrides, code, message pattern] */
const CASES: Array<[string, Partial<ProfileInput> | Record<string, unknown>, string, RegExp]> = [
  ['an empty name', { name: '   ' }, 'invalid-name', /name of 1 to 100 characters/],
  ['a name over 100 characters', { name: 'x'.repeat(101) }, 'invalid-name', /1 to 100/],
  ['a short API key', { apiKey: 'abc123' }, 'invalid-api-key', /16 to 256 characters/],
  ['an API key with spaces inside', { apiKey: `${alnum(30)} ${alnum(30)}` }, 'invalid-api-key', /only contain letters and digits/],
  ['an API key with punctuation', { apiKey: `${alnum(60)}"';-` }, 'invalid-api-key', /letters and digits/],
  ['the secret pasted as the API key', { apiKey, secret: apiKey }, 'invalid-api-key', /the same/],
  ['no secret for a new profile', { secret: undefined }, 'invalid-secret', /Enter the API secret/],
  ['a short secret', { secret: 'abc' }, 'invalid-secret', /16 to 16,384 printable ASCII characters/],
  ['a secret with a control character', { secret: `${'s'.repeat(20)}\u0000` }, 'invalid-secret', /printable ASCII/],
  ['a name with a control character', { name: 'Main\u0007' }, 'invalid-name', /without control characters/],
  ['a PEM as an HMAC secret', { keyType: 'HMAC', secret: KEYS.ed25519 }, 'invalid-secret', /choose Ed25519 or RSA/],
  ['an HMAC secret with a space', { keyType: 'HMAC', secret: `${alnum(32)} ${alnum(31)}` }, 'invalid-secret', /spaces, line breaks/],
  ['an HMAC secret for an Ed25519 key', { keyType: 'ED25519', secret: alnum() }, 'invalid-secret', /looks like an HMAC secret/],
  ['text that is no PEM for RSA', { keyType: 'RSA', secret: 'my private key is here somewhere' }, 'invalid-secret', /Paste the whole RSA private key/],
  ['an RSA key as Ed25519', { keyType: 'ED25519', secret: KEYS.rsa }, 'invalid-secret', /This is an RSA key, not an Ed25519 key/],
  ['an Ed25519 key as RSA', { keyType: 'RSA', secret: KEYS.ed25519 }, 'invalid-secret', /This is an Ed25519 key, not an RSA key/],
  ['an EC key as Ed25519', { keyType: 'ED25519', secret: KEYS.ec }, 'invalid-secret', /type "ec"/],
  ['a PKCS#1 RSA key', { keyType: 'RSA', secret: KEYS.rsaPkcs1 }, 'invalid-secret', /PKCS#1.*openssl pkcs8 -topk8/],
  ['a passphrase-protected key', { keyType: 'RSA', secret: KEYS.rsaEncrypted }, 'invalid-secret', /passphrase/],
  ['a public key', { keyType: 'ED25519', secret: KEYS.ed25519Public }, 'invalid-secret', /This is a public key/],
  ['an OpenSSH key', { keyType: 'ED25519', secret: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----' }, 'invalid-secret', /OpenSSH format/],
  ['a 1024-bit RSA key', { keyType: 'RSA', secret: KEYS.rsaSmall }, 'invalid-secret', /1024 bits; Binance needs at least 2048/],
  ['a damaged PEM', { keyType: 'ED25519', secret: truncatedPem }, 'invalid-secret', /incomplete or damaged/],
  ['two keys in one paste', { keyType: 'ED25519', secret: `${KEYS.ed25519}\n${KEYS.ed25519}` }, 'invalid-secret', /exactly one PKCS#8 private key/],
  ['text around the PEM', { keyType: 'ED25519', secret: `my key:\n${KEYS.ed25519}` }, 'invalid-secret', /nothing before or after/],
  ['a custom environment without URLs', { environment: 'custom', customUrls: null }, 'invalid-urls', /needs its four URLs/],
  ['a plain ws:// URL to a remote host', { environment: 'custom', customUrls: { ...LOOPBACK_URLS, wsApi: 'ws://exchange.example/ws-fapi/v1' } }, 'invalid-urls', /WebSocket API URL must start with wss:\/\//],
  ['a plain http:// REST URL to a remote host', { environment: 'custom', customUrls: { ...LOOPBACK_URLS, rest: 'http://exchange.example' } }, 'invalid-urls', /REST URL must start with https:\/\//],
  ['a URL with credentials in it', { environment: 'custom', customUrls: { ...LOOPBACK_URLS, market: 'wss://user:pass@exchange.example/market' } }, 'invalid-urls', /market stream URL must not carry credentials/],
  ['something that is no URL', { environment: 'custom', customUrls: { ...LOOPBACK_URLS, private: 'not-a-url' } }, 'invalid-urls', /user data stream URL "not-a-url" is not a valid URL/],
  ['a URL with a space in it', { environment: 'custom', customUrls: { ...LOOPBACK_URLS, private: 'wss://exchange.example/pri vate' } }, 'invalid-urls', /user data stream URL may not contain spaces, quotes or backslashes/],
  ['an over-long URL', { environment: 'custom', customUrls: { ...LOOPBACK_URLS, rest: `https://${'a'.repeat(300)}.example` } }, 'invalid-urls', /four URLs of at most 300/],
  ['the demo environment', { environment: 'demo' }, 'invalid-profile', /testnet, mainnet or a custom/],
  ['an unknown key type', { keyType: 'DSA' }, 'invalid-profile', /HMAC, Ed25519 or RSA/],
  ['a missing opt-in flag', { allowPlaintext: undefined }, 'invalid-profile', /fill in every field/],
];

describe('profile validation', () => {
  it.each(CASES)('refuses %s', (_name, overrides, code, message) => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const keep = vault.save(hmacInput({ name: 'Existing' }));
    const before = readFileSync(profilesFile(dir), 'utf8');
    let failure: unknown;
    try {
      vault.save({ ...hmacInput(), ...overrides });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(IpcFailure);
    expect((failure as IpcFailure).code).toBe(code);
    expect((failure as IpcFailure).message).toMatch(message);
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);
    expect(vault.list().profiles).toEqual([keep]);
  });

  it('never quotes the rejected secret in its message', () => {
    const secretLike = `${alnum(40)} ${alnum(40)}`;
    for (const keyType of ['HMAC', 'ED25519', 'RSA'] as const) {
      try {
        makeVault(tempDir()).save(hmacInput({ keyType, secret: secretLike }));
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(IpcFailure);
        expect((error as Error).message).not.toContain(secretLike.slice(0, 20));
      }
    }
  });

  it('writes no file at all when the very first profile is refused', () => {
    const dir = tempDir();
    expect(() => makeVault(dir).save(hmacInput({ keyType: 'RSA', secret: KEYS.ed25519 }))).toThrow(IpcFailure);
    expect(existsSync(profilesFile(dir))).toBe(false);
  });
});
