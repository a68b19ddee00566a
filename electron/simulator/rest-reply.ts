/**
 * Small builders shared by the REST endpoint tables (rest-endpoints.ts, rest-account-endpoints.ts):
 * a JSON reply, an error reply in Binance's `{code,msg}` shape, a fixed weight, the caller's account.
 */
import type { AccountName } from './account-model';
import type { ApiError } from './errors';
import type { Caller } from './ws-api-types';

/** A REST reply: status and JSON body. */
export interface RestResult {
  readonly status: number;
  readonly body: unknown;
}

/** 200 with `body`. */
export const ok = (body: unknown): RestResult => ({ status: 200, body });

/** The error's status with Binance's `{code,msg}` body. */
export const fail = (error: ApiError): RestResult => ({ status: error.status, body: { code: error.code, msg: error.msg } });

/** A weight that does not depend on the params. */
export const fixed = (weight: number) => (): number => weight;

/** The account of an authenticated caller (the router guarantees one on USER_STREAM/USER_DATA routes). */
export function callerAccount(caller: Caller | undefined): AccountName {
  if (!caller) throw new Error('an authenticated endpoint ran without a caller');
  return caller.account;
}
