/**
 * API key profiles at rest. Non-secret fields go to the profiles store (electron-store in the app,
 * schema-checked); the secret only as ciphertext from the injected Cipher, or — when this machine has
 * no key store and the user explicitly accepted it — as plaintext marked `plaintext-opt-in`.
 *
 * A damaged file is never reset: it is moved aside whole as `<name>.corrupt-<timestamp>.json` and
 * every call reports it (VaultCorruptError) until the user saves a profile, which starts a new file.
 * A secret that no longer decrypts is reported with a backup copy of the file; the profile stays.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { MAX_PROFILES, type ProfileSummary } from '../../shared/profiles';
import { checkEndpoints, endpointsFor, type Endpoints } from '../exchange/endpoints';
import type { Credentials } from '../exchange/signing';
import type { Cipher, KeyStoreStatus } from './cipher';
import { profileFailure, VaultCorruptError } from './errors';
import { checkKeyMaterial } from './key-material';
import { apiKeyAfterEdit } from './profile-edit';
import {
  copyAside,
  isDamagedStoreError,
  listBackups,
  moveAside,
  storePath,
  StoreShapeError,
  type KeyValueStore,
  type OpenStore,
  type StoreLocation,
} from './store-file';
import {
  EMPTY_DOCUMENT,
  storedDocumentSchema,
  type StoredDocument,
  type StoredProfile,
  type StoredSecret,
} from './stored-profiles';
import { checkApiKey, checkCustomUrls, parseProfileInput } from './validate-input';

export { MAX_PROFILES };

export const NO_KEYSTORE_MESSAGE =
  'This computer offers PerpDesk no OS key store (on Linux: no Secret Service or KWallet), so the secret could only be ' +
  'saved unencrypted, in a file any program running as you can read. Tick "Store the secret unencrypted" to accept ' +
  'that risk, or set up a key ring and restart PerpDesk.';

/** What the cipher encrypts: the secret bound to its profile, so ciphertexts cannot be swapped between profiles. */
const envelopeSchema = z.object({ profile: z.string(), secret: z.string() }).strict();

export interface ProfileVaultOptions {
  /** Where the profiles file lives, e.g. `{ dir: app.getPath('userData'), name: 'profiles' }`. */
  location: StoreLocation;
  openStore: OpenStore;
  cipher: Cipher;
  now?: () => number;
  newId?: () => string;
}

/** A profile with its secret decrypted: only for connecting, never stored, never sent to the renderer. */
export interface UnlockedProfile {
  id: string;
  name: string;
  environment: StoredProfile['environment'];
  keyType: StoredProfile['keyType'];
  endpoints: Endpoints;
  credentials: Credentials;
}

export class ProfileVault {
  private store: KeyValueStore | null = null;
  private corruption: VaultCorruptError | null = null;
  /** Profiles whose unreadable secret already produced a backup in this session (one copy is enough). */
  private readonly backedUpUnreadable = new Set<string>();
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: ProfileVaultOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  /** Whether secrets can be encrypted on this machine right now. */
  keyStore(): KeyStoreStatus {
    return this.options.cipher.isAvailable();
  }

  /** The profiles without their secrets, and the active one. Throws VaultCorruptError while the file is damaged. */
  list(): { profiles: ProfileSummary[]; activeId: string | null } {
    const doc = this.load();
    return { profiles: doc.profiles.map(summarize), activeId: doc.activeId };
  }

  /** The profile in use, or null (demo mode). */
  activeId(): string | null {
    return this.load().activeId;
  }

  // --- Changes -------------------------------------------------------------------------------

