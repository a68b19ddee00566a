/**
 * The profile form's model: its fields (everything but the secret, which lives only in its own
 * uncontrolled input), a first check before anything is sent, and where main's refusals belong.
 * Main checks everything again; these checks only spare a round trip for the obvious mistakes.
 * (No zod here: the renderer's CSP forbids the code generation zod probes for.)
 */
import type { KeyTypeName, ProfileInput, ProfileSummary } from '../../../shared/profiles';

export type ProfileEnvironment = ProfileInput['environment'];
export type UrlField = 'wsApi' | 'market' | 'private' | 'rest';

export interface ProfileForm {
  name: string;
  environment: ProfileEnvironment;
  keyType: KeyTypeName;
  apiKey: string;
  urls: Record<UrlField, string>;
  allowPlaintext: boolean;
}

/** Where a message is shown: next to a field, or above the buttons. */
export type FormField = 'name' | 'apiKey' | 'secret' | 'urls' | 'plaintext' | 'form';
export type FieldErrors = Partial<Record<FormField, string>>;

export const URL_FIELDS: ReadonlyArray<{ field: UrlField; label: string; placeholder: string }> = [
  { field: 'wsApi', label: 'WebSocket API URL', placeholder: 'wss://ws-fapi.example.com/ws-fapi/v1' },
  { field: 'market', label: 'Market stream URL', placeholder: 'wss://fstream.example.com/market' },
  { field: 'private', label: 'User data stream URL', placeholder: 'wss://fstream.example.com/private' },
  { field: 'rest', label: 'REST URL', placeholder: 'https://fapi.example.com' },
];

export const KEY_TYPES: ReadonlyArray<{ value: KeyTypeName; label: string; hint: string }> = [
  { value: 'HMAC', label: 'HMAC', hint: 'An API key with a secret string' },
  { value: 'ED25519', label: 'Ed25519', hint: 'Your own Ed25519 key pair (PEM)' },
  { value: 'RSA', label: 'RSA', hint: 'Your own RSA key pair (PKCS#8 PEM)' },
];

/** How the UI names each key type. */
export const KEY_TYPE_LABEL: Record<KeyTypeName, string> = { HMAC: 'HMAC', ED25519: 'Ed25519', RSA: 'RSA' };

export function emptyForm(): ProfileForm {
  return {
    name: '',
    environment: 'testnet',
    keyType: 'HMAC',
    apiKey: '',
    urls: { wsApi: '', market: '', private: '', rest: '' },
    allowPlaintext: false,
  };
}

/** An existing profile's fields; the API key and secret are never sent to the renderer, so they start empty. */
export function formFor(profile: ProfileSummary): ProfileForm {
  return {
    ...emptyForm(),
    name: profile.name,
    environment: profile.environment,
    keyType: profile.keyType,
    urls: profile.customUrls ?? emptyForm().urls,
  };
}

const API_KEY = /^[A-Za-z0-9]{16,256}$/;

/** The obvious mistakes, before anything is sent. `secret` is the secret field's text ('' when empty). */
export function checkForm(form: ProfileForm, secret: string, options: { editing: ProfileSummary | null; keyStoreAvailable: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name.length === 0 || name.length > 100) errors.name = 'Give the profile a name of 1 to 100 characters.';
  const apiKey = form.apiKey.trim();
  if (apiKey === '') {
    // Editing: an empty field keeps the stored key (the renderer never has it to show).
    if (options.editing === null) errors.apiKey = 'Enter the API key.';
  } else if (!API_KEY.test(apiKey)) {
    errors.apiKey = 'An API key is 16 to 256 letters and digits (Binance keys have 64).';
  }
  const trimmed = secret.trim();
  if (trimmed === '') {
    const kept = keptSecretProblem(form, options.editing);
    if (kept !== null) errors.secret = kept;
  } else if (trimmed.length < 16) {
    errors.secret = 'This is too short for a secret or a private key.';
  } else if (form.keyType === 'HMAC' && trimmed.includes('-----BEGIN')) {
    errors.secret = 'This is a PEM key, not an HMAC secret: choose Ed25519 or RSA as the key type.';
  } else if (form.keyType !== 'HMAC' && !trimmed.includes('PRIVATE KEY-----')) {
    errors.secret = 'Paste the whole private key, from "-----BEGIN PRIVATE KEY-----" to "-----END PRIVATE KEY-----".';
  }
  if (form.environment === 'custom' && URL_FIELDS.some(({ field }) => form.urls[field].trim() === '')) {
    errors.urls = 'A custom environment needs all four URLs.';
  }
  if (!options.keyStoreAvailable && trimmed !== '' && !form.allowPlaintext) {
    errors.plaintext = 'Without a key store, the secret can only be saved unencrypted: tick the box to accept that, or cancel.';
  }
  return errors;
}

