/**
 * What the cipher encrypts for a profile: the secret sealed together with its profile id and
 * everything that decides where the secret is used — environment, custom URLs, API key and key
 * type (the binding). The profiles file keeps those fields in plaintext for the UI; on unlock the
 * vault compares them with the sealed binding, so an edit of the file cannot point a saved key at
 * another server.
 *
 * The binding is also authenticated by a MAC keyed with the secret itself. Electron's safeStorage
 * encrypts with AES-CBC and no MAC on macOS and Linux, so a ciphertext is malleable there: flipping
 * bits could rewrite part of the sealed binding without the key. Forging the MAC needs the secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { environmentSchema } from '../../shared/connection';
import { customUrlsSchema, keyTypeSchema } from '../../shared/profiles';
import type { StoredProfile } from './stored-profiles';

/** The fields a secret is bound to. */
export type SecretBinding = Pick<StoredProfile, 'environment' | 'customUrls' | 'apiKey' | 'keyType'>;

/** A binding field, as the vault's messages name it. */
export type BindingField = 'environment' | 'customUrls' | 'apiKey' | 'keyType';

const ENVELOPE_VERSION = 2;

const bindingSchema = z
  .object({
    environment: environmentSchema.exclude(['demo']),
    customUrls: customUrlsSchema.strict().nullable(),
    apiKey: z.string(),
    keyType: keyTypeSchema,
  })
  .strict();

const boundEnvelopeSchema = z
  .object({
    v: z.literal(ENVELOPE_VERSION),
    profile: z.string(),
    binding: bindingSchema,
    secret: z.string(),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** What PerpDesk wrote before the binding: the secret and its profile id only. */
const legacyEnvelopeSchema = z.object({ profile: z.string(), secret: z.string() }).strict();

/** A decrypted envelope that belongs to the profile: bound (with what it was sealed for), or legacy. */
export type OpenedEnvelope = { kind: 'bound'; secret: string; binding: SecretBinding } | { kind: 'legacy'; secret: string };

/** The binding of a stored (or about to be stored) profile. */
export function bindingOf(profile: SecretBinding): SecretBinding {
  return { environment: profile.environment, customUrls: profile.customUrls, apiKey: profile.apiKey, keyType: profile.keyType };
}

/** The text to encrypt: the secret with its profile id and binding, and the MAC over them. */
export function sealEnvelope(profileId: string, binding: SecretBinding, secret: string): string {
  const bound = bindingOf(binding);
  return JSON.stringify({ v: ENVELOPE_VERSION, profile: profileId, binding: bound, secret, mac: macOf(profileId, bound, secret) });
}

/**
 * Reads decrypted envelope text for `profileId`. Throws a detail-free Error when the text is not an
 * envelope, belongs to another profile, or its MAC does not verify (callers report it as unreadable).
 */
export function openEnvelope(text: string, profileId: string): OpenedEnvelope {
  const json: unknown = JSON.parse(text);
  const bound = boundEnvelopeSchema.safeParse(json);
  if (bound.success) {
    const { profile, binding, secret, mac } = bound.data;
    if (profile !== profileId) throw new Error('the ciphertext belongs to another profile');
    const expected = Buffer.from(macOf(profile, binding, secret), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) throw new Error('the sealed binding was altered');
    return { kind: 'bound', secret, binding };
  }
  const legacy = legacyEnvelopeSchema.parse(json);
  if (legacy.profile !== profileId) throw new Error('the ciphertext belongs to another profile');
  return { kind: 'legacy', secret: legacy.secret };
}

/** The binding fields that differ between what a secret was sealed for and what the profile says now. */
export function bindingDifferences(sealed: SecretBinding, current: SecretBinding): BindingField[] {
  const differences: BindingField[] = [];
  if (sealed.environment !== current.environment) differences.push('environment');
  if (!sameUrls(sealed.customUrls, current.customUrls)) differences.push('customUrls');
  if (sealed.apiKey !== current.apiKey) differences.push('apiKey');
  if (sealed.keyType !== current.keyType) differences.push('keyType');
  return differences;
}

/** The custom URL fields that differ (all four when one side has none). */
export function changedUrlFields(
  before: SecretBinding['customUrls'],
  after: SecretBinding['customUrls'],
): Array<'wsApi' | 'market' | 'private' | 'rest'> {
  const fields = ['wsApi', 'market', 'private', 'rest'] as const;
  if (before === null && after === null) return [];
  return fields.filter((field) => before?.[field] !== after?.[field]);
}

function sameUrls(a: SecretBinding['customUrls'], b: SecretBinding['customUrls']): boolean {
  return changedUrlFields(a, b).length === 0;
}

/** HMAC-SHA256 keyed with the secret over the profile id and the binding, in a fixed field order. */
function macOf(profileId: string, binding: SecretBinding, secret: string): string {
  const urls = binding.customUrls;
  const canonical = JSON.stringify([
    ENVELOPE_VERSION,
    profileId,
    binding.environment,
    urls === null ? null : [urls.wsApi, urls.market, urls.private, urls.rest],
    binding.apiKey,
    binding.keyType,
  ]);
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
}
