/**
 * Every API key the simulator accepts, by key string: the HMAC demo credentials and the
 * asymmetric demo keys, whose public halves are derived once at start-up.
 */
import { createPublicKey } from 'node:crypto';
import type { AccountName } from './account-model';
import { DEMO_CREDENTIALS } from './accounts';
import type { KnownKey } from './auth';
import { ASYMMETRIC_DEMO_KEYS } from './demo-keys';

/** Builds the apiKey → key map. Throws if a demo PEM is not of its declared type. */
export function demoKeyRegistry(): ReadonlyMap<string, KnownKey<AccountName>> {
  const keys = new Map<string, KnownKey<AccountName>>();
  for (const c of DEMO_CREDENTIALS) keys.set(c.apiKey, { owner: c.name, keyType: 'HMAC', secret: c.secret });
  for (const k of ASYMMETRIC_DEMO_KEYS) {
    const publicKey = createPublicKey(k.privateKeyPem);
    const actual = publicKey.asymmetricKeyType === 'ed25519' ? 'ED25519' : publicKey.asymmetricKeyType === 'rsa' ? 'RSA' : '?';
    if (actual !== k.keyType) throw new Error(`demo key ${k.apiKey.slice(0, 8)}… is ${actual}, declared ${k.keyType}`);
    keys.set(k.apiKey, { owner: k.name, keyType: k.keyType, publicKey });
  }
  return keys;
}
