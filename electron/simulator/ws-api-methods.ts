/**
 * The WS API method table: each method with its documented weight and security type. A method
 * is a function of its params, the session, the exchange state and the authenticated caller.
 */
import { ACCOUNT_METHODS } from './ws-api-account-methods';
import { SESSION_METHODS } from './ws-api-session-methods';
import { USER_STREAM_METHODS } from './ws-api-stream-methods';
import type { MethodSpec } from './ws-api-types';

export type { Caller, Exchange, MethodResult, MethodSpec, Security, Session, SessionLogon } from './ws-api-types';

const METHODS: ReadonlyMap<string, MethodSpec> = new Map([
  ...ACCOUNT_METHODS,
  ...SESSION_METHODS,
  ...USER_STREAM_METHODS,
]);

/**
 * Looks up a method by its exact name; `v2/…` names are separate methods. Whether Binance
 * also accepts a `v1/` prefix is not documented, so it is not accepted here: the simulator
 * must never be laxer than Binance.
 */
export function findMethod(name: string): MethodSpec | undefined {
  return METHODS.get(name);
}
