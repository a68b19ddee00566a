/**
 * One WS API request frame in, one reply object out (PROTOCOL §2): envelope checks, weight
 * accounting, authentication, then the method. Never throws on client input; every problem
 * becomes a documented-shape error reply.
 */
import { type ParamValue, type Params, authorize } from './auth';
import { type ApiError, invalidJsonRequest, invalidParam, tooManyRequests, unsupportedMethod } from './errors';
import type { RateLimitEntry, WeightLedger } from './rate-limit';
import { type Exchange, type MethodResult, type Session, findMethod } from './ws-api-methods';

/** A request id: echoed back exactly as sent. */
export type RequestId = number | string | null;

/** A failed request's reply. */
export interface ErrorReply {
  id: RequestId;
  status: number;
  error: { code: number; msg: string };
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
  if ('error' in parsed) {
    const { count } = ledger.charge(session.origin, UNRESOLVED_WEIGHT);
    return withRateLimits(parsed, session.returnRateLimits, count, ledger);
  }

  const { id, method, params } = parsed;
  const spec = findMethod(method);
  // A per-request `returnRateLimits` overrides the connection default (PROTOCOL §1).
  const { returnRateLimits } = params;
  const wantsRateLimits = typeof returnRateLimits === 'boolean' ? returnRateLimits : session.returnRateLimits;
  const usage = ledger.charge(session.origin, spec?.weight ?? UNRESOLVED_WEIGHT);
  const respond = (outcome: MethodResult): Reply => {
    const reply = outcome.ok ? { id, status: 200 as const, result: outcome.result } : failure(id, outcome.error);
    return withRateLimits(reply, wantsRateLimits, usage.count, ledger);
  };

  if (usage.limited) return respond({ ok: false, error: tooManyRequests(ledger.limit) });
  if (!spec) return respond({ ok: false, error: unsupportedMethod() });
  if (returnRateLimits !== undefined && typeof returnRateLimits !== 'boolean') {
    return respond({ ok: false, error: invalidParam('returnRateLimits') });
  }
  if (spec.security === 'NONE') return respond(spec.run(params, session, exchange, undefined));

  const auth = authorize(params, { serverTime: exchange.now(), findKey: exchange.findKey });
  if (!auth.ok) return respond(auth);
  return respond(spec.run(params, session, exchange, auth.owner));
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
  return { id, status: error.status, error: { code: error.code, msg: error.msg } };
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
