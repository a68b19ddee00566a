/** Shared pieces of the vault tests: temp dirs, a vault over real files, inputs, generated keys. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ProfileInput } from '../../../shared/profiles';
import { IpcFailure } from '../../../electron/ipc/dispatch';
import type { Cipher } from '../../../electron/vault/cipher';
import { createEphemeralCipher } from '../../../electron/vault/ephemeral-cipher';
import { ProfileService, type ProfileServiceOptions } from '../../../electron/vault/profile-service';
import { ProfileVault } from '../../../electron/vault/profile-vault';
import { openConfStore, storePath, type StoreLocation } from '../../../electron/vault/store-file';
import type { StoredDocument } from '../../../electron/vault/stored-profiles';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perpdesk-vault-'));
  dirs.push(dir);
  return dir;
}

export function locationIn(dir: string): StoreLocation {
  return { dir, name: 'profiles' };
}

export function profilesFile(dir: string): string {
  return storePath(locationIn(dir));
}

/** The profiles file as stored, parsed. */
export function readStored(dir: string): StoredDocument {
  return JSON.parse(readFileSync(profilesFile(dir), 'utf8')) as StoredDocument;
}

/** A vault over `conf` in `dir` (the app uses electron-store, the same conf underneath). */
export function makeVault(dir: string, cipher: Cipher = createEphemeralCipher(), now: () => number = Date.now): ProfileVault {
  return new ProfileVault({ location: locationIn(dir), openStore: openConfStore, cipher, now });
}

export function makeService(dir: string, options: Partial<ProfileServiceOptions> = {}): ProfileService {
  return new ProfileService({ location: locationIn(dir), openStore: openConfStore, cipher: createEphemeralCipher(), ...options });
}

/** 64 letters and digits, like a Binance API key or HMAC secret. */
export function alnum(length = 64): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** A new profile's input: the API key and the secret are both there (only an edit may leave them out). */
export type NewProfileInput = ProfileInput & { apiKey: string; secret: string };

export function hmacInput(overrides: Partial<NewProfileInput> = {}): NewProfileInput {
  return {
    name: 'Main account',
    environment: 'testnet',
    keyType: 'HMAC',
    apiKey: alnum(),
    secret: alnum(),
    customUrls: null,
    allowPlaintext: false,
    ...overrides,
  };
}

const pem = (key: { export: (options: { type: 'pkcs8'; format: 'pem' }) => string | Buffer }) =>
  key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Generated once per test file: PKCS#8 PEMs of each kind the checks distinguish. */
export const KEYS = (() => {
  const ed25519 = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaSmall = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    ed25519: pem(ed25519.privateKey),
    ed25519Public: ed25519.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    rsa: pem(rsa.privateKey),
    rsaPkcs1: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    rsaEncrypted: rsa.privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
      .toString(),
    rsaSmall: pem(rsaSmall.privateKey),
    ec: pem(ec.privateKey),
  };
})();

/** The IpcFailure `action` throws; anything else thrown, or nothing, fails the test. */
export function failureOf(action: () => unknown): IpcFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof IpcFailure) return error;
    throw error;
  }
  throw new Error('expected an IpcFailure, nothing was thrown');
}

/** A file's permission bits (0o600 for the profiles file where the OS supports modes). */
export function fileMode(path: string): number {
  return statSync(path).mode & 0o777;
}
