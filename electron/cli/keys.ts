/**
 * API keys for testnet, mainnet and custom environments, read from the environment only: a flag
 * would end up in shell history. The key type is not asked for; createSigner detects it (a secret is
 * HMAC, a PEM is Ed25519 or RSA). Nothing here ever puts a key or secret into a message. A key
 * file that other users can read is used, with a warning on stderr, as ssh warns about its own keys.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createSigner, type Credentials, type KeyType } from '../exchange/signing';
import { usageError } from './errors';

export const KEY_ENV = {
  apiKey: 'PERPDESK_API_KEY',
  secret: 'PERPDESK_API_SECRET',
  pemFile: 'PERPDESK_PRIVATE_KEY_FILE',
} as const;

/** A PEM private key is a few KB at most (RSA 4096 ≈ 3.3 KB); anything larger is not one. */
export const MAX_PEM_BYTES = 64 * 1024;

export type Environ = Readonly<Record<string, string | undefined>>;
export type ReadKeyFile = (path: string) => string;

export interface KeyMaterial {
  credentials: Credentials;
  keyType: KeyType;
}

/** Reads the key variables; throws a usage CliError that names the variable at fault. */
export function credentialsFromEnv(env: Environ, readKeyFile: ReadKeyFile = readPemFile): KeyMaterial {
  const apiKey = nonEmpty(env[KEY_ENV.apiKey]);
  const secret = nonEmpty(env[KEY_ENV.secret]);
  const pemFile = nonEmpty(env[KEY_ENV.pemFile]);
  if (apiKey === undefined) {
    throw usageError(
      `${KEY_ENV.apiKey} is not set: this environment needs an API key, with ${KEY_ENV.secret} (HMAC) or ${KEY_ENV.pemFile} (Ed25519/RSA).`,
    );
  }
  checkToken(KEY_ENV.apiKey, apiKey);
  if (secret !== undefined && pemFile !== undefined) {
    throw usageError(`Set ${KEY_ENV.secret} (HMAC) or ${KEY_ENV.pemFile} (Ed25519/RSA), not both.`);
  }
  if (secret === undefined && pemFile === undefined) {
    throw usageError(`${KEY_ENV.apiKey} is set but its secret is missing: set ${KEY_ENV.secret} (HMAC) or ${KEY_ENV.pemFile} (Ed25519/RSA).`);
  }
  let credentials: Credentials;
  if (secret !== undefined) {
    checkToken(KEY_ENV.secret, secret);
    credentials = { apiKey, secret };
  } else {
    credentials = { apiKey, privateKeyPem: readKey(readKeyFile, pemFile ?? '') };
  }
  try {
    return { credentials, keyType: createSigner(credentials).keyType };
  } catch (error) {
    // Node's key-parsing errors name the problem, never the key's content.
    throw usageError(`${KEY_ENV.pemFile} does not hold a usable private key: ${(error as Error).message}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Keys and secrets are printable ASCII without spaces; a stray newline from a copy is the usual mistake. */
function checkToken(name: string, value: string): void {
  if (value.length > 512 || !/^[\x21-\x7e]+$/.test(value)) {
    throw usageError(`${name} must be exactly as the exchange shows it: no spaces, line breaks or other characters (its value is not shown).`);
  }
}

function readKey(readKeyFile: ReadKeyFile, path: string): string {
  let text: string;
  try {
    text = readKeyFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw usageError(`Cannot read ${KEY_ENV.pemFile} (${path}): ${code}.`);
  }
  if (!text.includes('-----BEGIN')) {
    throw usageError(`${KEY_ENV.pemFile} (${path}) is not a PEM file (no "-----BEGIN" line).`);
  }
  return text;
}

// --- The key file ----------------------------------------------------------------------------

/** Where a warning goes; the CLI's stderr by default, one line per warning. */
export type Warn = (line: string) => void;

const warnOnStderr: Warn = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * The warning for a key file that users other than its owner may read or change (any of the
 * mode bits 0o077, as ssh checks), or null when it is private. Skipped on Windows: access there is
 * decided by ACLs, and the mode Node reports only mirrors the read-only attribute, so every key
 * file would look open to everyone.
 */
export function keyFileModeWarning(path: string, mode: number, platform: NodeJS.Platform): string | null {
  if (platform === 'win32' || (mode & 0o077) === 0) return null;
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  return (
    `perpdesk: warning: ${KEY_ENV.pemFile} (${path}) can be read or changed by other users (mode ${octal}). ` +
    `A private key should be readable by you alone: chmod 600 ${shellQuoted(path)}`
  );
}

/** The path as a shell word, so the suggested command can be pasted as it is. */
function shellQuoted(path: string): string {
  return /^[\w./~:@%+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * Reads at most MAX_PEM_BYTES + 1 bytes, so pointing the variable at a device or a huge file fails
 * fast. The permissions are checked on the open file itself (fstat), so a file swapped between the
 * check and the read is still the one checked.
 */
export function readPemFile(path: string, warn: Warn = warnOnStderr): string {
  const fd = openSync(path, 'r');
  try {
    const warning = keyFileModeWarning(path, fstatSync(fd).mode, process.platform);
    if (warning !== null) warn(warning);
    const buffer = Buffer.alloc(MAX_PEM_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_PEM_BYTES) throw Object.assign(new Error('too large for a key file'), { code: 'larger than 64 KB' });
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
