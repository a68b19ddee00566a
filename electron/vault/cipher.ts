/**
 * What the vault needs from an encryption backend. In the app this is Electron's `safeStorage`
 * (OS key store: Keychain, DPAPI, Secret Service/KWallet); tests and tools use an in-memory cipher.
 * Kept this small so the vault's logic never imports Electron.
 */

/** `unavailable` also covers Linux's `basic_text` backend, which only obfuscates with a fixed key. */
export type KeyStoreStatus = 'available' | 'unavailable';

export interface Cipher {
  /** Whether secrets can be encrypted with a key the OS protects. */
  isAvailable(): KeyStoreStatus;
  /** Encrypts text; throws when the key store refuses. */
  encrypt(text: string): Buffer;
  /** Decrypts what `encrypt` produced; throws when the data or the key does not fit. */
  decrypt(data: Buffer): string;
}
