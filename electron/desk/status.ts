/**
 * The connection status the status bar shows, assembled from the client's state and metrics and
 * the session's identity (environment, profile, demo account).
 */
import type { ConnectionState, ConnectionStatus, DemoAccount, Environment } from '../../shared/connection';
import type { ClientMetrics } from '../exchange/client-options';

export interface SessionIdentity {
  environment: Environment;
  profileName: string;
  demoAccount: DemoAccount | null;
}

export function buildStatus(
  identity: SessionIdentity,
  state: ConnectionState,
  message: string | null,
  metrics: ClientMetrics | null,
): ConnectionStatus {
  return {
    state,
    environment: identity.environment,
    profileName: identity.profileName,
    demoAccount: identity.demoAccount,
    latencyMs: metrics?.latencyMs ?? null,
    clockOffsetMs: metrics?.clockOffsetMs ?? null,
    weightUsed: metrics?.weightUsed ?? null,
    weightLimit: metrics?.weightLimit ?? null,
    lastMessageAt: metrics?.lastMessageAt ?? null,
    message,
  };
}

/** True when two statuses would look the same on screen. */
export function sameStatus(a: ConnectionStatus, b: ConnectionStatus): boolean {
  return (Object.keys(a) as Array<keyof ConnectionStatus>).every((key) => a[key] === b[key]);
}
