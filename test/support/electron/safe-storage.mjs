/**
 * The stand-in's `safeStorage`: usable only after ready (before it Electron's backend is unknown),
 * with a real cipher (AES-256-GCM) whose key lives outside the user data folder, as an OS key store's
 * would, so nothing in that folder can decrypt a secret. GLUE_SAFE_STORAGE_BACKEND picks what
 * `getSelectedStorageBackend` reports ('basic_text' is Chromium's hard-coded-password fallback).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { requireReady } from './runtime.mjs';

function key() {
  const file = process.env.GLUE_KEYRING_FILE;
  if (file === undefined) throw new Error('[electron stand-in] GLUE_KEYRING_FILE is required for safeStorage');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8'), 'hex');
}

const backend = () => process.env.GLUE_SAFE_STORAGE_BACKEND ?? 'gnome_libsecret';

export const safeStorage = {
  isEncryptionAvailable() {
    requireReady('safeStorage.isEncryptionAvailable()');
    return backend() !== 'none';
  },
  getSelectedStorageBackend() {
    requireReady('safeStorage.getSelectedStorageBackend()');
    return backend();
  },
  encryptString(text) {
    requireReady('safeStorage.encryptString()');
    if (typeof text !== 'string') throw new TypeError('safeStorage.encryptString needs a string');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key(), iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  },
  decryptString(data) {
    requireReady('safeStorage.decryptString()');
    if (!Buffer.isBuffer(data) || data.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-256-gcm', key(), data.subarray(3, 15));
    decipher.setAuthTag(data.subarray(15, 31));
    return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
  },
};
