/**
 * What the desk connects to: an environment's endpoints and the credentials of one account, plus
 * how the status bar names it. Demo mode builds one from the simulator; profiles build the others.
 */
import type { DemoAccount, Environment } from '../../shared/connection';
import type { ConnectionTest, ProfileInput, ProfilesState, ProfileSummary } from '../../shared/profiles';
import type { Endpoints } from '../exchange/endpoints';
import type { Credentials } from '../exchange/signing';
import type { DemoExchange } from './demo-exchange';

export interface SessionTarget {
  environment: Environment;
  profileName: string;
  /** Which simulator account, in demo mode; null otherwise. */
  demoAccount: DemoAccount | null;
  endpoints: Endpoints;
  credentials: Credentials;
}

export function demoTarget(demo: DemoExchange, account: DemoAccount): SessionTarget {
  return {
    environment: 'demo',
    profileName: 'Demo',
    demoAccount: account,
    endpoints: demo.endpoints,
    credentials: demo.credentials[account],
  };
}

/** The profile vault as the desk uses it (electron/vault implements it). */
export interface ProfilesPort {
  list(): ProfilesState | Promise<ProfilesState>;
  save(input: ProfileInput): ProfileSummary | Promise<ProfileSummary>;
  delete(id: string): void | Promise<void>;
  /** The session of a saved profile (its secret decrypted in main); throws IpcFailure when it cannot. */
  target(id: string): SessionTarget | Promise<SessionTarget>;
  /** Remembers which profile is in use (null: demo). */
  setActive(id: string | null): void | Promise<void>;
  test(id: string): Promise<ConnectionTest>;
}
