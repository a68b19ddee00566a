import { z } from 'zod';
import { environmentSchema } from './connection';

/** The three key types Binance accepts (PROTOCOL §3). */
export const keyTypeSchema = z.enum(['HMAC', 'ED25519', 'RSA']);
export type KeyTypeName = z.infer<typeof keyTypeSchema>;

/** User-supplied URLs of a `custom` environment. */
export const customUrlsSchema = z.object({
  wsApi: z.string().max(300),
  market: z.string().max(300),
  private: z.string().max(300),
  rest: z.string().max(300),
});

/** How a profile's secret is stored: OS key store ciphertext, or plaintext the user opted into. */
export const secretStorageSchema = z.enum(['os-keystore', 'plaintext-opt-in']);

/** What the renderer may know about a profile: never the secret, never the full API key. */
export const profileSummarySchema = z.object({
  id: z.string().max(64),
  name: z.string().max(100),
  environment: environmentSchema.exclude(['demo']),
  keyType: keyTypeSchema,
  /** The last 4 characters of the API key. */
  apiKeyTail: z.string().max(8),
  secretStorage: secretStorageSchema,
  customUrls: customUrlsSchema.nullable(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** A profile as the user enters it. The secret travels renderer → main once and never back. */
export const profileInputSchema = z.object({
  /** Present when editing; the API key and the secret may then be omitted to keep the stored ones. */
  id: z.string().max(64).optional(),
  name: z.string().trim().min(1).max(100),
  environment: environmentSchema.exclude(['demo']),
  keyType: keyTypeSchema,
  /** Required for a new profile; when editing, omitted keeps the stored key (the renderer never has it). */
  apiKey: z.string().trim().min(16).max(256).optional(),
  /** HMAC secret, or a PEM private key for Ed25519/RSA. */
  secret: z.string().min(16).max(16_384).optional(),
  customUrls: customUrlsSchema.nullable(),
  /** The user accepted storing the secret unencrypted because the OS offers no key store. */
  allowPlaintext: z.boolean(),
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** Whether this machine can encrypt secrets (Linux `basic_text` counts as unavailable). */
export const keyStoreStatusSchema = z.enum(['available', 'unavailable']);

export const profilesStateSchema = z.object({
  profiles: z.array(profileSummarySchema).max(100),
  /** The profile in use; null in demo mode. */
  activeId: z.string().max(64).nullable(),
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
