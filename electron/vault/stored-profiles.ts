/**
 * The profiles file as it sits on disk. The zod schema is the one declaration: the TypeScript types
 * and the JSON Schema electron-store validates every read and write against are derived from it.
 * Secrets appear only as base64 ciphertext, or, when the user opted in on a machine without a key
 * store, in a field whose very name says it is plaintext.
 */
import type { Options as ConfOptions, Schema } from 'conf';
import { z } from 'zod';
import { environmentSchema } from '../../shared/connection';
import { customUrlsSchema, keyTypeSchema, MAX_PROFILES, profileIdSchema, profileNameSchema } from '../../shared/profiles';

/** Standard base64, padded: what `Buffer.toString('base64')` writes. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The secret as stored. `ciphertext` decrypts to a JSON envelope naming its profile (profile-vault.ts). */
export const storedSecretSchema = z.discriminatedUnion('storage', [
  z.object({ storage: z.literal('os-keystore'), ciphertext: z.string().min(1).max(40_000).regex(BASE64) }).strict(),
  z.object({ storage: z.literal('plaintext-opt-in'), plaintext: z.string().min(1).max(16_384) }).strict(),
]);
export type StoredSecret = z.infer<typeof storedSecretSchema>;

export const storedProfileSchema = z
  .object({
    id: profileIdSchema,
    name: profileNameSchema.min(1),
    environment: environmentSchema.exclude(['demo']),
    keyType: keyTypeSchema,
    /** Not a secret (it identifies the key, it cannot sign), but never sent whole to the renderer. */
    apiKey: z.string().min(16).max(256),
    customUrls: customUrlsSchema.strict().nullable(),
    secret: storedSecretSchema,
    updatedAt: z.number().int().nonnegative(),
  })
  .strict();
export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const STORE_VERSION = 1;

export const storedDocumentSchema = z
  .object({
    version: z.literal(STORE_VERSION),
    activeId: profileIdSchema.nullable(),
    profiles: z.array(storedProfileSchema).max(MAX_PROFILES),
  })
  .strict();
export type StoredDocument = z.infer<typeof storedDocumentSchema>;

export const EMPTY_DOCUMENT: StoredDocument = { version: STORE_VERSION, activeId: null, profiles: [] };

// zod types its JSON Schema output loosely; the shape below is what it emits for an object schema.
const jsonSchema = z.toJSONSchema(storedDocumentSchema) as unknown as { properties: Schema<StoredDocument>; required: string[] };

/**
 * The options electron-store (and `conf`, its base) needs for the profiles file: the JSON Schema of
 * every top-level key, defaults, owner-only file mode, and no silent reset of an invalid file (conf
 * then throws instead, and the vault reports it).
 */
export const PROFILES_STORE_OPTIONS = {
  schema: jsonSchema.properties,
  rootSchema: { required: jsonSchema.required, additionalProperties: false },
  defaults: EMPTY_DOCUMENT,
  configFileMode: 0o600,
  clearInvalidConfig: false,
  accessPropertiesByDotNotation: false,
  watch: false,
} satisfies Partial<ConfOptions<StoredDocument>>;
