/**
 * Types shared by the WS API methods and their dispatcher: what a method reads (the exchange,
 * the session, the caller) and how it is declared (weight, security).
 */
import type { AccountName } from './account-model';
import type { V2PositionRow } from './account-reports';
import type { KeyType, KnownKey, Params } from './auth';
import type { ApiError } from './errors';
import type { V1PositionRow } from './position-rows';
import type { MethodRetirement } from './retirement';

/** The exchange state methods read (and, for listenKeys, change). */
export interface Exchange {
  readonly now: () => number;
  readonly findKey: (apiKey: string) => KnownKey<AccountName> | undefined;
  readonly isTradingSymbol: (symbol: string) => boolean;
  readonly positionRows: (account: AccountName, symbol?: string) => V1PositionRow[];
  readonly v2PositionRows: (account: AccountName, symbol?: string) => V2PositionRow[];
  readonly balances: (account: AccountName) => unknown[];
  readonly accountStatus: (account: AccountName, version: 1 | 2) => unknown;
  /** v1 methods retired by a control command (PROTOCOL §13.3). */
  readonly retirement: MethodRetirement;
  readonly listenKeys: {
    start(account: AccountName): string;
    ping(account: AccountName): string | undefined;
    stop(account: AccountName): boolean;
    activeKey(account: AccountName): string | undefined;
  };
}

/** The key a connection logged on with. */
export interface SessionLogon {
  readonly apiKey: string;
  readonly owner: AccountName;
  readonly since: number;
}

/** Per-connection facts methods may report or change. */
export interface Session {
  /** Where weight is counted: the client's IP. */
  readonly origin: string;
  readonly connectedSince: number;
  /** The connection default chosen with `?returnRateLimits=` on the URL. */
  readonly returnRateLimits: boolean;
  /** Set by `session.logon`, cleared by `session.logout`. */
  logon?: SessionLogon;
}

/** Who sent an authenticated request. */
export interface Caller {
  readonly account: AccountName;
  readonly apiKey: string;
  readonly keyType: KeyType;
}

/** A method's outcome. */
export type MethodResult = { ok: true; result: unknown } | { ok: false; error: ApiError };

/**
 * How a method is authenticated: NONE needs nothing; USER_DATA needs timestamp plus a
 * signature (or a logged-on session); USER_STREAM needs only an apiKey (or a session); LOGON
 * is `session.logon`, which must carry its own signature whatever the session.
 */
export type Security = 'NONE' | 'USER_DATA' | 'USER_STREAM' | 'LOGON';

/** How a method is called and what it costs. */
export interface MethodSpec {
  readonly weight: number;
  readonly security: Security;
  readonly run: (
    params: Params,
    session: Session,
    exchange: Exchange,
    /** The authenticated caller; undefined for NONE methods. */
    caller: Caller | undefined,
  ) => MethodResult;
}

/** Throws when an authenticated method runs without a caller: a dispatch bug, not client input. */
export function callerOf(caller: Caller | undefined, method: string): Caller {
  if (!caller) throw new Error(`${method} runs only after authentication`);
  return caller;
}
