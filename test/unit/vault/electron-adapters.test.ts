/**
 * The safeStorage adapter with `electron` mocked (its real module would try to download the
 * runtime): which backends count as a key store, and a vault refusing plaintext over `basic_text`.
 * (electron-store itself cannot be loaded here: it imports `electron` from node_modules, where
 * vi.mock does not reach; it is `conf` with the same options, which every other vault test uses.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openConfStore } from '../../../electron/vault/store-file';
import { hmacInput, locationIn, tempDir } from './helpers';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

const electron = vi.hoisted(() => {
  const state = { available: true, backend: 'gnome_libsecret' as Backend };
  const safeStorage = {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
    decryptString: (data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'base64').toString();
    },
  };
  const ipcMain = { on: () => undefined };
  const app = { getPath: () => '/nonexistent-userdata', getVersion: () => '0.1.0' };
  return { state, module: { safeStorage, ipcMain, app, shell: {} } };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { createSafeStorageCipher } = await import('../../../electron/vault/safe-storage-cipher');
const { ProfileVault } = await import('../../../electron/vault/profile-vault');

beforeEach(() => {
  electron.state.available = true;
  electron.state.backend = 'gnome_libsecret';
});

describe('createSafeStorageCipher', () => {
  it.each([
    ['linux', true, 'gnome_libsecret', 'available'],
    ['linux', true, 'kwallet6', 'available'],
    ['linux', true, 'basic_text', 'unavailable'],
    ['linux', true, 'unknown', 'unavailable'],
    ['linux', false, 'gnome_libsecret', 'unavailable'],
    ['darwin', true, 'unknown', 'available'],
    ['win32', true, 'unknown', 'available'],
    ['darwin', false, 'unknown', 'unavailable'],
  ] as const)('%s, encryption %s, backend %s: %s', (platform, available, backend, expected) => {
    electron.state.available = available;
    electron.state.backend = backend;
    expect(createSafeStorageCipher(platform).isAvailable()).toBe(expected);
  });

  it('encrypts and decrypts through safeStorage', () => {
    const cipher = createSafeStorageCipher('linux');
    expect(cipher.decrypt(cipher.encrypt('secret text'))).toBe('secret text');
    expect(() => cipher.decrypt(Buffer.from('garbage'))).toThrow();
  });

  it('a vault over the basic_text backend refuses to store a secret without the opt-in', () => {
    electron.state.backend = 'basic_text';
    const dir = tempDir();
    const vault = new ProfileVault({ location: locationIn(dir), openStore: openConfStore, cipher: createSafeStorageCipher('linux') });
    expect(() => vault.save(hmacInput())).toThrow(expect.objectContaining({ code: 'no-keystore' }));
    expect(vault.save(hmacInput({ allowPlaintext: true })).secretStorage).toBe('plaintext-opt-in');
  });
});