  /**
   * Creates a profile, or updates the one with `input.id`. An edit may leave out the API key and the
   * secret to keep the stored ones, where they can still sign for the edited profile (profile-edit.ts).
   */
  save(raw: unknown): ProfileSummary {
    const input = parseProfileInput(raw);
    const { apiKey } = input;
    const editing = input.id !== undefined;
    if (apiKey !== undefined) checkApiKey(apiKey, input.secret);
    else if (!editing) throw profileFailure('invalid-api-key', 'Enter the API key.');
    if (input.secret === undefined && !editing) {
      throw profileFailure('invalid-secret', 'Enter the API secret (HMAC), or paste or choose the private key file (Ed25519, RSA).');
    }
    const customUrls = checkCustomUrls(input);
    const material = input.secret === undefined ? undefined : checkKeyMaterial(input.keyType, input.secret);
    // Everything that depends on the input alone is checked (and the secret sealed) before the file is touched.
    const id = input.id ?? this.newId();
    const sealed = material === undefined ? undefined : this.seal(id, material, input.allowPlaintext);

    // While the file is damaged, a save starts a new one (the old file is kept aside).
    const doc = this.pendingCorruption() === null ? this.load() : structuredClone(EMPTY_DOCUMENT);
    const existing = editing ? doc.profiles.find((profile) => profile.id === input.id) : undefined;
    if (editing && existing === undefined) {
      throw profileFailure('unknown-profile', 'This profile no longer exists; it may have been deleted.');
    }
    if (existing === undefined && doc.profiles.length >= MAX_PROFILES) {
      throw profileFailure('too-many-profiles', `PerpDesk keeps at most ${MAX_PROFILES} profiles; delete one first.`);
    }
    const clash = doc.profiles.find((p) => p.id !== id && p.name.toLowerCase() === input.name.toLowerCase());
    if (clash !== undefined) throw profileFailure('invalid-name', `A profile named "${clash.name}" already exists.`);
    const storedKey =
      existing === undefined ? apiKey : apiKeyAfterEdit(existing, { keyType: input.keyType, apiKey, secret: material });
    const secret = sealed ?? existing?.secret;
    if (secret === undefined || storedKey === undefined) throw new Error('unreachable: a new profile comes with its key and secret');
    const profile: StoredProfile = {
      id,
      name: input.name,
      environment: input.environment,
      keyType: input.keyType,
      apiKey: storedKey,
      customUrls,
      secret,
      updatedAt: this.now(),
    };
    const profiles = existing === undefined ? [...doc.profiles, profile] : doc.profiles.map((p) => (p.id === id ? profile : p));
    this.commit({ ...doc, profiles });
    return summarize(profile);
  }

  /** Deletes a profile and its secret; deleting the active one returns to demo mode. */
  remove(id: string): { wasActive: boolean } {
    const doc = this.load();
    if (!doc.profiles.some((profile) => profile.id === id)) {
      throw profileFailure('unknown-profile', 'This profile no longer exists; it may have been deleted.');
    }
    const wasActive = doc.activeId === id;
    this.commit({ ...doc, activeId: wasActive ? null : doc.activeId, profiles: doc.profiles.filter((p) => p.id !== id) });
    this.backedUpUnreadable.delete(id);
    return { wasActive };
  }

  /** Records which profile is in use (null: demo mode), so the next start uses it again. */
  setActive(id: string | null): void {
    const doc = this.load();
    if (id !== null && !doc.profiles.some((profile) => profile.id === id)) {
      throw profileFailure('unknown-profile', 'This profile no longer exists; it may have been deleted.');
    }
    if (doc.activeId !== id) this.commit({ ...doc, activeId: id });
  }

  // --- Secrets -------------------------------------------------------------------------------

  /** Decrypts a profile's secret for connecting. Throws `secret-unreadable` (with a backup of the file) when it does not decrypt. */
  unlock(id: string): UnlockedProfile {
    const profile = this.load().profiles.find((candidate) => candidate.id === id);
    if (profile === undefined) throw profileFailure('unknown-profile', 'This profile no longer exists; it may have been deleted.');
    const material = this.openSecret(profile);
    const endpoints = profileEndpoints(profile);
    const credentials: Credentials =
      profile.keyType === 'HMAC' ? { apiKey: profile.apiKey, secret: material } : { apiKey: profile.apiKey, privateKeyPem: material };
    return { id, name: profile.name, environment: profile.environment, keyType: profile.keyType, endpoints, credentials };
  }

  private seal(id: string, material: string, allowPlaintext: boolean): StoredSecret {
    const { cipher } = this.options;
    if (cipher.isAvailable() === 'available') {
      let ciphertext: Buffer;
      try {
        ciphertext = cipher.encrypt(JSON.stringify({ profile: id, secret: material }));
      } catch {
        throw profileFailure('no-keystore', 'The OS key store refused to encrypt the secret; nothing was saved. Unlock your key ring and try again.');
      }
      return { storage: 'os-keystore', ciphertext: ciphertext.toString('base64') };
    }
    if (!allowPlaintext) throw profileFailure('no-keystore', NO_KEYSTORE_MESSAGE);
    return { storage: 'plaintext-opt-in', plaintext: material };
  }

