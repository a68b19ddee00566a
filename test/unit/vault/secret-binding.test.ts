/**
 * Saved keys stay bound to their exchange (issue 14 item 1). The encrypted envelope seals the
 * secret with the profile's environment, custom URLs, API key and key type; unlock refuses when the
 * profiles file says otherwise, and an edit that keeps the stored secret may not change where it
 * goes. Envelopes written before the binding: upgraded on unlock for testnet/mainnet, refused for
 * custom profiles until the user enters the secret again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cipher } from '../../../electron/vault/cipher';
import { createEphemeralCipher } from '../../../electron/vault/ephemeral-cipher';
import type { StoredDocument } from '../../../electron/vault/stored-profiles';
import { alnum, failureOf, hmacInput, KEYS, makeVault, profilesFile, readStored, tempDir } from './helpers';

const LOCAL = {
  wsApi: 'ws://127.0.0.1:9100/ws-fapi/v1',
  market: 'ws://127.0.0.1:9100/market',
  private: 'ws://127.0.0.1:9100/private',
  rest: 'http://127.0.0.1:9100',
};
const EVIL = { ...LOCAL, wsApi: 'wss://evil.example/ws-fapi/v1', private: 'wss://evil.example/private' };

/** Rewrites the profiles file as someone with write access to it would. */
function editFile(dir: string, change: (doc: StoredDocument) => void): string {
  const doc = readStored(dir);
  change(doc);
  const text = JSON.stringify(doc);
  writeFileSync(profilesFile(dir), text);
  return text;
}

/** The decrypted envelope of the first profile, as JSON. */
function envelopeOf(dir: string, cipher: Cipher): Record<string, unknown> {
  const secret = readStored(dir).profiles[0]!.secret;
  if (secret.storage !== 'os-keystore') throw new Error('expected ciphertext');
  return JSON.parse(cipher.decrypt(Buffer.from(secret.ciphertext, 'base64'))) as Record<string, unknown>;
}

function setEnvelope(dir: string, cipher: Cipher, envelope: unknown): void {
  editFile(dir, (doc) => {
    doc.profiles[0]!.secret = { storage: 'os-keystore', ciphertext: cipher.encrypt(JSON.stringify(envelope)).toString('base64') };
  });
}

