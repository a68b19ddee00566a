/**
 * The CLI warns, as ssh does, when the private key file named by PERPDESK_PRIVATE_KEY_FILE is open
 * to other users (any of the mode bits 0o077), and says how to fix it. The key is still used: the
 * warning is on stderr, one line, naming the file and `chmod 600`. Windows is skipped (ACLs).
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { credentialsFromEnv, KEY_ENV, keyFileModeWarning, readPemFile } from '../../../electron/cli/keys';

const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const PEM = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'perpdesk-key-mode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function keyFile(name: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, PEM);
  chmodSync(path, mode); // explicit: the umask must not decide the test
  return path;
}

function warningsReading(path: string): string[] {
  const warnings: string[] = [];
  expect(readPemFile(path, (line) => warnings.push(line))).toBe(PEM);
  return warnings;
}

describe.skipIf(process.platform === 'win32')('a private key file other users can open', () => {
  it('0644 and 0640: one warning naming the file, its mode and chmod 600; the key is still read', () => {
    const world = keyFile('world.pem', 0o644);
    expect(warningsReading(world)).toEqual([
      `perpdesk: warning: ${KEY_ENV.pemFile} (${world}) can be read or changed by other users (mode 0644). ` +
        `A private key should be readable by you alone: chmod 600 ${world}`,
    ]);
    const group = keyFile('group.pem', 0o640);
    expect(warningsReading(group)).toEqual([expect.stringContaining(`(${group}) can be read or changed by other users (mode 0640)`)]);
  });

  it('0600 and 0400: no warning', () => {
    expect(warningsReading(keyFile('private.pem', 0o600))).toEqual([]);
    expect(warningsReading(keyFile('read-only.pem', 0o400))).toEqual([]);
  });

  it('by default the warning goes to stderr while the credentials load', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const path = keyFile('default.pem', 0o664);
    expect(credentialsFromEnv({ [KEY_ENV.apiKey]: API_KEY, [KEY_ENV.pemFile]: path }).keyType).toBe('ED25519');
    expect(written).toEqual([expect.stringMatching(new RegExp(`^perpdesk: warning: .*\\(${path}\\).*mode 0664.*chmod 600 ${path}\\n$`))]);
  });
});

describe('keyFileModeWarning', () => {
  it('checks every bit of 0o077, as ssh does, and nothing else', () => {
    for (const bit of [0o040, 0o020, 0o010, 0o004, 0o002, 0o001]) expect(keyFileModeWarning('/k.pem', 0o100600 | bit, 'linux')).not.toBeNull();
    expect(keyFileModeWarning('/k.pem', 0o100700, 'darwin')).toBeNull();
  });

  it('quotes a path the shell would split, so the chmod line can be pasted', () => {
    expect(keyFileModeWarning("/keys/my bot's key.pem", 0o644, 'linux')).toMatch(/chmod 600 '\/keys\/my bot'\\''s key\.pem'$/);
  });

  it('is skipped on Windows: access is decided by ACLs, and the mode bits Node reports there mean nothing about them', () => {
    expect(keyFileModeWarning('C:\\keys\\bot.pem', 0o100666, 'win32')).toBeNull();
  });
});
