/**
 * The profile form's own checks and what it sends: an edit may leave the API key and the secret
 * empty (main keeps the stored ones), so the request then leaves them out; a new key type still
 * needs its secret. Main's rules: test/unit/vault/profile-vault.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkForm, fieldForError, formFor, toInput, type ProfileForm } from '../../../renderer/components/profiles/profile-form';
import type { ProfileSummary } from '../../../shared/profiles';

const stored: ProfileSummary = {
  id: 'p1',
  name: 'Main',
  environment: 'testnet',
  keyType: 'HMAC',
  apiKeyTail: 'x9Z2',
  secretStorage: 'os-keystore',
  customUrls: null,
};
const available = { editing: stored, keyStoreAvailable: true };

function edited(patch: Partial<ProfileForm> = {}): ProfileForm {
  return { ...formFor(stored), ...patch };
}

describe('editing a profile', () => {
  it('starts with empty API key and secret fields: the renderer never has them', () => {
    expect(formFor(stored)).toMatchObject({ name: 'Main', apiKey: '', environment: 'testnet', keyType: 'HMAC' });
  });

  it('accepts empty API key and secret fields, and sends neither (main keeps the stored ones)', () => {
    const form = edited({ name: 'Renamed' });
    expect(checkForm(form, '', available)).toEqual({});
    const input = toInput(form, '', stored);
    expect(input).toEqual({ id: 'p1', name: 'Renamed', environment: 'testnet', keyType: 'HMAC', customUrls: null, allowPlaintext: false });
    expect('apiKey' in input || 'secret' in input).toBe(false);
  });

  it('asks for the secret again when the exchange changes: the stored one stays bound to its exchange', () => {
    expect(checkForm(edited({ environment: 'mainnet' }), '', available)).toEqual({
      secret:
        'Changing the exchange from Binance testnet to Binance mainnet sends the API key to other servers, so it needs the secret again: ' +
        'enter the API secret — or keep Binance testnet.',
    });
    expect(checkForm(edited({ environment: 'mainnet' }), 'S'.repeat(64), available)).toEqual({});
    // Main's refusals to keep a secret that no longer matches its profile belong to the secret field too.
    expect(['invalid-secret', 'secret-mismatch', 'secret-unbound'].map(fieldForError)).toEqual(['secret', 'secret', 'secret']);
  });

  it('sends a new API key or a new secret when one is typed', () => {
    const apiKey = 'A'.repeat(64);
    const secret = 'S'.repeat(64);
    expect(toInput(edited({ apiKey: `  ${apiKey} ` }), '', stored)).toMatchObject({ apiKey });
    expect(toInput(edited(), secret, stored)).toMatchObject({ secret });
    expect(toInput(edited(), secret, stored)).not.toHaveProperty('apiKey');
  });

  it('asks for the new secret when the key type changes, saying which type the stored one belongs to', () => {
    const errors = checkForm(edited({ keyType: 'ED25519' }), '', available);
    expect(errors).toEqual({
      secret: 'The stored secret belongs to the HMAC key type: paste the private key or choose its file to switch to Ed25519, or keep HMAC.',
    });
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';
    expect(checkForm(edited({ keyType: 'ED25519' }), pem, available)).toEqual({});
  });

  it('still checks a typed API key', () => {
    expect(checkForm(edited({ apiKey: 'short' }), '', available).apiKey).toMatch(/16 to 256 letters and digits/);
  });

  it('needs no plaintext opt-in without a key store when no new secret is sent', () => {
    expect(checkForm(edited(), '', { editing: stored, keyStoreAvailable: false })).toEqual({});
    expect(checkForm(edited(), 'S'.repeat(64), { editing: stored, keyStoreAvailable: false })).toHaveProperty('plaintext');
  });
});

describe('adding a profile', () => {
  it('needs the API key and the secret', () => {
    const form = { ...formFor(stored), name: 'New' };
    expect(checkForm(form, '', { editing: null, keyStoreAvailable: true })).toEqual({
      apiKey: 'Enter the API key.',
      secret: 'Enter the API secret.',
    });
  });
});
