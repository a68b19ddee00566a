import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../../electron/cli/errors';
import { credentialsFromEnv, KEY_ENV, MAX_PEM_BYTES, readPemFile, type Environ } from '../../../electron/cli/keys';

const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j-canary';

const dir = mkdtempSync(join(tmpdir(), 'perpdesk-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pemFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const ed25519Pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

function usage(env: Environ): string {
  try {
    credentialsFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    const { message } = error as CliError;
    // Whatever went wrong, no key material is ever part of the message.
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(API_KEY);
    expect(message).not.toContain('PRIVATE KEY-----\n');
    return message;
  }
  throw new Error('expected a usage error');
}

describe('keys from the environment', () => {
  it('API key + secret: HMAC', () => {
    expect(credentialsFromEnv({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.secret]: SECRET })).toEqual({
      credentials: { apiKey: API_KEY, secret: SECRET },
      keyType: 'HMAC',
    });
  });

  it('API key + PEM file: the key type is detected (Ed25519, RSA)', () => {
    const ed = credentialsFromEnv({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: pemFile('ed.pem', ed25519Pem) });
    expect(ed.keyType).toBe('ED25519');
    expect(ed.credentials).toEqual({ apiKey: API_KEY, privateKeyPem: ed25519Pem });
    const rsa = credentialsFromEnv({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: pemFile('rsa.pem', rsaPem) });
    expect(rsa.keyType).toBe('RSA');
  });

  it('an empty variable counts as unset', () => {
    expect(credentialsFromEnv({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.secret]: SECRET, [KEY_ENV.pemFile]: '' }).keyType).toBe('HMAC');
  });

  it('missing API key', () => {
    expect(usage({})).toMatch(/^PERPDESK_API_KEY is not set/);
    expect(usage({ [KEY_ENV.secret]: SECRET })).toMatch(/^PERPDESK_API_KEY is not set/);
    expect(usage({ [KEY_ENV.apiKey]: '', [KEY_ENV.secret]: SECRET })).toMatch(/^PERPDESK_API_KEY is not set/);
  });

  it('missing secret', () => {
    expect(usage({ [KEY_ENV.apiKey]: API_KEY })).toMatch(/its secret is missing: set PERPDESK_API_SECRET .* or PERPDESK_PRIVATE_KEY_FILE/);
  });

  it('both a secret and a PEM file', () => {
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.secret]: SECRET, [KEY_ENV.pemFile]: pemFile('both.pem', ed25519Pem) })).toMatch(
      /not both/,
    );
  });

  it('a key or secret with a stray space or line break', () => {
    expect(usage({ [KEY_ENV.apiKey]: `${API_KEY}\n`, [KEY_ENV.secret]: SECRET })).toMatch(/^PERPDESK_API_KEY must be exactly/);
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.secret]: ` ${SECRET}` })).toMatch(/^PERPDESK_API_SECRET must be exactly/);
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.secret]: 'x'.repeat(600) })).toMatch(/^PERPDESK_API_SECRET/);
  });

  it('a PEM file that cannot be read names the variable, the path and the reason', () => {
    const missing = join(dir, 'absent.pem');
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: missing })).toBe(`Cannot read PERPDESK_PRIVATE_KEY_FILE (${missing}): ENOENT.`);
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: dir })).toMatch(/^Cannot read PERPDESK_PRIVATE_KEY_FILE .*EISDIR/);
  });

  it('a file that is not a PEM, a key of an unsupported type, a damaged PEM', () => {
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: pemFile('secret.txt', SECRET) })).toMatch(/is not a PEM file/);
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: pemFile('ec.pem', ecPem) })).toMatch(
      /^PERPDESK_PRIVATE_KEY_FILE does not hold a usable private key: .*Ed25519 or RSA/,
    );
    const damaged = ed25519Pem.replace(/\n[A-Za-z0-9+/]{8}/, '\n!!!!!!!!');
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: pemFile('damaged.pem', damaged) })).toMatch(/does not hold a usable private key/);
  });

  it('a huge file is refused after reading at most 64 KB', () => {
    const big = pemFile('big.pem', `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(MAX_PEM_BYTES)}\n`);
    expect(usage({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: big })).toMatch(/larger than 64 KB/);
    expect(readPemFile(pemFile('ok.pem', ed25519Pem))).toBe(ed25519Pem);
  });

  it('the file reader can be replaced (and its errors are reported the same way)', () => {
    const env = { [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: '/keys/bot.pem' };
    expect(credentialsFromEnv(env, () => ed25519Pem).keyType).toBe('ED25519');
    const denied = (): string => {
      throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
    };
    expect(() => credentialsFromEnv(env, denied)).toThrow('Cannot read PERPDESK_PRIVATE_KEY_FILE (/keys/bot.pem): EACCES.');
  });
});
