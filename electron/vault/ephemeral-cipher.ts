/**
 * A Cipher whose key lives only in this process's memory (AES-256-GCM, random key): what it encrypts
 * cannot be read by any later process. For tests, benchmarks and tooling that run without Electron;
 * never for profiles that must survive a restart. `available: false` stands in for a machine without
 * a key store (Linux `basic_text`).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Cipher } from './cipher';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createEphemeralCipher(options: { available?: boolean } = {}): Cipher {
  const key = randomBytes(32);
  const available = options.available ?? true;
  return {
    isAvailable: () => (available ? 'available' : 'unavailable'),
    encrypt: (text) => {
      if (!available) throw new Error('no key store on this machine');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]);
    },
    decrypt: (data) => {
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const body = data.subarray(IV_BYTES, data.length - TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
  };
}
