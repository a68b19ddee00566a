/**
 * USER_DATA request authentication for the WS API: parameter checks, the timing window and
 * the signature — HMAC-SHA256 (hex), RSASSA-PKCS1-v1_5 SHA-256 or pure Ed25519 (base64)
 * (PROTOCOL §3) — or the session key after `session.logon`. Written independently of the
 * client's signing code on purpose: both sides are held to the published vectors, so a shared
 * bug cannot hide.
 */
import { type KeyObject, createHmac, timingSafeEqual, verify } from 'node:crypto';
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

/** The three key types Binance issues. */
export type KeyType = 'HMAC' | 'ED25519' | 'RSA';

/** A key the exchange knows: an HMAC secret, or the public half of an asymmetric key. */
export type KnownKey<Owner> =
  | { readonly owner: Owner; readonly keyType?: 'HMAC'; readonly secret: string }
  | { readonly owner: Owner; readonly keyType: 'ED25519' | 'RSA'; readonly publicKey: KeyObject };

/** The key a connection logged on with (`session.logon`). */
export interface SessionKey<Owner> {
  readonly apiKey: string;
  readonly owner: Owner;
}

/** What {@link authorize} needs from its surroundings. */
export interface AuthContext<Owner> {
  readonly serverTime: number;
  readonly findKey: (apiKey: string) => KnownKey<Owner> | undefined;
  /** Present after `session.logon`: requests may then omit apiKey and signature. */
  readonly session?: SessionKey<Owner>;
}

/** The outcome of authenticating a signed request. */
export type AuthResult<Owner> =
  | { ok: true; owner: Owner; apiKey: string; keyType: KeyType }
  | { ok: false; error: ApiError };

/** The type of a known key. */
export function keyTypeOf(key: KnownKey<unknown>): KeyType {
  return 'publicKey' in key ? key.keyType : 'HMAC';
}

/**
 * Verifies a signature with any key type: HMAC as hex (case-insensitive), RSA and Ed25519 as
 * standard padded base64 (case-sensitive). A signature in the wrong encoding for the key's
 * type simply does not verify (-1022), as on Binance.
 */
export function verifySignature(key: KnownKey<unknown>, payload: string, signature: string): boolean {
  if (!('publicKey' in key)) return verifyHmac(key.secret, payload, signature);
  const bytes = strictBase64(signature);
  if (!bytes) return false;
  try {
    return verify(key.keyType === 'RSA' ? 'sha256' : null, Buffer.from(payload, 'utf8'), key.publicKey, bytes);
  } catch {
    return false; // e.g. an Ed25519 signature of the wrong length
  }
}

/**
 * Authenticates a USER_DATA request, checking in Binance's order: mandatory and well-typed
 * params (-1102), recvWindow range (-1130), the timing window (-1021), key format (-2014),
 * key existence (-2015), then the signature (-1022). On a logged-on connection a request
 * without `signature` (and without a different `apiKey`) uses the session key; an explicit
 * apiKey + signature overrides it (PROTOCOL §3).
 */
export function authorize<Owner>(params: Params, context: AuthContext<Owner>): AuthResult<Owner> {
  const fail = (error: ApiError): AuthResult<Owner> => ({ ok: false, error });
  const { timestamp, recvWindow, apiKey, signature } = params;
  const { session } = context;
  const bySession = session !== undefined && signature === undefined && (apiKey === undefined || apiKey === session.apiKey);

  if (!isJsonInteger(timestamp)) return fail(mandatoryParam('timestamp'));
  if (recvWindow !== undefined && !isJsonInteger(recvWindow)) return fail(mandatoryParam('recvWindow'));
  if (!bySession && (typeof apiKey !== 'string' || apiKey === '')) return fail(mandatoryParam('apiKey'));
  if (!bySession && (typeof signature !== 'string' || signature === '')) return fail(mandatoryParam('signature'));

  const timing = timingProblem(timestamp, recvWindow, context.serverTime);
  if (timing) return fail(timing);

  if (bySession) return { ok: true, owner: session.owner, apiKey: session.apiKey, keyType: 'ED25519' };
  const key = typeof apiKey === 'string' && typeof signature === 'string' ? lookup(apiKey, context) : undefined;
  if (!key || 'error' in key) return fail(key?.error ?? mandatoryParam('apiKey'));
  if (!verifySignature(key, signaturePayload(params), signature as string)) return fail(badSignature());
  return { ok: true, owner: key.owner, apiKey: apiKey as string, keyType: keyTypeOf(key) };
}

/**
 * The recvWindow range (-1130) and timing window (-1021) checks: a request is accepted only
 * if `timestamp < serverTime + 1000` and `serverTime − timestamp ≤ recvWindow` (PROTOCOL §3).
 */
export function timingProblem(timestamp: number, recvWindow: number | undefined, serverTime: number): ApiError | undefined {
  const window = recvWindow ?? DEFAULT_RECV_WINDOW;
  if (window <= 0 || window > MAX_RECV_WINDOW) return invalidParam('recvWindow');
  if (timestamp >= serverTime + MAX_AHEAD_MS) return timestampAhead();
  if (serverTime - timestamp > window) return timestampOutsideWindow();
  return undefined;
}

/**
 * Resolves an API key for USER_STREAM requests (apiKey only, no signature): -2014 for a
 * malformed key, -2015 for an unknown one.
 */
export function lookup<Owner>(
  apiKey: string,
  context: Pick<AuthContext<Owner>, 'findKey'>,
): KnownKey<Owner> | { error: ApiError } {
  if (!API_KEY_FORMAT.test(apiKey)) return { error: badApiKeyFormat() };
  return context.findKey(apiKey) ?? { error: rejectedApiKey() };
}

/** Decodes canonical padded base64; undefined for anything else (URL-safe, unpadded, junk). */
function strictBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** INT params must be JSON integers: `1702920680303`, not `"1702920680303"` or `1.5`. */
function isJsonInteger(value: ParamValue | undefined): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Binance sorts names by bytes (`Z` before `a`); `localeCompare` would not. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
