/**
 * Request signing for the Binance WS API (PROTOCOL §3). Pure: no I/O, no clock. The payload is every
 * param except `signature`, sorted by name, joined as `name=value` with `&`, values written as they
 * appear in the JSON (integers as decimal text, strings unquoted), never percent-encoded.
 */
import { createHmac, createPrivateKey, sign, type KeyObject } from 'node:crypto';

export type ParamValue = string | number | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

export type KeyType = 'HMAC' | 'ED25519' | 'RSA';

/** The payload string that gets signed. */
export function signaturePayload(params: Params): string {
  return Object.keys(params)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => `${name}=${String(params[name])}`)
    .join('&');
}

/** HMAC-SHA256 keyed with the secret string, lowercase hex (64 characters). */
export function signHmac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** Pure Ed25519 (no prehash), standard base64 (88 characters). */
export function signEd25519(privateKey: KeyObject, payload: string): string {
  return sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');
}

/** RSASSA-PKCS1-v1_5 with SHA-256, standard base64. */
export function signRsa(privateKey: KeyObject, payload: string): string {
  return sign('sha256', Buffer.from(payload, 'utf8'), privateKey).toString('base64');
}

/** Credentials as the user supplies them: an API key plus an HMAC secret or a PEM private key. */
export type Credentials =
  | { apiKey: string; secret: string }
  | { apiKey: string; privateKeyPem: string };

/** Signs payloads for one API key; holds the key material so callers never touch it. */
export interface Signer {
  readonly keyType: KeyType;
  readonly apiKey: string;
  sign(payload: string): string;
}

/**
 * Builds a signer, detecting the key type from the key material: a secret string is HMAC; a PEM is
 * parsed and its algorithm decides between Ed25519 and RSA. Throws a plain-language error for a PEM
 * of any other kind.
 */
export function createSigner(credentials: Credentials): Signer {
  const { apiKey } = credentials;
  if ('secret' in credentials) {
    const { secret } = credentials;
    return { keyType: 'HMAC', apiKey, sign: (payload) => signHmac(secret, payload) };
  }
  const key = createPrivateKey({ key: credentials.privateKeyPem, format: 'pem' });
  if (key.asymmetricKeyType === 'ed25519') {
    return { keyType: 'ED25519', apiKey, sign: (payload) => signEd25519(key, payload) };
  }
  if (key.asymmetricKeyType === 'rsa') {
    return { keyType: 'RSA', apiKey, sign: (payload) => signRsa(key, payload) };
  }
  throw new Error(`Unsupported private key type "${key.asymmetricKeyType ?? 'unknown'}": use an Ed25519 or RSA key`);
}

/** Returns a copy of `params` with `signature` added. */
export function signParams(signer: Signer, params: Params): Params {
  return { ...params, signature: signer.sign(signaturePayload(params)) };
}

// --- Redaction -------------------------------------------------------------------------------

/**
 * Field names whose values are secret: key material, signatures, and the listen key, which alone
 * opens the account's user data stream. Matched case-insensitively anywhere in a name
 * (`X-MBX-APIKEY`, `listenKey`, `privateKeyPem`).
 */
const SECRET_NAMES = 'apiKey|signature|secret|privateKeyPem|listenKey';

/**
 * A `name: value` or `name=value` pair. The value is a double- or single-quoted string (JSON, or
 * util.inspect's quotes; escapes honoured, so a PEM's spaces and `\n` do not end it early), a
 * string quoted inside an already JSON-encoded text (`\"…\"`), or a bare token up to the next
 * separator of a query string or object (a value already `[REDACTED…]` is left as it is).
 */
const NAMED_VALUE = new RegExp(
  String.raw`((?:${SECRET_NAMES})\\?["']?\s*[:=]\s*)(\\"(?:[^\\]|\\[^"])*?\\"|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?!\[REDACTED)[^"'&,;\s}\]]+)`,
  'gi',
);

/**
 * A PEM block of any type (private keys of every format, encrypted or not), header to footer. A
 * block cut off before its footer — a truncated log line — is hidden to the end of the text.
 */
const PEM_BLOCK = /-----BEGIN [^\r\n-]{0,64}-----[\s\S]*?(?:-----END [^\r\n-]{0,64}-----|$)/g;

/**
 * A listen key in a user data stream path: `/ws/<listenKey>` (Binance's `/private/ws/<key>` and the
 * legacy `/ws/<key>`). Market stream names (`/ws/btcusdt@markPrice`) contain `@` and are kept.
 */
const LISTEN_KEY_PATH = /(\/ws\/)[^\s/?#"'&@<>\\]+(?=$|[\s/?#"'&<>\\])/g;

function hideValue(_match: string, name: string, value: string): string {
  if (value.startsWith('\\"')) return `${name}\\"[REDACTED]\\"`;
  if (value.startsWith('"')) return `${name}"[REDACTED]"`;
  if (value.startsWith("'")) return `${name}'[REDACTED]'`;
  return `${name}[REDACTED]`;
}

/**
 * Replaces secrets in text bound for a log or a message: PEM blocks, values of secret-named fields
 * (API keys, secrets, signatures, private keys, listen keys) and listen keys in stream paths.
 * Idempotent: redacting redacted text changes nothing.
 */
export function redact(text: string): string {
  return text.replace(PEM_BLOCK, '[REDACTED PEM]').replace(NAMED_VALUE, hideValue).replace(LISTEN_KEY_PATH, '$1[REDACTED]');
}