describe('unlock checks the profile against what its secret was sealed for', () => {
  it('testnet edited to custom URLs in the file: refused, saying what changed; nothing changed on disk', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const input = hmacInput();
    const { id } = vault.save(input);
    const edited = editFile(dir, (doc) => {
      doc.profiles[0]!.environment = 'custom';
      doc.profiles[0]!.customUrls = EVIL;
    });

    const failure = failureOf(() => vault.unlock(id));
    expect(failure.code).toBe('secret-mismatch');
    expect(failure.message).toMatch(/was saved for Binance testnet, but the profiles file now says otherwise/);
    expect(failure.message).toMatch(/the environment \(Binance testnet → a custom environment\)/);
    expect(failure.message).toMatch(/nothing was sent and nothing was changed/);
    expect(failure.message).not.toContain(input.apiKey);
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(edited);
    expect(vault.list().profiles.map((p) => p.id)).toEqual([id]);

    // Put back as it was, the profile unlocks again: nothing was lost.
    editFile(dir, (doc) => {
      doc.profiles[0]!.environment = 'testnet';
      doc.profiles[0]!.customUrls = null;
    });
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
  });

  it('testnet edited to mainnet in the file: refused', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const { id } = vault.save(hmacInput());
    editFile(dir, (doc) => {
      doc.profiles[0]!.environment = 'mainnet';
    });
    expect(failureOf(() => vault.unlock(id)).message).toMatch(/the environment \(Binance testnet → Binance mainnet\)/);
  });

  it('a custom URL edited in the file: refused, naming the URL and its new host', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const { id } = vault.save(hmacInput({ environment: 'custom', customUrls: LOCAL }));
    editFile(dir, (doc) => {
      doc.profiles[0]!.customUrls = EVIL;
    });
    const failure = failureOf(() => vault.unlock(id));
    expect(failure.code).toBe('secret-mismatch');
    expect(failure.message).toMatch(/saved for a custom environment at ws:\/\/127\.0\.0\.1:9100/);
    expect(failure.message).toMatch(/the WebSocket API URL \(now wss:\/\/evil\.example\) and the user data stream URL \(now wss:\/\/evil\.example\)/);
  });

  it('the API key or the key type edited in the file: refused', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const ed = vault.save(hmacInput({ name: 'Ed', keyType: 'ED25519', secret: KEYS.ed25519 }));
    const original = readStored(dir).profiles[0]!.apiKey;
    editFile(dir, (doc) => {
      doc.profiles[0]!.apiKey = alnum();
    });
    expect(failureOf(() => vault.unlock(ed.id)).message).toMatch(/\(the API key\)/);
    editFile(dir, (doc) => {
      doc.profiles[0]!.apiKey = original;
      doc.profiles[0]!.keyType = 'RSA';
    });
    const failure = failureOf(() => vault.unlock(ed.id));
    expect(failure.code).toBe('secret-mismatch');
    expect(failure.message).toMatch(/the key type \(Ed25519 → RSA\)/);
  });

  it('a sealed binding altered inside the ciphertext without the secret (as CBC bit flips could) does not decrypt', () => {
    const dir = tempDir();
    const cipher = createEphemeralCipher();
    const vault = makeVault(dir, cipher);
    const { id } = vault.save(hmacInput());
    const envelope = envelopeOf(dir, cipher);
    expect(envelope).toMatchObject({ v: 2, profile: id, binding: { environment: 'testnet', customUrls: null, keyType: 'HMAC' } });
    // The attacker rewrites the binding and the plaintext fields to match; the MAC needs the secret.
    setEnvelope(dir, cipher, { ...envelope, binding: { ...(envelope.binding as object), environment: 'custom', customUrls: EVIL } });
    editFile(dir, (doc) => {
      doc.profiles[0]!.environment = 'custom';
      doc.profiles[0]!.customUrls = EVIL;
    });
    expect(failureOf(() => vault.unlock(id)).code).toBe('secret-unreadable');
  });
});

describe('an edit that keeps the stored secret may not change where it goes', () => {
  it('a new environment without the secret is refused, naming the environment; nothing is written', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const input = hmacInput();
    const { id } = vault.save(input);
    const before = readFileSync(profilesFile(dir), 'utf8');
    const failure = failureOf(() =>
      vault.save({ ...input, id, apiKey: undefined, secret: undefined, environment: 'custom', customUrls: EVIL }),
    );
    expect(failure.code).toBe('invalid-secret');
    expect(failure.message).toBe(
      'Changing the environment from Binance testnet to a custom environment at wss://evil.example sends the API key to other servers, ' +
        'so it needs the secret again: enter the API secret.',
    );
    expect(failureOf(() => vault.save({ ...input, id, secret: undefined, environment: 'mainnet' })).message).toMatch(
      /^Changing the environment from Binance testnet to Binance mainnet/,
    );
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);
  });

  it('a changed custom URL without the secret is refused, naming the URL; with the secret it is saved and unlocks there', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const input = hmacInput({ keyType: 'ED25519', secret: KEYS.ed25519, environment: 'custom', customUrls: LOCAL });
    const { id } = vault.save(input);
    const moved = { ...LOCAL, rest: 'https://evil.example' };
    const failure = failureOf(() => vault.save({ ...input, id, apiKey: undefined, secret: undefined, customUrls: moved }));
    expect(failure.code).toBe('invalid-secret');
    expect(failure.message).toMatch(/^Changing the REST URL \(now https:\/\/evil\.example\) sends the API key to another server/);
    expect(failure.message).toMatch(/paste the Ed25519 private key \(PEM\) or choose its file\.$/);
    expect(vault.unlock(id).endpoints.rest).toBe(LOCAL.rest);

    vault.save({ ...input, id, apiKey: undefined, customUrls: moved });
    expect(vault.unlock(id).endpoints.rest).toBe('https://evil.example');
  });

  it('a renamed profile, or URLs given again unchanged, keep the secret', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const input = hmacInput({ environment: 'custom', customUrls: LOCAL });
    const { id } = vault.save(input);
    vault.save({ ...input, id, apiKey: undefined, secret: undefined, name: 'Renamed', customUrls: { ...LOCAL, rest: `${LOCAL.rest}/` } });
    expect(vault.unlock(id)).toMatchObject({ name: 'Renamed', credentials: { apiKey: input.apiKey, secret: input.secret } });
  });

  it('a new API key for the same Ed25519 key is sealed again, bound to the new key', () => {
    const dir = tempDir();
    const cipher = createEphemeralCipher();
    const vault = makeVault(dir, cipher);
    const input = hmacInput({ keyType: 'ED25519', secret: KEYS.ed25519 });
    const { id } = vault.save(input);
    const apiKey = alnum();
    vault.save({ ...input, id, apiKey, secret: undefined });
    expect(envelopeOf(dir, cipher)).toMatchObject({ binding: { apiKey } });
    expect(vault.unlock(id).credentials).toEqual({ apiKey, privateKeyPem: KEYS.ed25519.trim() });
  });

  it('an edit cannot launder a file changed outside PerpDesk: a kept secret is checked before it is sealed again', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const input = hmacInput({ keyType: 'ED25519', secret: KEYS.ed25519 });
    const { id } = vault.save(input);
    editFile(dir, (doc) => {
      doc.profiles[0]!.environment = 'mainnet';
    });
    const failure = failureOf(() => vault.save({ ...input, id, apiKey: alnum(), secret: undefined, environment: 'mainnet' }));
    expect(failure.code).toBe('secret-mismatch');
  });
});