  private openSecret(profile: StoredProfile): string {
    const { secret } = profile;
    if (secret.storage === 'plaintext-opt-in') return checkKeyMaterial(profile.keyType, secret.plaintext);
    const { cipher } = this.options;
    if (cipher.isAvailable() !== 'available') {
      throw profileFailure(
        'no-keystore',
        `The OS key store is not available, so the secret of "${profile.name}" cannot be decrypted. Unlock your key ring and restart PerpDesk.`,
      );
    }
    try {
      const envelope = envelopeSchema.parse(JSON.parse(cipher.decrypt(Buffer.from(secret.ciphertext, 'base64'))));
      if (envelope.profile !== profile.id) throw new Error('the ciphertext belongs to another profile');
      return checkKeyMaterial(profile.keyType, envelope.secret);
    } catch {
      // Deliberately no detail from the error: a decryption or parse message could quote key material.
      const backup = this.backupOnce(profile.id);
      throw profileFailure(
        'secret-unreadable',
        `The secret of "${profile.name}" could not be decrypted: the OS key store may have been reset, or the profiles file was changed. ` +
          `${backup === null ? '' : `The file was backed up as ${backup}; `}nothing was deleted. Edit the profile and enter its secret again.`,
      );
    }
  }

  private backupOnce(id: string): string | null {
    if (this.backedUpUnreadable.has(id)) return null;
    this.backedUpUnreadable.add(id);
    return copyAside(this.options.location, this.now());
  }

  // --- The file ------------------------------------------------------------------------------

  /** The damage found earlier, while the file is still absent (this run or a previous one). */
  private pendingCorruption(): VaultCorruptError | null {
    const { location } = this.options;
    if (existsSync(storePath(location))) {
      // A file is back (a save, or the user restored a backup): read it as it is.
      this.corruption = null;
      return null;
    }
    this.store = null;
    if (this.corruption !== null) return this.corruption;
    const latest = listBackups(location).at(-1);
    if (latest === undefined) return null;
    this.corruption = new VaultCorruptError(latest, 'it was found damaged when PerpDesk read it earlier');
    return this.corruption;
  }

  private load(): StoredDocument {
    const pending = this.pendingCorruption();
    if (pending !== null) throw pending;
    try {
      this.store ??= this.options.openStore(this.options.location);
      const parsed = storedDocumentSchema.safeParse(this.store.read());
      if (!parsed.success) throw new StoreShapeError('the profiles file does not match the vault schema');
      return parsed.data;
    } catch (error) {
      throw this.classify(error);
    }
  }

  private commit(doc: StoredDocument): void {
    const checked = storedDocumentSchema.parse(doc);
    let store: KeyValueStore;
    try {
      store = this.store ??= this.options.openStore(this.options.location);
    } catch (error) {
      throw this.classify(error);
    }
    try {
      store.write(checked);
    } catch (error) {
      // The store reads the file before writing and writes nothing when that read fails. Read again
      // to tell a damaged file from a value the store refused, which must not move a good file aside.
      try {
        store.read();
      } catch (readError) {
        throw this.classify(readError);
      }
      throw profileFailure('vault-unavailable', `The profiles file could not be written: ${(error as Error).message}`);
    }
    this.corruption = null;
  }

  /** Damage: move the file aside and report it. Anything else (permissions, disk): report, touch nothing. */
  private classify(error: unknown): Error {
    if (error instanceof VaultCorruptError) return error;
    this.store = null;
    if (!isDamagedStoreError(error)) {
      return profileFailure('vault-unavailable', `The profiles file could not be read or written: ${(error as Error).message}`);
    }
    const backup = moveAside(this.options.location, this.now());
    // Never the parser's own message: V8 quotes the text around the error, which may be a secret.
    const reason = error instanceof SyntaxError ? 'the file is not valid JSON' : 'the file does not have the expected content';
    this.corruption = new VaultCorruptError(backup, reason);
    return this.corruption;
  }
}

function profileEndpoints(profile: StoredProfile): Endpoints {
  const fixed = endpointsFor(profile.environment);
  if (profile.environment !== 'custom' && fixed !== null) return fixed;
  try {
    if (profile.customUrls !== null) return checkEndpoints(profile.customUrls);
  } catch {
    // Checked when saved; reaching here means the file was edited by hand. Fall through.
  }
  throw profileFailure('invalid-urls', `The URLs of "${profile.name}" are missing or invalid: edit the profile.`);
}

function summarize(profile: StoredProfile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    environment: profile.environment,
    keyType: profile.keyType,
    apiKeyTail: profile.apiKey.slice(-4),
    secretStorage: profile.secret.storage,
    customUrls: profile.customUrls,
  };
}
