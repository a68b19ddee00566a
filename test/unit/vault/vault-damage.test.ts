/**
 * Damage on disk: a profiles file that does not parse is moved aside whole and reported on every
 * call (and after a restart) until a save starts a new file; a secret that no longer decrypts is
 * reported with a backup copy, and its profile stays. Nothing is ever lost or silently reset.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IpcFailure } from '../../../electron/ipc/dispatch';
import { createEphemeralCipher } from '../../../electron/vault/ephemeral-cipher';
import { VaultCorruptError } from '../../../electron/vault/errors';
import { ProfileVault } from '../../../electron/vault/profile-vault';
import { listBackups } from '../../../electron/vault/store-file';
import { alnum, failureOf, fileMode, hmacInput, locationIn, makeVault, profilesFile, readStored, tempDir } from './helpers';

describe('ProfileVault: a damaged file is reported loudly and never reset', () => {
  const damaged: Array<[string, (secretFragment: string) => string]> = [
    ['not JSON', (fragment) => `{"version":1,"activeId":null,"profiles":[{"secret":"${fragment}`],
    ['JSON with the wrong shape', (fragment) => JSON.stringify({ version: 1, activeId: null, profiles: [{ id: 'x', secret: { storage: 'os-keystore', ciphertext: `!${fragment}` } }] })],
    ['JSON of an unknown version', () => JSON.stringify({ version: 99, activeId: null, profiles: [] })],
  ];

  it.each(damaged)('%s: a typed error names the backup; the bad bytes are kept whole; nothing is overwritten', (_kind, content) => {
    const dir = tempDir();
    const fragment = alnum(40);
    const bad = content(fragment);
    writeFileSync(profilesFile(dir), bad);
    const vault = makeVault(dir);

    let error: unknown;
    try {
      vault.list();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VaultCorruptError);
    const corrupt = error as VaultCorruptError;
    expect(corrupt.code).toBe('vault-corrupt');
    expect(corrupt.backupPath).toMatch(/profiles\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
    expect(corrupt.message).toContain(corrupt.backupPath);
    expect(corrupt.message).toMatch(/nothing was deleted/);
    // The parser's text (which quotes the file) never reaches the message.
    expect(corrupt.message).not.toContain(fragment);
    expect(readFileSync(corrupt.backupPath, 'utf8')).toBe(bad);
    expect(fileMode(corrupt.backupPath)).toBe(0o600);

    // Still loud: on the next call, and after a restart.
    expect(() => vault.list()).toThrow(VaultCorruptError);
    expect(() => makeVault(dir).list()).toThrow(VaultCorruptError);
    expect(() => vault.setActive(null)).toThrow(VaultCorruptError);
    expect(listBackups(locationIn(dir))).toEqual([corrupt.backupPath]);
  });

  it('a save after the report starts a new file; the backup stays untouched', () => {
    const dir = tempDir();
    writeFileSync(profilesFile(dir), '{ not json');
    const vault = makeVault(dir);
    const corrupt = (() => {
      try {
        vault.list();
      } catch (error) {
        return error as VaultCorruptError;
      }
      throw new Error('expected the damage to be reported');
    })();
    // A rejected save does not end the damaged state: the file is not created.
    expect(() => vault.save(hmacInput({ apiKey: 'short' }))).toThrow(IpcFailure);
    expect(existsSync(profilesFile(dir))).toBe(false);

    const summary = vault.save(hmacInput());
    expect(vault.list().profiles).toEqual([summary]);
    expect(makeVault(dir).list().profiles).toHaveLength(1);
    expect(readFileSync(corrupt.backupPath, 'utf8')).toBe('{ not json');
  });

  it('a file restored by hand is read again', () => {
    const dir = tempDir();
    const cipher = createEphemeralCipher();
    const original = makeVault(dir, cipher);
    const summary = original.save(hmacInput());
    const good = readFileSync(profilesFile(dir), 'utf8');
    writeFileSync(profilesFile(dir), good.slice(0, 40));
    const vault = makeVault(dir, cipher);
    expect(() => vault.list()).toThrow(VaultCorruptError);
    writeFileSync(profilesFile(dir), good);
    expect(vault.list().profiles).toEqual([summary]);
  });

  it('damage that appears while running is caught before the next write, which writes nothing', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    vault.save(hmacInput({ name: 'One' }));
    writeFileSync(profilesFile(dir), '[[[');
    expect(() => vault.save(hmacInput({ name: 'Two' }))).toThrow(VaultCorruptError);
    const backups = listBackups(locationIn(dir));
    expect(backups).toHaveLength(1);
    expect(readFileSync(backups[0]!, 'utf8')).toBe('[[[');
    expect(existsSync(profilesFile(dir))).toBe(false);
  });

  it('a file it cannot reach (permissions, disk) is reported without being moved', () => {
    const dir = tempDir();
    writeFileSync(profilesFile(dir), 'whatever');
    const vault = new ProfileVault({
      location: locationIn(dir),
      openStore: () => {
        throw Object.assign(new Error("EACCES: permission denied, open 'profiles.json'"), { code: 'EACCES' });
      },
      cipher: createEphemeralCipher(),
    });
    const failure = failureOf(() => vault.list());
    expect(failure.code).toBe('vault-unavailable');
    expect(failure.message).toMatch(/permission denied/);
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe('whatever');
    expect(listBackups(locationIn(dir))).toEqual([]);
  });
});

describe('ProfileVault: a secret that does not decrypt', () => {
  function tamper(dir: string, change: (profiles: Array<{ secret: { ciphertext: string } }>) => void): void {
    const doc = readStored(dir) as unknown as { profiles: Array<{ secret: { ciphertext: string } }> };
    change(doc.profiles);
    writeFileSync(profilesFile(dir), JSON.stringify(doc));
  }

  it('altered ciphertext: secret-unreadable, a backup copy, the file and the profile kept', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const { id } = vault.save(hmacInput());
    tamper(dir, (profiles) => {
      const bytes = Buffer.from(profiles[0]!.secret.ciphertext, 'base64');
      bytes[20] = (bytes[20] ?? 0) ^ 0xff;
      profiles[0]!.secret.ciphertext = bytes.toString('base64');
    });
    const before = readFileSync(profilesFile(dir), 'utf8');

    const failure = failureOf(() => vault.unlock(id));
    expect(failure.code).toBe('secret-unreadable');
    expect(failure.message).toMatch(/could not be decrypted/);
    expect(failure.message).toMatch(/Edit the profile and enter its secret again/);
    const backups = listBackups(locationIn(dir));
    expect(backups).toHaveLength(1);
    expect(failure.message).toContain(backups[0]);
    expect(readFileSync(backups[0]!, 'utf8')).toBe(before);
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);
    expect(vault.list().profiles.map((p) => p.id)).toEqual([id]);

    // Reported every time, backed up once.
    expect(failureOf(() => vault.unlock(id)).code).toBe('secret-unreadable');
    expect(listBackups(locationIn(dir))).toHaveLength(1);
  });

  it('a key store that changed (another key): secret-unreadable', () => {
    const dir = tempDir();
    const { id } = makeVault(dir).save(hmacInput());
    expect(failureOf(() => makeVault(dir, createEphemeralCipher()).unlock(id)).code).toBe('secret-unreadable');
  });

  it('ciphertext swapped between two profiles does not unlock either with the other secret', () => {
    const dir = tempDir();
    const vault = makeVault(dir);
    const one = vault.save(hmacInput({ name: 'One' }));
    const two = vault.save(hmacInput({ name: 'Two' }));
    tamper(dir, (profiles) => {
      const first = profiles[0]!.secret.ciphertext;
      profiles[0]!.secret.ciphertext = profiles[1]!.secret.ciphertext;
      profiles[1]!.secret.ciphertext = first;
    });
    expect(failureOf(() => vault.unlock(one.id)).code).toBe('secret-unreadable');
    expect(failureOf(() => vault.unlock(two.id)).code).toBe('secret-unreadable');
  });

  it('after re-entering the secret the profile works again; the backup remains', () => {
    const dir = tempDir();
    const input = hmacInput();
    const { id } = makeVault(dir).save(input);
    const vault = makeVault(dir, createEphemeralCipher());
    expect(failureOf(() => vault.unlock(id)).code).toBe('secret-unreadable');
    vault.save({ ...input, id });
    expect(vault.unlock(id).credentials).toEqual({ apiKey: input.apiKey, secret: input.secret });
    expect(readdirSync(dir).filter((file) => file.includes('.corrupt-'))).toHaveLength(1);
  });
});
