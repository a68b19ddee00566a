/**
 * Everything the five profile invoke calls do, independent of Electron: list, save, delete, activate
 * and test profiles held by a ProfileVault. `activate` hands back what the desk needs to connect;
 * nothing it returns to the renderer ever carries a secret or a whole API key.
 */
import type { Environment } from '../../shared/connection';
import type { ConnectionTest, KeyTypeName, ProfileSummary, ProfilesState } from '../../shared/profiles';
import type { Endpoints } from '../exchange/endpoints';
import { fetchServerTime } from '../exchange/rest';
import type { Credentials } from '../exchange/signing';
import { RpcSocket } from '../exchange/transport';
import { runConnectionTest, type ConnectionTestDeps } from './connection-test';
import { VaultCorruptError } from './errors';
import { ProfileVault, type ProfileVaultOptions } from './profile-vault';

/** What the desk needs to connect with a profile. Main-process only: it holds the secret. */
export interface ActiveProfile {
  id: string;
  profileName: string;
  environment: Exclude<Environment, 'demo'>;
  keyType: KeyTypeName;
  endpoints: Endpoints;
  credentials: Credentials;
}

export interface ProfileServiceOptions extends ProfileVaultOptions, Partial<ConnectionTestDeps> {
  /** Log lines (never secrets: names, key types and the last 4 characters of an API key at most). */
  log?: (line: string) => void;
}

export class ProfileService {
  readonly vault: ProfileVault;
  private readonly testDeps: ConnectionTestDeps;
  private readonly log: (line: string) => void;

  constructor(options: ProfileServiceOptions) {
    this.vault = new ProfileVault(options);
    this.log = options.log ?? (() => undefined);
    this.testDeps = {
      connectRpc: options.connectRpc ?? ((url, timeoutMs) => RpcSocket.connect(url, timeoutMs)),
      fetchServerTime: options.fetchServerTime ?? fetchServerTime,
      now: options.now ?? Date.now,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    };
  }

  /** The profile in use; null in demo mode or while the profiles file is unreadable. */
  get activeId(): string | null {
    try {
      return this.vault.activeId();
    } catch {
      return null;
    }
  }

  listProfiles(): ProfilesState {
    const { profiles, activeId } = this.vault.list();
    return { profiles, activeId, keyStore: this.vault.keyStore() };
  }

  /** Validates and stores a profile (see ProfileVault.save); the secret, if any, is encrypted first. */
  saveProfile(input: unknown): ProfileSummary {
    const summary = this.vault.save(input);
    this.log(`profile saved: "${summary.name}" (${summary.environment}, ${summary.keyType}, key …${summary.apiKeyTail}, ${summary.secretStorage})`);
    return summary;
  }

  deleteProfile(id: string): { wasActive: boolean } {
    const outcome = this.vault.remove(id);
    this.log(`profile deleted${outcome.wasActive ? ' (it was active: back to demo mode)' : ''}`);
    return outcome;
  }

  /** A profile unlocked for connecting, without marking it active (the desk marks it once connected). */
  unlock(id: string): ActiveProfile {
    const unlocked = this.vault.unlock(id);
    return {
      id: unlocked.id,
      profileName: unlocked.name,
      environment: unlocked.environment,
      keyType: unlocked.keyType,
      endpoints: unlocked.endpoints,
      credentials: unlocked.credentials,
    };
  }

  /** Marks a saved profile as the one in use, without unlocking it. */
  setActive(id: string): void {
    this.vault.setActive(id);
    this.log('active profile recorded');
  }

  /**
   * Makes a profile the active one and returns what the desk connects with; null returns to demo
   * mode, which always works, even while the profiles file is unreadable. Throws IpcFailure (unknown
   * profile, unreadable secret, no key store) and then changes nothing.
   */
  activate(id: string | null): ActiveProfile | null {
    if (id === null) {
      try {
        this.vault.setActive(null);
      } catch (error) {
        // Nothing can be active in a file that cannot be read; demo mode needs nothing from it.
        if (!(error instanceof VaultCorruptError)) throw error;
      }
      this.log('demo mode');
      return null;
    }
    const active = this.unlock(id);
    this.vault.setActive(id);
    this.log(`profile activated: "${active.profileName}" (${active.environment}, ${active.keyType})`);
    return active;
  }

  /** One signed account.position with a saved profile; see connection-test.ts. */
  async testConnection(id: string): Promise<ConnectionTest> {
    const unlocked = this.vault.unlock(id);
    const result = await runConnectionTest(unlocked, this.testDeps);
    this.log(`connection test of "${unlocked.name}": ${result.ok ? 'ok' : 'failed'}`);
    return result;
  }
}
