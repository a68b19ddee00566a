/**
 * The vault over real files in a temp dir, with an in-memory test cipher: what is stored, what is
 * refused, what survives a restart, and the file's owner-only mode. Damage: vault-damage.test.ts.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../../electron/exchange/signing';
import { TESTNET } from '../../../electron/exchange/endpoints';
import { createEphemeralCipher } from '../../../electron/vault/ephemeral-cipher';
import { MAX_PROFILES } from '../../../electron/vault/profile-vault';
import { openConfStore } from '../../../electron/vault/store-file';
import { alnum, failureOf, fileMode, hmacInput, KEYS, locationIn, makeVault, profilesFile, readStored, tempDir } from './helpers';

describe('ProfileVault: storing profiles', () => {
  it('round-trips an HMAC profile: summary without the secret, ciphertext on disk, credentials back on unlock', () => {
    const dir = tempDir();
    const cipher = createEphemeralCipher();
    const vault = makeVault(dir, cipher);
    const input = hmacInput();
    const summary = vault.save(input);

    expect(summary).toEqual({
      id: expect.any(String) as string,
      name: 'Main account',
      environment: 'testnet',
      keyType: 'HMAC',
      apiKeyTail: input.apiKey.slice(-4),
      secretStorage: 'os-keystore',
      customUrls: null,
    });
    const file = readFileSync(profilesFile(dir), 'utf8');
    expect(file).not.toContain(input.secret);
    expect(file).toContain('"ciphertext"');

    // A restart: a new vault over the same file and the same key store.
    const reopened = makeVault(dir, cipher);
    expect(reopened.list()).toEqual({ profiles: [summary], activeId: null });
    const unlocked = reopened.unlock(summary.id);
    expect(unlocked.credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
    expect(unlocked.endpoints).toEqual(TESTNET);
  });

  it.each([
    ['ED25519', KEYS.ed25519],
    ['RSA', KEYS.rsa],
  ] as const)('round-trips a %s profile; the stored PEM signs with that algorithm', (keyType, pem) => {
    const vault = makeVault(tempDir());
    const summary = vault.save(hmacInput({ keyType, secret: pem }));
    const { credentials } = vault.unlock(summary.id);
    expect(credentials).toEqual({ apiKey: expect.any(String) as string, privateKeyPem: pem.trim() });
    expect(createSigner(credentials).keyType).toBe(keyType);
  });

  it('accepts a PEM pasted with Windows line endings and surrounding blank lines', () => {
    const vault = makeVault(tempDir());
    const pasted = `\r\n${KEYS.ed25519.trim().replace(/\n/g, '\r\n')}\r\n\r\n`;
    const summary = vault.save(hmacInput({ keyType: 'ED25519', secret: pasted }));
    expect(vault.unlock(summary.id).credentials).toEqual({ apiKey: expect.any(String) as string, privateKeyPem: KEYS.ed25519.trim() });
  });

  it('editing without a new secret keeps the stored one, byte for byte', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const input = hmacInput();
    const { id } = vault.save(input);
    const ciphertextBefore = readStored(dir).profiles[0]!.secret;

    const edited = vault.save({ ...input, id, secret: undefined, name: 'Renamed' });
    expect(edited).toMatchObject({ id, name: 'Renamed', environment: 'testnet' });
    expect(readStored(dir).profiles[0]!.secret).toEqual(ciphertextBefore);
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
    expect(vault.list().profiles).toHaveLength(1);
  });

  it('editing with a new secret replaces it', () => {
    const vault = makeVault(tempDir());
    const input = hmacInput();
    const { id } = vault.save(input);
    const secret = alnum();
    vault.save({ ...input, id, secret });
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret });
  });

  it('editing without the API key or the secret keeps both; the file never gets them from the renderer', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const input = hmacInput();
    const { id } = vault.save(input);
    const { apiKey: _omitted, secret: _kept, ...withoutCredentials } = input;
    const edited = vault.save({ ...withoutCredentials, id, name: 'Renamed' });
    expect(edited).toMatchObject({ id, name: 'Renamed', environment: 'testnet', apiKeyTail: input.apiKey.slice(-4) });
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
  });

  it('editing with only a new secret keeps the API key; with only a new API key keeps an Ed25519 or RSA key', () => {
    const vault = makeVault(tempDir());
    const input = hmacInput();
    const { id } = vault.save(input);
    const secret = alnum();
    vault.save({ ...input, id, apiKey: undefined, secret });
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret });

    // The private key is the user's own: a new API key may name the same public key.
    const ed = vault.save(hmacInput({ name: 'Ed', keyType: 'ED25519', secret: KEYS.ed25519 }));
    const apiKey = alnum();
    expect(vault.save({ ...hmacInput({ name: 'Ed', keyType: 'ED25519', apiKey }), id: ed.id, secret: undefined }).apiKeyTail).toBe(apiKey.slice(-4));
    expect(vault.unlock(ed.id).credentials).toEqual({ apiKey, privateKeyPem: KEYS.ed25519.trim() });
  });

  it('a kept API key must still not be the new secret pasted into the wrong field', () => {
    const vault = makeVault(tempDir());
    const input = hmacInput();
    const { id } = vault.save(input);
    const failure = failureOf(() => vault.save({ ...input, id, apiKey: undefined, secret: input.apiKey }));
    expect(failure.code).toBe('invalid-api-key');
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
  });

  it.each([
    ['HMAC', 'ED25519', /stored secret is an HMAC secret: it cannot sign as Ed25519\. To switch to Ed25519, paste the Ed25519 private key/],
    ['HMAC', 'RSA', /stored secret is an HMAC secret: it cannot sign as RSA\./],
    ['ED25519', 'RSA', /stored secret is an Ed25519 private key: it cannot sign as RSA\..*otherwise keep the key type Ed25519/],
    ['RSA', 'HMAC', /stored secret is an RSA private key: it cannot sign as HMAC\. To switch to HMAC, enter the API secret/],
  ] as const)('refuses to keep a %s secret for the key type %s, saying what to enter; nothing changes', (from, to, message) => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const material = { HMAC: alnum(), ED25519: KEYS.ed25519, RSA: KEYS.rsa }[from];
    const input = hmacInput({ keyType: from, secret: material });
    const { id } = vault.save(input);
    const before = readFileSync(profilesFile(dir), 'utf8');
    const failure = failureOf(() => vault.save({ ...input, id, apiKey: undefined, secret: undefined, keyType: to, environment: 'mainnet' }));
    expect(failure.code).toBe('invalid-secret');
    expect(failure.message).toMatch(message);
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);
  });

  it('a new key type with its new secret is accepted, and the API key may still be kept', () => {
    const vault = makeVault(tempDir());
    const input = hmacInput();
    const { id } = vault.save(input);
    expect(vault.save({ ...input, id, apiKey: undefined, keyType: 'RSA', secret: KEYS.rsa }).keyType).toBe('RSA');
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, privateKeyPem: KEYS.rsa.trim() });
  });

  it('refuses a new HMAC API key without its secret (the exchange issues them together)', () => {
    const vault = makeVault(tempDir());
    const input = hmacInput();
    const { id } = vault.save(input);
    const failure = failureOf(() => vault.save({ ...input, id, secret: undefined, apiKey: alnum() }));
    expect(failure.code).toBe('invalid-secret');
    expect(failure.message).toMatch(/HMAC secret belongs to the API key it was issued with/);
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
  });

  it('a new profile still needs both its API key and its secret', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    expect(failureOf(() => vault.save({ ...hmacInput(), apiKey: undefined })).code).toBe('invalid-api-key');
    expect(failureOf(() => vault.save({ ...hmacInput(), secret: undefined })).code).toBe('invalid-secret');
    expect(existsSync(profilesFile(dir))).toBe(false);
  });

  it('stores a custom environment with its checked, normalised URLs (loopback may be plain ws/http)', () => {
    const vault = makeVault(tempDir());
    const urls = {
      wsApi: 'ws://127.0.0.1:4100/ws-fapi/v1/',
      market: 'ws://127.0.0.1:4100/market',
      private: 'ws://127.0.0.1:4100/private',
      rest: 'http://127.0.0.1:4100',
    };
    const summary = vault.save(hmacInput({ environment: 'custom', customUrls: urls }));
    expect(summary.customUrls).toEqual({ ...urls, wsApi: 'ws://127.0.0.1:4100/ws-fapi/v1' });
    expect(vault.unlock(summary.id).endpoints).toEqual(summary.customUrls);
  });

  it('drops URLs sent with testnet or mainnet: those environments have fixed endpoints', () => {
    const vault = makeVault(tempDir());
    const summary = vault.save(
      hmacInput({ customUrls: { wsApi: 'wss://evil.example/ws', market: 'wss://e/m', private: 'wss://e/p', rest: 'https://e' } }),
    );
    expect(summary.customUrls).toBeNull();
    expect(vault.unlock(summary.id).endpoints).toEqual(TESTNET);
  });

  it('deletes a profile and its ciphertext; deleting the active one clears the active mark', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const first = vault.save(hmacInput({ name: 'One' }));
    const second = vault.save(hmacInput({ name: 'Two' }));
    vault.setActive(second.id);
    expect(vault.remove(first.id)).toEqual({ wasActive: false });
    expect(vault.activeId()).toBe(second.id);
    expect(vault.remove(second.id)).toEqual({ wasActive: true });
    expect(vault.list()).toEqual({ profiles: [], activeId: null });
    expect(readFileSync(profilesFile(dir), 'utf8')).not.toContain('ciphertext');
  });

  it('answers unknown-profile for an id it does not have, and changes nothing', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    vault.save(hmacInput());
    const before = readFileSync(profilesFile(dir), 'utf8');
    for (const action of [
      () => vault.save(hmacInput({ id: 'nope', name: 'Other' })),
      () => vault.remove('nope'),
      () => vault.setActive('nope'),
      () => vault.unlock('nope'),
    ]) {
      expect(failureOf(action).code).toBe('unknown-profile');
    }
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);
  });

  it('refuses a second profile with the same name (any case)', () => {
    const vault = makeVault(tempDir());
    vault.save(hmacInput({ name: 'Main' }));
    const failure = failureOf(() => vault.save(hmacInput({ name: '  main ' })));
    expect(failure.code).toBe('invalid-name');
    expect(failure.message).toContain('"Main" already exists');
  });

  it(`keeps at most ${MAX_PROFILES} profiles`, () => {
    const vault = makeVault(tempDir());
    for (let i = 0; i < MAX_PROFILES; i++) vault.save(hmacInput({ name: `P${i}` }));
    expect(failureOf(() => vault.save(hmacInput({ name: 'One more' }))).code).toBe('too-many-profiles');
  }, 30_000); // a hundred real file writes
});

describe('ProfileVault: no key store, no silent plaintext', () => {
  it('refuses to save a secret when the key store is unavailable, naming the risk; nothing is written', () => {
    const dir = tempDir();
    const vault = makeVault(dir, createEphemeralCipher({ available: false }));
    const input = hmacInput();
    const failure = failureOf(() => vault.save(input));
    expect(failure.code).toBe('no-keystore');
    expect(failure.message).toMatch(/no OS key store/);
    expect(failure.message).toMatch(/unencrypted/);
    expect(failure.message).toMatch(/any program running as you can read/);
    expect(existsSync(profilesFile(dir))).toBe(false);
    expect(vault.list().profiles).toEqual([]);
  });

  it('stores the secret as marked plaintext only with the explicit opt-in', () => {
    const dir = tempDir();
    const vault = makeVault(dir, createEphemeralCipher({ available: false }));
    const input = hmacInput({ allowPlaintext: true });
    const summary = vault.save(input);
    expect(summary.secretStorage).toBe('plaintext-opt-in');
    const stored = readStored(dir).profiles[0]!.secret;
    expect(stored).toEqual({ storage: 'plaintext-opt-in', plaintext: input.secret });
    expect(vault.unlock(summary.id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
  });

  it('encrypts anyway when the opt-in is sent but a key store is available', () => {
    const vault = makeVault(tempDir());
    expect(vault.save(hmacInput({ allowPlaintext: true })).secretStorage).toBe('os-keystore');
  });

  it('an edit without a new secret needs no key store (nothing is encrypted)', () => {
    const dir = tempDir();
    const available = { on: true };
    const inner = createEphemeralCipher();
    const cipher = { ...inner, isAvailable: () => (available.on ? ('available' as const) : ('unavailable' as const)) };
    const vault = makeVault(dir, cipher);
    const input = hmacInput();
    const { id } = vault.save(input);
    available.on = false;
    expect(vault.save({ ...input, id, secret: undefined, name: 'Renamed' }).secretStorage).toBe('os-keystore');
    expect(failureOf(() => vault.unlock(id)).code).toBe('no-keystore');
    available.on = true;
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
  });
});

describe('ProfileVault: the file is owner-only', () => {
  it('is 0600 after creation and after every write, even when it was wider before', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const { id } = vault.save(hmacInput());
    expect(fileMode(profilesFile(dir))).toBe(0o600);
    chmodSync(profilesFile(dir), 0o644);
    vault.setActive(id);
    expect(fileMode(profilesFile(dir))).toBe(0o600);
    chmodSync(profilesFile(dir), 0o666);
    vault.remove(id);
    expect(fileMode(profilesFile(dir))).toBe(0o600);
  });

  it('restricts a freshly created, still empty store file as well', () => {
    const dir = tempDir();
    openConfStore(locationIn(dir));
    expect(fileMode(profilesFile(dir))).toBe(0o600);
  });
});
