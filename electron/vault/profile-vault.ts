/**
 * API key profiles at rest. Non-secret fields go to the profiles store (electron-store in the app,
 * schema-checked); the secret only as ciphertext from the injected Cipher, or — when this machine has
 * no key store and the user explicitly accepted it — as plaintext marked `plaintext-opt-in`.
 *
 * A damaged file is never reset: it is moved aside whole as `<name>.corrupt-<timestamp>.json` and
 * every call reports it (VaultCorruptError) until the user saves a profile, which starts a new file.
 * A secret that no longer decrypts is reported with a backup copy of the file; the profile stays.
 *
 * A secret is sealed with where it may be used — environment, URLs, API key, key type
 * (secret-envelope.ts) — and unlock refuses when the file says otherwise, so neither an edited
 * profiles file nor an edit from the renderer without the secret can send a saved key elsewhere.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { MAX_PROFILES, type ProfileSummary } from '../../shared/profiles';
import { checkEndpoints, endpointsFor, type Endpoints } from '../exchange/endpoints';
import type { Credentials } from '../exchange/signing';
import type { Cipher, KeyStoreStatus } from './cipher';
import { profileFailure, VaultCorruptError } from './errors';
import { checkKeyMaterial } from './key-material';
import { mismatchMessage, unboundCustomMessage } from './binding-messages';
import { apiKeyAfterEdit, checkKeptSecretTarget } from './profile-edit';
import { bindingDifferences, bindingOf, openEnvelope, sealEnvelope, type OpenedEnvelope, type SecretBinding } from './secret-envelope';
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
    // Everything that depends on the input alone is checked (and a secret that comes with its API
    // key sealed) before the file is touched.
    const material = input.secret === undefined ? undefined : checkKeyMaterial(input.keyType, input.secret);
    const id = input.id ?? this.newId();
    const sealedEarly =
      material === undefined || apiKey === undefined
        ? undefined
        : this.seal(id, { environment: input.environment, customUrls, apiKey, keyType: input.keyType }, material, input.allowPlaintext);

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
    if (storedKey === undefined) throw new Error('unreachable: a new profile comes with its key');
    if (existing !== undefined && material === undefined) {
      checkKeptSecretTarget(existing, { environment: input.environment, customUrls, keyType: input.keyType });
    }
    const binding: SecretBinding = { environment: input.environment, customUrls, apiKey: storedKey, keyType: input.keyType };
    const secret = sealedEarly ?? this.secretFor(id, binding, material, existing, input.allowPlaintext);
    const profile: StoredProfile = { id, name: input.name, ...binding, secret, updatedAt: this.now() };
    const profiles = existing === undefined ? [...doc.profiles, profile] : doc.profiles.map((p) => (p.id === id ? profile : p));
    this.commit({ ...doc, profiles });
    return summarize(profile);
  }

  /**
   * The secret as the saved profile stores it: new material sealed for its binding, or the stored
   * one kept. A kept secret whose binding changed (a new API key for the same Ed25519 or RSA key) is
   * opened — which checks it against what it was sealed for — and sealed again for the new binding.
   */
  private secretFor(
    id: string,
    binding: SecretBinding,
    material: string | undefined,
    existing: StoredProfile | undefined,
    allowPlaintext: boolean,
  ): StoredSecret {
    if (material !== undefined) return this.seal(id, binding, material, allowPlaintext);
    if (existing === undefined) throw new Error('unreachable: a new profile comes with its secret');
    const kept = existing.secret;
    if (kept.storage === 'plaintext-opt-in' || bindingDifferences(bindingOf(existing), binding).length === 0) return kept;
    const { material: opened } = this.openSecret(existing);
    return this.seal(id, binding, opened, false);
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

  /**
   * Decrypts a profile's secret for connecting, after checking that the profile still names what the
   * secret was sealed for. Throws `secret-unreadable` (with a backup of the file) when it does not
   * decrypt, `secret-mismatch` when the file's environment, URLs, API key or key type were changed,
   * and `secret-unbound` for a custom profile an earlier version saved without the binding.
   */
  unlock(id: string): UnlockedProfile {
    const profile = this.load().profiles.find((candidate) => candidate.id === id);
    if (profile === undefined) throw profileFailure('unknown-profile', 'This profile no longer exists; it may have been deleted.');
    const { material, legacy } = this.openSecret(profile);
    const endpoints = profileEndpoints(profile);
    if (legacy) this.upgradeEnvelope(profile, material);
    const credentials: Credentials =
      profile.keyType === 'HMAC' ? { apiKey: profile.apiKey, secret: material } : { apiKey: profile.apiKey, privateKeyPem: material };
    return { id, name: profile.name, environment: profile.environment, keyType: profile.keyType, endpoints, credentials };
  }

  private seal(id: string, binding: SecretBinding, material: string, allowPlaintext: boolean): StoredSecret {
    const { cipher } = this.options;
    if (cipher.isAvailable() === 'available') {
      let ciphertext: Buffer;
      try {
        ciphertext = cipher.encrypt(sealEnvelope(id, binding, material));
      } catch {
        throw profileFailure('no-keystore', 'The OS key store refused to encrypt the secret; nothing was saved. Unlock your key ring and try again.');
      }
      return { storage: 'os-keystore', ciphertext: ciphertext.toString('base64') };
    }
    if (!allowPlaintext) throw profileFailure('no-keystore', NO_KEYSTORE_MESSAGE);
    return { storage: 'plaintext-opt-in', plaintext: material };
  }

  /**
   * The key material, and whether it came from a legacy envelope (sealed without its binding). A
   * plaintext secret has no envelope to bind: whoever can edit that file can read the secret anyway.
   */
  private openSecret(profile: StoredProfile): { material: string; legacy: boolean } {
    const { secret } = profile;
    if (secret.storage === 'plaintext-opt-in') return { material: checkKeyMaterial(profile.keyType, secret.plaintext), legacy: false };
    const { cipher } = this.options;
    if (cipher.isAvailable() !== 'available') {
      throw profileFailure(
        'no-keystore',
        `The OS key store is not available, so the secret of "${profile.name}" cannot be decrypted. Unlock your key ring and restart PerpDesk.`,
      );
    }
    let envelope: OpenedEnvelope;
    let material: string;
    try {
      envelope = openEnvelope(cipher.decrypt(Buffer.from(secret.ciphertext, 'base64')), profile.id);
      material = checkKeyMaterial(envelope.kind === 'bound' ? envelope.binding.keyType : profile.keyType, envelope.secret);
    } catch {
      // Deliberately no detail from the error: a decryption or parse message could quote key material.
      const backup = this.backupOnce(profile.id);
      throw profileFailure(
        'secret-unreadable',
        `The secret of "${profile.name}" could not be decrypted: the OS key store may have been reset, or the profiles file was changed. ` +
          `${backup === null ? '' : `The file was backed up as ${backup}; `}nothing was deleted. Edit the profile and enter its secret again.`,
      );
    }
    const current = bindingOf(profile);
    if (envelope.kind === 'bound') {
      const differences = bindingDifferences(envelope.binding, current);
      if (differences.length > 0) {
        throw profileFailure('secret-mismatch', mismatchMessage(profile.name, envelope.binding, current, differences));
      }
      return { material, legacy: false };
    }
    // A legacy envelope proves nothing about where the key goes. Testnet and mainnet keep their
    // endpoints in code, so the worst an edited file can do is move the key between Binance's own
    // servers, where it does not open another account: upgraded on this unlock. A custom profile's
    // URLs may have been written by anyone who could write the file: the user confirms them once.
    if (profile.environment === 'custom') throw profileFailure('secret-unbound', unboundCustomMessage(profile.name, current));
    return { material, legacy: true };
  }

  /** Seals a legacy secret again, bound to its profile. Best effort: if it fails, the next unlock tries again. */
  private upgradeEnvelope(profile: StoredProfile, material: string): void {
    try {
      const secret = this.seal(profile.id, bindingOf(profile), material, false);
      const doc = this.load();
      // Only the profile as it was unlocked: a save in between (a new secret) is not overwritten.
      const unchanged = (p: StoredProfile) => p.id === profile.id && JSON.stringify(p) === JSON.stringify(profile);
      const profiles = doc.profiles.map((p) => (unchanged(p) ? { ...p, secret } : p));
      this.commit({ ...doc, profiles });
    } catch {
      // Unlocking succeeded; a key store or disk that refuses now is reported by the next save.
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
