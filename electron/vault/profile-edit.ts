/**
 * What an edit may keep. The renderer never holds a stored API key or secret, so an edit that leaves
 * them out keeps the stored ones — but only where the kept secret can still sign for the edited
 * profile. A stored secret was checked against its key type when saved (key-material.ts), so it can
 * never serve another type: an HMAC secret is no PEM, and an Ed25519 PEM is no RSA key. Nor may a
 * kept secret go somewhere else: changing the environment or a custom URL sends the API key (and
 * signatures) to other servers, so it needs the secret again — whoever controls the renderer must
 * not be able to point a saved key at their own host.
 */
import type { KeyTypeName } from '../../shared/profiles';
import { editNeedsSecretMessage, WHAT_TO_ENTER } from './binding-messages';
import { profileFailure } from './errors';
import type { SecretBinding } from './secret-envelope';
import type { StoredProfile } from './stored-profiles';
import { checkApiKey } from './validate-input';

const LABEL: Record<KeyTypeName, string> = { HMAC: 'HMAC', ED25519: 'Ed25519', RSA: 'RSA' };

const SECRET_NAME: Record<KeyTypeName, string> = {
  HMAC: 'an HMAC secret',
  ED25519: 'an Ed25519 private key',
  RSA: 'an RSA private key',
};

export interface CredentialsChange {
  keyType: KeyTypeName;
  /** The API key typed in the form; undefined keeps the stored one. */
  apiKey: string | undefined;
  /** The new secret or PEM, already checked; undefined keeps the stored one. */
  secret: string | undefined;
}

/** The API key the edited profile stores, or an `invalid-secret` failure saying what to enter. */
export function apiKeyAfterEdit(existing: StoredProfile, change: CredentialsChange): string {
  const apiKey = change.apiKey ?? existing.apiKey;
  if (change.secret !== undefined) {
    // A kept API key was checked when stored; it must still not be the new secret pasted twice.
    if (change.apiKey === undefined) checkApiKey(apiKey, change.secret);
    return apiKey;
  }
  if (existing.keyType !== change.keyType) {
    const [was, now] = [LABEL[existing.keyType], LABEL[change.keyType]];
    throw profileFailure(
      'invalid-secret',
      `The stored secret is ${SECRET_NAME[existing.keyType]}: it cannot sign as ${now}. ` +
        `To switch to ${now}, ${WHAT_TO_ENTER[change.keyType]}; otherwise keep the key type ${was}.`,
    );
  }
  // The exchange issues an HMAC secret together with its API key, so a new key needs its own secret.
  // An Ed25519 or RSA private key is the user's own: the new API key may name the same public key.
  if (apiKey !== existing.apiKey && existing.keyType === 'HMAC') {
    throw profileFailure('invalid-secret', 'An HMAC secret belongs to the API key it was issued with: enter the new key’s secret too.');
  }
  return apiKey;
}

/**
 * Refuses an edit that keeps the stored secret but changes where it is used (environment or custom
 * URLs), with an `invalid-secret` failure naming the changed field. An edit with a new secret may
 * change anything: the new secret is sealed for the new place.
 */
export function checkKeptSecretTarget(existing: StoredProfile, next: Pick<SecretBinding, 'environment' | 'customUrls' | 'keyType'>): void {
  const message = editNeedsSecretMessage(existing, { ...next, apiKey: existing.apiKey });
  if (message !== null) throw profileFailure('invalid-secret', message);
}
