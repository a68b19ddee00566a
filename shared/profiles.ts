import { z } from 'zod';
import { environmentSchema } from './connection';

/** The three key types Binance accepts (PROTOCOL §3). */
export const keyTypeSchema = z.enum(['HMAC', 'ED25519', 'RSA']);
export type KeyTypeName = z.infer<typeof keyTypeSchema>;

/*
 * Character rules. Besides refusing what no real value contains, they bound what a profile costs on
 * the IPC channel (every payload < 64 KB, DESIGN §10 P4): JSON writes a control character or a lone
 * surrogate as a 6-byte escape, so free text without them costs at most 3 bytes per character, and
 * ASCII-only fields at most 2.
 */
/** Profile ids are main's own (UUIDs). */
const PROFILE_ID = /^[A-Za-z0-9-]+$/;
/** Names: any text a person types, without control characters or broken surrogate pairs. */
const PLAIN_TEXT = /^[^\p{Cc}\p{Cs}]*$/u;
/** URLs: printable ASCII without quotes, backslashes or spaces (a real URL percent-encodes them). */
const URL_CHARS = /^[!#-[\]-~]*$/;
/** An HMAC secret or a PEM private key: printable ASCII and line breaks. */
const SECRET_CHARS = /^[\t\n\r -~]*$/;

/**
 * At most this many profiles: a trader's accounts and environments, with room to spare, and the
 * whole list (ids, names, URLs at their longest) still fits one IPC payload.
 */
export const MAX_PROFILES = 30;

export const profileIdSchema = z.string().min(1).max(64).regex(PROFILE_ID);
export const profileNameSchema = z.string().max(100).regex(PLAIN_TEXT);

const urlSchema = z.string().max(300).regex(URL_CHARS);
/** User-supplied URLs of a `custom` environment. */
export const customUrlsSchema = z.object({
  wsApi: urlSchema,
  market: urlSchema,
  private: urlSchema,
  rest: urlSchema,
});

/** How a profile's secret is stored: OS key store ciphertext, or plaintext the user opted into. */
export const secretStorageSchema = z.enum(['os-keystore', 'plaintext-opt-in']);

/** What the renderer may know about a profile: never the secret, never the full API key. */
export const profileSummarySchema = z.object({
  id: profileIdSchema,
  name: profileNameSchema,
  environment: environmentSchema.exclude(['demo']),
  keyType: keyTypeSchema,
  /** The last 4 characters of the API key. */
  apiKeyTail: z.string().max(8).regex(/^[A-Za-z0-9]*$/),
  secretStorage: secretStorageSchema,
  customUrls: customUrlsSchema.nullable(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** A profile as the user enters it. The secret travels renderer → main once and never back. */
export const profileInputSchema = z.object({
  /** Present when editing; the API key and the secret may then be omitted to keep the stored ones. */
  id: profileIdSchema.optional(),
  name: z.string().trim().min(1).max(100).regex(PLAIN_TEXT),
  environment: environmentSchema.exclude(['demo']),
  keyType: keyTypeSchema,
  /** Required for a new profile; when editing, omitted keeps the stored key (the renderer never has it). */
  apiKey: z.string().trim().min(16).max(256).optional(),
  /** HMAC secret, or a PEM private key for Ed25519/RSA. */
  secret: z.string().min(16).max(16_384).regex(SECRET_CHARS).optional(),
  customUrls: customUrlsSchema.nullable(),
  /** The user accepted storing the secret unencrypted because the OS offers no key store. */
  allowPlaintext: z.boolean(),
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** Whether this machine can encrypt secrets (Linux `basic_text` counts as unavailable). */
export const keyStoreStatusSchema = z.enum(['available', 'unavailable']);

export const profilesStateSchema = z.object({
  profiles: z.array(profileSummarySchema).max(MAX_PROFILES),
  /** The profile in use; null in demo mode. */
  activeId: profileIdSchema.nullable(),
  keyStore: keyStoreStatusSchema,
});
export type ProfilesState = z.infer<typeof profilesStateSchema>;

/** The outcome of "test connection": one signed account.position. */
export const connectionTestSchema = z.object({
  ok: z.boolean(),
  message: z.string().max(500),
  /** Open positions the key can see, when it worked. */
  openPositions: z.number().int().nonnegative().nullable(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
