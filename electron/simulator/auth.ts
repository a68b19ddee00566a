/**
 * USER_DATA request authentication for the WS API: parameter checks, the timing window and
 * the HMAC-SHA256 signature (PROTOCOL §3). Written independently of the client's signing code
 * on purpose: both sides are held to the published vectors, so a shared bug cannot hide.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type ApiError,
  badApiKeyFormat,
  badSignature,
  invalidParam,
  mandatoryParam,
  rejectedApiKey,
  timestampAhead,
  timestampOutsideWindow,
} from './errors';

/** A request parameter value as it can appear in WS API JSON. */
export type ParamValue = string | number | boolean;

/** Request parameters after envelope validation. */
export type Params = Readonly<Record<string, ParamValue>>;

/** Binance's default and maximum `recvWindow`, in ms. */
export const DEFAULT_RECV_WINDOW = 5000;
export const MAX_RECV_WINDOW = 60000;

/** How far ahead of the server clock a timestamp may be, in ms (PROTOCOL §3). */
const MAX_AHEAD_MS = 1000;

const API_KEY_FORMAT = /^[A-Za-z0-9]{64}$/;
const HEX_64 = /^[0-9a-fA-F]{64}$/;

/**
 * The exact text that is signed: every param except `signature`, sorted by name in byte
 * order, joined as `name=value` with `&`, values written as in the JSON (integers as decimal
 * text, strings without quotes, booleans as true/false) and never percent-encoded.
 */
export function signaturePayload(params: Params): string {
  return Object.keys(params)
    .filter((name) => name !== 'signature')
    .sort(byteOrder)
    .map((name) => `${name}=${String(params[name])}`)
    .join('&');
}

/** Lower-case hex HMAC-SHA256 of `payload` keyed with `secret` (both UTF-8). */
export function hmacSha256Hex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** Whether `signature` is the HMAC of `payload`. Hex case is ignored, as Binance does. */
export function verifyHmac(secret: string, payload: string, signature: string): boolean {
  if (!HEX_64.test(signature)) return false;
  const expected = Buffer.from(hmacSha256Hex(secret, payload), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** A key the exchange knows, with the secret that verifies it. */
export interface KnownKey<Owner> {
  readonly owner: Owner;
  readonly secret: string;
}

/** What {@link authorize} needs from its surroundings. */
export interface AuthContext<Owner> {
  readonly serverTime: number;
  readonly findKey: (apiKey: string) => KnownKey<Owner> | undefined;
}

/** The outcome of authenticating a signed request. */
export type AuthResult<Owner> = { ok: true; owner: Owner } | { ok: false; error: ApiError };

/**
 * Authenticates a USER_DATA request, checking in Binance's order: mandatory and well-typed
 * params (-1102), recvWindow range (-1130), the timing window (-1021), key format (-2014),
 * key existence (-2015), then the signature (-1022).
 */
export function authorize<Owner>(params: Params, context: AuthContext<Owner>): AuthResult<Owner> {
  const fail = (error: ApiError): AuthResult<Owner> => ({ ok: false, error });
  const { timestamp, recvWindow, apiKey, signature } = params;

  if (!isJsonInteger(timestamp)) return fail(mandatoryParam('timestamp'));
  if (recvWindow !== undefined && !isJsonInteger(recvWindow)) return fail(mandatoryParam('recvWindow'));
  if (typeof apiKey !== 'string' || apiKey === '') return fail(mandatoryParam('apiKey'));
  if (typeof signature !== 'string' || signature === '') return fail(mandatoryParam('signature'));

  const window = recvWindow ?? DEFAULT_RECV_WINDOW;
  if (window <= 0 || window > MAX_RECV_WINDOW) return fail(invalidParam('recvWindow'));
  if (timestamp >= context.serverTime + MAX_AHEAD_MS) return fail(timestampAhead());
  if (context.serverTime - timestamp > window) return fail(timestampOutsideWindow());

  if (!API_KEY_FORMAT.test(apiKey)) return fail(badApiKeyFormat());
  const key = context.findKey(apiKey);
  if (!key) return fail(rejectedApiKey());
  if (!verifyHmac(key.secret, signaturePayload(params), signature)) return fail(badSignature());
  return { ok: true, owner: key.owner };
}

/** INT params must be JSON integers: `1702920680303`, not `"1702920680303"` or `1.5`. */
function isJsonInteger(value: ParamValue | undefined): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Binance sorts names by bytes (`Z` before `a`); `localeCompare` would not. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
