/**
 * The plain words for a secret's binding (secret-envelope.ts): where a profile sends its key, what
 * an edit or an outside change of the profiles file changed, and what the user can do. URLs are
 * named by their origin only; the API key is never quoted (the renderer sees its last 4 characters
 * at most, and messages reach the renderer).
 */
import type { KeyTypeName } from '../../shared/profiles';
import { changedUrlFields, type BindingField, type SecretBinding } from './secret-envelope';
import { URL_LABEL } from './validate-input';

const ENVIRONMENT_NAME: Record<SecretBinding['environment'], string> = {
  testnet: 'Binance testnet',
  mainnet: 'Binance mainnet',
  custom: 'a custom environment',
};

const KEY_TYPE_NAME: Record<KeyTypeName, string> = { HMAC: 'HMAC', ED25519: 'Ed25519', RSA: 'RSA' };

/** What to put into the secret field, per key type. */
export const WHAT_TO_ENTER: Record<KeyTypeName, string> = {
  HMAC: 'enter the API secret',
  ED25519: 'paste the Ed25519 private key (PEM) or choose its file',
  RSA: 'paste the RSA private key (PEM) or choose its file',
};

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

/** Where a binding sends the key: "Binance mainnet", or "a custom environment at wss://host". */
export function describeTarget(binding: Pick<SecretBinding, 'environment' | 'customUrls'>): string {
  const name = ENVIRONMENT_NAME[binding.environment];
  return binding.environment === 'custom' && binding.customUrls !== null ? `${name} at ${origin(binding.customUrls.wsApi)}` : name;
}

/** "the WebSocket API URL (now wss://a) and the REST URL (now https://b)". */
function describeUrlChanges(before: SecretBinding['customUrls'], after: SecretBinding['customUrls']): string {
  const parts = changedUrlFields(before, after).map((field) => {
    const now = after?.[field];
    return `the ${URL_LABEL[field] ?? field}${now === undefined ? '' : ` (now ${origin(now)})`}`;
  });
  return parts.length <= 1 ? (parts[0] ?? 'the URLs') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/**
 * Why an edit that keeps the stored secret may not change where it goes, naming the changed field
 * (the profile form shows it next to the secret field, which is what the user fills in).
 */
export function editNeedsSecretMessage(existing: SecretBinding, next: SecretBinding): string | null {
  const enter = WHAT_TO_ENTER[next.keyType];
  if (existing.environment !== next.environment) {
    return (
      `Changing the environment from ${ENVIRONMENT_NAME[existing.environment]} to ${describeTarget(next)} sends the API key ` +
      `to other servers, so it needs the secret again: ${enter}.`
    );
  }
  if (changedUrlFields(existing.customUrls, next.customUrls).length > 0) {
    return `Changing ${describeUrlChanges(existing.customUrls, next.customUrls)} sends the API key to another server, so it needs the secret again: ${enter}.`;
  }
  return null;
}

const FIELD_WORDS: Record<Exclude<BindingField, 'customUrls'>, (sealed: SecretBinding, now: SecretBinding) => string> = {
  environment: (sealed, now) => `the environment (${ENVIRONMENT_NAME[sealed.environment]} → ${ENVIRONMENT_NAME[now.environment]})`,
  apiKey: () => 'the API key',
  keyType: (sealed, now) => `the key type (${KEY_TYPE_NAME[sealed.keyType]} → ${KEY_TYPE_NAME[now.keyType]})`,
};

/** The profile's plaintext fields no longer match what its secret was sealed for. */
export function mismatchMessage(name: string, sealed: SecretBinding, now: SecretBinding, fields: readonly BindingField[]): string {
  const changed = fields.map((field) =>
    field === 'customUrls' ? describeUrlChanges(sealed.customUrls, now.customUrls) : FIELD_WORDS[field](sealed, now),
  );
  return (
    `The secret of "${name}" was saved for ${describeTarget(sealed)}, but the profiles file now says otherwise ` +
    `(${changed.join('; ')}): it was changed outside PerpDesk. PerpDesk uses a saved key only where it was saved for, ` +
    'so nothing was sent and nothing was changed. If you made that change, edit the profile and enter its secret again; ' +
    'otherwise restore the profiles file.'
  );
}

/** A custom profile whose secret an earlier PerpDesk sealed without its URLs. */
export function unboundCustomMessage(name: string, now: SecretBinding): string {
  return (
    `"${name}" was saved by an earlier PerpDesk, which did not seal the secret together with the servers it is sent to. ` +
    `It now points at ${describeTarget(now)}. If that is right, edit the profile and enter its secret again (once); ` +
    'until then nothing is sent. Nothing was changed.'
  );
}