/**
 * Why the secret field may not stay empty, or null when it may. Main applies the same rules
 * (electron/vault/profile-edit.ts); this only answers sooner, next to the field.
 */
function keptSecretProblem(form: ProfileForm, editing: ProfileSummary | null): string | null {
  if (editing === null) return form.keyType === 'HMAC' ? 'Enter the API secret.' : 'Paste the private key or choose its file.';
  if (form.keyType !== editing.keyType) {
    return `The stored secret belongs to the ${KEY_TYPE_LABEL[editing.keyType]} key type: ${
      form.keyType === 'HMAC' ? 'enter the API secret' : 'paste the private key or choose its file'
    } to switch to ${KEY_TYPE_LABEL[form.keyType]}, or keep ${KEY_TYPE_LABEL[editing.keyType]}.`;
  }
  if (form.environment !== editing.environment) {
    return (
      `Changing the exchange from ${EXCHANGE_NAME[editing.environment]} to ${EXCHANGE_NAME[form.environment]} sends the API key ` +
      `to other servers, so it needs the secret again: ${form.keyType === 'HMAC' ? 'enter the API secret' : 'paste the private key or choose its file'}` +
      ` — or keep ${EXCHANGE_NAME[editing.environment]}.`
    );
  }
  // Changed custom URLs, and a new HMAC API key without its secret, are main's to refuse: main
  // normalises URLs, and only main knows the stored key.
  return null;
}

/** How the messages name each environment (the words of the Exchange menu). */
const EXCHANGE_NAME: Record<ProfileEnvironment, string> = { testnet: 'Binance testnet', mainnet: 'Binance mainnet', custom: 'custom URLs' };

/** Whether an edit sends the profile to another exchange, so the stored secret cannot be kept. */
export function exchangeChanged(form: ProfileForm, editing: ProfileSummary | null): boolean {
  return editing !== null && form.environment !== editing.environment;
}

/**
 * What is sent to main. When editing, an empty API key or secret field is left out, which keeps the
 * stored one; a new profile always sends both (checkForm made sure they are there).
 */
export function toInput(form: ProfileForm, secret: string, editing: ProfileSummary | null): ProfileInput {
  const trimmedSecret = secret.trim();
  const apiKey = form.apiKey.trim();
  return {
    ...(editing === null ? {} : { id: editing.id }),
    name: form.name.trim(),
    environment: form.environment,
    keyType: form.keyType,
    ...(apiKey === '' ? {} : { apiKey }),
    ...(trimmedSecret === '' ? {} : { secret }),
    customUrls: form.environment === 'custom' ? { ...form.urls } : null,
    allowPlaintext: form.allowPlaintext,
  };
}

/** Which field a refusal from main belongs to (codes from electron/vault/errors.ts). */
export function fieldForError(code: string): FormField {
  switch (code) {
    case 'invalid-name':
      return 'name';
    case 'invalid-api-key':
      return 'apiKey';
    // A kept secret that no longer matches its profile, or predates the binding: entering it again fixes both.
    case 'secret-mismatch':
    case 'secret-unbound':
    case 'invalid-secret':
      return 'secret';
    case 'invalid-urls':
      return 'urls';
    case 'no-keystore':
      return 'plaintext';
    default:
      return 'form';
  }
}
