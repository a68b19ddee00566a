/**
 * One WS API request frame in, one reply object out (PROTOCOL §2): envelope checks, weight
 * accounting, authentication, then the method. Never throws on client input; every problem
 * becomes a documented-shape error reply.
 */
import type { AccountName } from './account-model';
import { type AuthResult, type ParamValue, type Params, authorize, keyTypeOf, lookup } from './auth';
import {
  type ApiError,
  invalidJsonRequest,
  invalidParam,
  ipBanned,
  mandatoryParam,
  tooManyRequests,
  unsupportedMethod,
} from './errors';
import type { RateLimitEntry, WeightLedger } from './rate-limit';
import { findMethod } from './ws-api-methods';
import type { Caller, Exchange, MethodResult, MethodSpec, Session } from './ws-api-types';

/** A request id: echoed back exactly as sent. */
export type RequestId = number | string | null;

/** A failed request's reply. */
export interface ErrorReply {
  id: RequestId;
  status: number;
  error: { code: number; msg: string; data?: Readonly<Record<string, number>> };
  rateLimits?: RateLimitEntry[];
}

/** A WS API reply, keys in Binance's order. */
export type Reply = { id: RequestId; status: 200; result: unknown; rateLimits?: RateLimitEntry[] } | ErrorReply;

/**
 * Weight charged for a frame that names no known method (malformed or unknown). Binance
 * documents none; it still received and parsed a request, so it costs the minimum.
 */
const UNRESOLVED_WEIGHT = 1;

interface Envelope {
  readonly id: RequestId;
  readonly method: string;
  readonly params: Params;
}

/** Handles one frame of a WS API connection. */
export function dispatch(
  frame: string,
  isBinary: boolean,
  session: Session,
  exchange: Exchange,
  ledger: WeightLedger,
): Reply {
  const parsed = isBinary
    ? failure(null, invalidJsonRequest('Requests must be sent as JSON in text frames.'))
    : parseEnvelope(frame);
  const { id } = parsed;
  const method = 'error' in parsed ? undefined : parsed.method;
  // A method retired "as unknown" is exactly an unknown method: no weight of its own, -1020.
  const retiredAs = method === undefined ? undefined : exchange.retirement.stateOf(method);
  const spec = method === undefined || retiredAs === 'unknown' ? undefined : findMethod(method);
  const params: Params = 'error' in parsed ? {} : parsed.params;
  // A per-request `returnRateLimits` overrides the connection default (PROTOCOL §1).
  const { returnRateLimits } = params;
  const wantsRateLimits = typeof returnRateLimits === 'boolean' ? returnRateLimits : session.returnRateLimits;
  const admission = ledger.admit(session.origin, spec?.weight ?? UNRESOLVED_WEIGHT);
  const respond = (outcome: MethodResult): Reply => {
    const reply = outcome.ok ? { id, status: 200 as const, result: outcome.result } : failure(id, outcome.error);
    return withRateLimits(reply, wantsRateLimits, admission.count, ledger);
  };

  if (!admission.ok) {
    const serverTime = exchange.now();
    const error =
      admission.status === 418
        ? ipBanned(admission.retryAfter, serverTime)
        : tooManyRequests(ledger.limit, admission.retryAfter, serverTime);
    return respond({ ok: false, error });
  }
  if ('error' in parsed) return withRateLimits(parsed, session.returnRateLimits, admission.count, ledger);
  if (!spec) return respond({ ok: false, error: unsupportedMethod() });
  // A retired method is refused before authentication, as a route that no longer exists would be.
  const retired = exchange.retirement.errorFor(parsed.method);
  if (retired) return respond({ ok: false, error: retired });
  if (returnRateLimits !== undefined && typeof returnRateLimits !== 'boolean') {
    return respond({ ok: false, error: invalidParam('returnRateLimits') });
  }
  const caller = authenticate(spec, params, session, exchange);
  if (caller && !caller.ok) return respond(caller);
  return respond(spec.run(params, session, exchange, caller?.caller));
}

type Authenticated = { ok: true; caller: Caller } | { ok: false; error: ApiError };

/** Authenticates per the method's security type; undefined for NONE methods. */
function authenticate(spec: MethodSpec, params: Params, session: Session, exchange: Exchange): Authenticated | undefined {
  const serverTime = exchange.now();
  const fromAuth = (auth: AuthResult<AccountName>): Authenticated =>
    auth.ok ? { ok: true, caller: { account: auth.owner, apiKey: auth.apiKey, keyType: auth.keyType } } : auth;
  switch (spec.security) {
    case 'NONE':
      return undefined;
    case 'USER_DATA':
      return fromAuth(authorize(params, { serverTime, findKey: exchange.findKey, session: session.logon }));
    case 'LOGON':
      // session.logon always carries its own apiKey and signature.
      return fromAuth(authorize(params, { serverTime, findKey: exchange.findKey }));
    case 'USER_STREAM':
      return streamCaller(params, session, exchange);
  }
}

/** USER_STREAM: the `apiKey` param, or the logged-on key; no signature, no timestamp. */
function streamCaller(params: Params, session: Session, exchange: Exchange): Authenticated {
  const { apiKey } = params;
  if (apiKey === undefined && session.logon) {
    const { logon } = session;
    return { ok: true, caller: { account: logon.owner, apiKey: logon.apiKey, keyType: 'ED25519' } };
  }
  if (typeof apiKey !== 'string' || apiKey === '') return { ok: false, error: mandatoryParam('apiKey') };
  const key = lookup(apiKey, { findKey: exchange.findKey });
  if ('error' in key) return { ok: false, error: key.error };
  return { ok: true, caller: { account: key.owner, apiKey, keyType: keyTypeOf(key) } };
}

/** Validates `{id, method, params}`; the error reply carries the id whenever it was readable. */
function parseEnvelope(frame: string): Envelope | ErrorReply {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return failure(null, invalidJsonRequest('Invalid JSON request.'));
  }
  if (!isPlainObject(message)) return failure(null, invalidJsonRequest('Invalid JSON request; expected an object.'));
  const { id, method, params = {} } = message;
  if (!isRequestId(id)) {
    return failure(null, invalidJsonRequest("Invalid 'id' in JSON request; expected an integer, a string or null."));
  }
  if (typeof method !== 'string' || method === '') {
    return failure(id, invalidJsonRequest("Invalid 'method' in JSON request; expected a string."));
  }
  if (!isPlainObject(params)) {
    return failure(id, invalidJsonRequest("Invalid 'params' in JSON request; expected an object."));
  }
  for (const [name, value] of Object.entries(params)) {
    if (!isParamValue(value)) return failure(id, invalidParam(name));
  }
  return { id, method, params: params as Params };
}

function failure(id: RequestId, error: ApiError): ErrorReply {
  const body = error.data ? { code: error.code, msg: error.msg, data: error.data } : { code: error.code, msg: error.msg };
  return { id, status: error.status, error: body };
}

function withRateLimits(reply: Reply, wanted: boolean, count: number, ledger: WeightLedger): Reply {
  return wanted ? { ...reply, rateLimits: ledger.report(count) } : reply;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `id` is mandatory and may be an integer, a string or null (futures WS API docs). */
function isRequestId(value: unknown): value is RequestId {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value));
}

/** Param values are JSON scalars; objects, arrays and null are not valid parameter data. */
function isParamValue(value: unknown): value is ParamValue {
  return typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';
}