describe('envelopes written before the binding', () => {
  function legacyProfile(environment: 'testnet' | 'custom') {
    const dir = tempDir();
    const cipher = createEphemeralCipher();
    const vault = makeVault(dir, cipher);
    const input = hmacInput(environment === 'custom' ? { environment, customUrls: LOCAL } : {});
    const { id } = vault.save(input);
    setEnvelope(dir, cipher, { profile: id, secret: input.secret });
    return { dir, cipher, vault, input, id };
  }

  it('testnet or mainnet: unlocked, and sealed again with the binding on that unlock', () => {
    const { dir, cipher, vault, input, id } = legacyProfile('testnet');
    expect(envelopeOf(dir, cipher)).toEqual({ profile: id, secret: input.secret });
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
    expect(envelopeOf(dir, cipher)).toMatchObject({ v: 2, profile: id, binding: { environment: 'testnet', apiKey: input.apiKey } });
    // From now on the binding holds.
    editFile(dir, (doc) => {
      doc.profiles[0]!.environment = 'mainnet';
    });
    expect(failureOf(() => vault.unlock(id)).code).toBe('secret-mismatch');
  });

  it('an upgrade the key store refuses does not stop the unlock; the next unlock tries again', () => {
    const { dir, cipher, input, id } = legacyProfile('testnet');
    const refusing: Cipher = { ...cipher, encrypt: () => { throw new Error('key ring locked'); } };
    const before = readFileSync(profilesFile(dir), 'utf8');
    expect(makeVault(dir, refusing).unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);
    makeVault(dir, cipher).unlock(id);
    expect(envelopeOf(dir, cipher)).toMatchObject({ v: 2, profile: id });
  });

  it('custom: refused until the secret is entered again, naming the host; nothing is changed', () => {
    const { dir, vault, input, id } = legacyProfile('custom');
    const before = readFileSync(profilesFile(dir), 'utf8');
    const failure = failureOf(() => vault.unlock(id));
    expect(failure.code).toBe('secret-unbound');
    expect(failure.message).toMatch(/saved by an earlier PerpDesk/);
    expect(failure.message).toMatch(/It now points at a custom environment at ws:\/\/127\.0\.0\.1:9100/);
    expect(failure.message).toMatch(/edit the profile and enter its secret again/);
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);

    vault.save({ ...input, id, apiKey: undefined });
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
  });
});
