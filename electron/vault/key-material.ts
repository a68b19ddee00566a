/**
 * Checks that a secret is what its key type needs, with a message that says what to do when it is
 * not. HMAC takes a secret string; Ed25519 and RSA take an unencrypted PKCS#8 PEM private key, whose
 * algorithm must be the one chosen (node:crypto parses it; nothing is hand-decoded).
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { KeyTypeName } from '../../shared/profiles';
import { profileFailure } from './errors';

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/;
const PKCS8_BLOCK = /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----$/;
/** Printable ASCII without spaces: every character an exchange secret is made of. */
const SECRET_CHARS = /^[\x21-\x7e]+$/;
/** Binance's minimum for RSA API keys. */
const MIN_RSA_BITS = 2048;

const LABEL: Record<KeyTypeName, string> = { HMAC: 'HMAC', ED25519: 'Ed25519', RSA: 'RSA' };

function invalid(message: string): never {
  throw profileFailure('invalid-secret', message);
}

/** Returns the key material as it will be stored (trimmed, PEM line endings made `\n`), or throws. */
export function checkKeyMaterial(keyType: KeyTypeName, secret: string): string {
  return keyType === 'HMAC' ? checkHmacSecret(secret) : checkPrivateKeyPem(keyType, secret);
}

function checkHmacSecret(raw: string): string {
  const secret = raw.trim();
  if (PEM_BEGIN.test(secret)) {
    invalid('This is a PEM key, not an HMAC secret: choose Ed25519 or RSA as the key type.');
  }
  if (!SECRET_CHARS.test(secret)) {
    invalid('The HMAC secret contains spaces, line breaks or characters a Binance secret never has. Copy it again.');
  }
  if (secret.length < 16) invalid('The HMAC secret is too short. Binance secrets are 64 characters.');
  return secret;
}

function checkPrivateKeyPem(keyType: 'ED25519' | 'RSA', raw: string): string {
  const pem = raw.trim().replace(/\r\n?/g, '\n');
  const label = PEM_BEGIN.exec(pem)?.[1];
  if (label === undefined) {
    invalid(
      SECRET_CHARS.test(pem)
        ? `This looks like an HMAC secret. For an ${LABEL[keyType]} key, paste the private key PEM; otherwise choose HMAC.`
        : `Paste the whole ${LABEL[keyType]} private key, from "-----BEGIN PRIVATE KEY-----" to "-----END PRIVATE KEY-----".`,
    );
  }
  if (label.includes('PUBLIC KEY')) {
    invalid('This is a public key. PerpDesk needs the private key; the public key is the one you registered with Binance.');
  }
  if (label === 'ENCRYPTED PRIVATE KEY' || pem.includes('Proc-Type: 4,ENCRYPTED')) {
    invalid('This private key is protected by a passphrase. Export it without one: PerpDesk encrypts it with the OS key store.');
  }
  if (label === 'RSA PRIVATE KEY') {
    invalid('This RSA key is in the old PKCS#1 format. Convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem');
  }
  if (label === 'OPENSSH PRIVATE KEY') {
    invalid('This key is in OpenSSH format. Convert it to a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").');
  }
  if (!PKCS8_BLOCK.test(pem)) {
    invalid('Paste exactly one PKCS#8 private key ("-----BEGIN PRIVATE KEY-----" … "-----END PRIVATE KEY-----"), nothing before or after it.');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    invalid('The private key could not be read: it is incomplete or damaged. Copy the whole file again.');
  }
  const actual = key.asymmetricKeyType;
  if (keyType === 'ED25519' && actual !== 'ed25519') {
    invalid(`This is ${describe(actual)}, not an Ed25519 key. Choose the key type that matches the key.`);
  }
  if (keyType === 'RSA') {
    if (actual !== 'rsa') invalid(`This is ${describe(actual)}, not an RSA key. Choose the key type that matches the key.`);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) invalid(`This RSA key has ${bits} bits; Binance needs at least ${MIN_RSA_BITS}.`);
  }
  return pem;
}

function describe(type: string | undefined): string {
  if (type === 'ed25519') return 'an Ed25519 key';
  if (type === 'rsa') return 'an RSA key';
  return `a key of type "${type ?? 'unknown'}"`;
}
