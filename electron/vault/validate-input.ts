/**
 * A profile as the user sent it, checked field by field: the contract's schema first (shapes and
 * lengths), then what a schema cannot say — the API key's characters, the key material against the
 * key type (key-material.ts), and custom URLs through the same check the exchange client applies.
 */
import type { z } from 'zod';
import { profileInputSchema, type ProfileInput } from '../../shared/profiles';
import { checkEndpoints, type Endpoints } from '../exchange/endpoints';
import { profileFailure, type ProfileErrorCode } from './errors';

/** Binance API keys are 64 letters and digits; other exchanges' test keys may be shorter. */
const API_KEY_CHARS = /^[A-Za-z0-9]+$/;

const FIELD_FAILURE: Record<string, [ProfileErrorCode, string]> = {
  name: ['invalid-name', 'Give the profile a name of 1 to 100 characters, without control characters.'],
  apiKey: ['invalid-api-key', 'The API key must be 16 to 256 characters. Binance API keys are 64 characters.'],
  secret: [
    'invalid-secret',
    'The secret must be 16 to 16,384 printable ASCII characters: an HMAC secret, or a PEM private key. Copy it again from its source.',
  ],
  customUrls: ['invalid-urls', 'A custom environment needs four URLs of at most 300 characters each, without spaces or quotes.'],
  id: ['invalid-profile', 'This profile id is not one PerpDesk made: reopen the profile and save it again.'],
  environment: ['invalid-profile', 'Choose testnet, mainnet or a custom environment.'],
  keyType: ['invalid-profile', 'Choose HMAC, Ed25519 or RSA as the key type.'],
};

/** Parses the contract's shape; every failure names the field in plain words. */
export function parseProfileInput(raw: unknown): ProfileInput {
  const parsed = profileInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw failureFor(parsed.error);
}

function failureFor(error: z.ZodError) {
  const [field, urlField] = error.issues[0]?.path ?? [];
  if (field === 'customUrls' && error.issues[0]?.code === 'invalid_format' && typeof urlField === 'string') {
    const label = URL_LABEL[urlField] ?? urlField;
    return profileFailure('invalid-urls', `The ${label} may not contain spaces, quotes or backslashes: a URL writes them percent-encoded.`);
  }
  const known = typeof field === 'string' ? FIELD_FAILURE[field] : undefined;
  if (known !== undefined) return profileFailure(known[0], known[1]);
  return profileFailure('invalid-profile', 'The profile is incomplete: fill in every field of the form.');
}

/** The API key's own rules, and that it is not the secret pasted into the wrong field. */
export function checkApiKey(apiKey: string, secret: string | undefined): void {
  if (!API_KEY_CHARS.test(apiKey)) {
    throw profileFailure(
      'invalid-api-key',
      'The API key may only contain letters and digits. Copy it again from the exchange’s API management page.',
    );
  }
  if (secret !== undefined && secret.trim() === apiKey) {
    throw profileFailure('invalid-api-key', 'The API key and the secret are the same: paste the API key and its secret into their own fields.');
  }
}

/** A custom environment's URLs, checked and normalised; null for testnet and mainnet (fixed URLs). */
export function checkCustomUrls(input: Pick<ProfileInput, 'environment' | 'customUrls'>): Endpoints | null {
  if (input.environment !== 'custom') return null;
  if (input.customUrls === null) throw profileFailure('invalid-urls', 'A custom environment needs its four URLs.');
  try {
    return checkEndpoints(input.customUrls);
  } catch (error) {
    // checkEndpoints names the URLs by their field names; say what the form calls them.
    const message = (error as Error).message.replace(/^The (wsApi|market|private|rest) URL/, (_match, field: string) => `The ${URL_LABEL[field] ?? field}`);
    throw profileFailure('invalid-urls', message);
  }
}

/** How the profile form names each custom URL; messages use the same words. */
export const URL_LABEL: Record<string, string> = {
  wsApi: 'WebSocket API URL',
  market: 'market stream URL',
  private: 'user data stream URL',
  rest: 'REST URL',
};
