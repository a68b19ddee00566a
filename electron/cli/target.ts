/**
 * What the CLI connects to: demo mode (the built-in simulator, started in this process) or a
 * remote environment with endpoints and keys from the environment variables.
 */
import type { DemoAccount } from '../../shared/connection';
import type { SessionTarget } from '../desk/session';
import { endpointsFor } from '../exchange/endpoints';
import type { KeyType } from '../exchange/signing';
import type { CliOptions } from './args';
import { usageError } from './errors';
import { credentialsFromEnv, type Environ, type ReadKeyFile } from './keys';

export type SessionPlan =
  | { kind: 'demo'; demoAccount: DemoAccount }
  | { kind: 'remote'; target: SessionTarget; keyType: KeyType };

/** Decides the session; keys are read (and checked) only when the environment needs them. */
export function planSession(options: CliOptions, env: Environ, readKeyFile?: ReadKeyFile): SessionPlan {
  const { environment } = options;
  if (environment === 'demo') return { kind: 'demo', demoAccount: options.demoAccount };
  const endpoints = environment === 'custom' ? options.customEndpoints : endpointsFor(environment);
  if (endpoints === null) throw usageError(`--env ${environment} needs its URLs.`);
  const { credentials, keyType } = credentialsFromEnv(env, readKeyFile);
  return {
    kind: 'remote',
    keyType,
    target: {
      environment,
      // Shown in status lines: names the key type, never any part of the key.
      profileName: `CLI ${keyType} key`,
      demoAccount: null,
      endpoints,
      credentials,
    },
  };
}
