/**
 * The Cipher over Electron's `safeStorage`. On Linux, `isEncryptionAvailable()` is also true with the
 * `basic_text` backend, which encrypts with a hard-coded password: that is obfuscation, not a key
 * store, so it counts as unavailable (as VS Code does). Before `app` is ready the backend is
 * `unknown`: also unavailable, never a guess.
 *
 * Electron 45 marks the sync calls deprecated in favour of `encryptStringAsync`/`decryptStringAsync`
 * but still supports them; the vault's Cipher interface is synchronous, and moving to the async API
 * changes only this file and the vault's call sites.
 */
import { safeStorage } from 'electron';
import type { Cipher } from './cipher';

export function createSafeStorageCipher(platform: NodeJS.Platform = process.platform): Cipher {
  return {
    isAvailable: () => {
      if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
      if (platform !== 'linux') return 'available';
      const backend = safeStorage.getSelectedStorageBackend();
      return backend === 'basic_text' || backend === 'unknown' ? 'unavailable' : 'available';
    },
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
