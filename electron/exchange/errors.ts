/**
 * Exchange errors with meaning (PROTOCOL §8). Branch on the numeric code, never on the message text,
 * which Binance changes freely; the plain-language text is ours and is what the trader reads.
 */
import type { KeyType } from './signing';

/** How the client reacts to an error. */
export type ErrorKind =
  | 'auth' // stop; the user must fix the key, IP whitelist or permissions
  | 'clock' // resync the clock offset, retry once
  | 'rate-limit' // stop requests until the retry time
  | 'banned' // stop everything until the ban ends
  | 'transient' // retry with backoff
  | 'request' // a bug in the request; do not retry
  | 'symbol'; // unknown or non-trading symbol

interface ErrorMeaning {
  kind: ErrorKind;
  message: string;
}

const MEANINGS: Readonly<Record<number, ErrorMeaning>> = {
  [-1000]: { kind: 'transient', message: 'The exchange reported an unknown error; retrying.' },
  [-1001]: { kind: 'transient', message: 'The exchange lost its internal connection; retrying.' },
  [-1002]: { kind: 'auth', message: 'The API key is not authorised for this request: check its permissions.' },
  [-1003]: { kind: 'rate-limit', message: 'Too many requests: the exchange asked us to slow down.' },
  [-1006]: { kind: 'transient', message: 'The exchange sent an unexpected response; retrying.' },
  [-1007]: { kind: 'transient', message: 'The exchange timed out; retrying.' },
  [-1008]: { kind: 'transient', message: 'The exchange is throttling requests under load; retrying.' },
  [-1021]: {
    kind: 'clock',
    message: "This computer's clock differs from the exchange's: resynchronising. If it persists, enable automatic time sync.",
  },
  [-1022]: {
    kind: 'auth',
    message: 'The exchange rejected the request signature: check the API secret and the key type.',
  },
  [-1099]: { kind: 'auth', message: 'The exchange did not accept these credentials for this request.' },
  [-1100]: { kind: 'request', message: 'The exchange rejected a request parameter.' },
  [-1101]: { kind: 'request', message: 'The exchange rejected a request: too many parameters.' },
  [-1102]: { kind: 'request', message: 'The exchange rejected a request: a mandatory parameter was missing or malformed.' },
  [-1103]: { kind: 'request', message: 'The exchange rejected a request: an unknown parameter was sent.' },
  [-1104]: { kind: 'request', message: 'The exchange rejected a request: not all parameters were read.' },
  [-1105]: { kind: 'request', message: 'The exchange rejected a request: a parameter was empty.' },
  [-1106]: { kind: 'request', message: 'The exchange rejected a request: a parameter was sent that is not required.' },
  [-1121]: { kind: 'symbol', message: 'The exchange does not know this symbol.' },
  [-1122]: { kind: 'symbol', message: 'This symbol is not trading on the exchange.' },
  [-1125]: { kind: 'transient', message: 'The user data stream key expired; renewing it.' },
  [-1130]: { kind: 'request', message: 'The exchange rejected a parameter value.' },
  [-2014]: { kind: 'auth', message: 'The API key is malformed: re-enter it exactly as the exchange shows it.' },
  [-2015]: {
    kind: 'auth',
    message: 'The exchange rejected the API key: check the key, the IP whitelist, and that Futures is enabled for it.',
  },
  [-2017]: { kind: 'auth', message: 'The exchange has locked these API keys: unlock them in your account.' },
  [-4056]: { kind: 'auth', message: 'The exchange rejected the API key type for this request.' },
  [-4057]: { kind: 'auth', message: 'The exchange rejected the RSA public key registered for this API key.' },
};

/** An error the exchange answered, or one the client raised about the exchange. */
export class ExchangeError extends Error {
  override readonly name = 'ExchangeError';
  constructor(
    readonly code: number,
    readonly kind: ErrorKind,
    message: string,
    /** HTTP-style status of the reply (0 when the client raised it). */
    readonly status: number,
    /** The exchange's own text, for logs; never shown as the main message. */
    readonly exchangeMessage: string,
    /** When requests may resume (ms epoch), for rate limits and bans. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/**
 * When a 429/418 says requests may resume: `error.data.retryAfter` if sent, else the time in
 * "IP banned until 1700000000000." (PROTOCOL §9), else null.
 */
export function retryTimeOf(exchangeMessage: string, retryAfter: number | undefined): number | null {
  if (retryAfter !== undefined) return retryAfter;
  const until = /until (\d{13})/.exec(exchangeMessage);
  return until === null ? null : Number(until[1]);
}

/**
 * Maps an error reply — a WS API `error` object, or a REST status with its JSON `{code,msg}` body — to
 * a typed error with a message the trader can act on. One mapping for both, so WS and REST react alike.
 */
export function fromExchangeReply(
  status: number,
  code: number,
  exchangeMessage: string,
  retryAfter?: number,
): ExchangeError {
  const resume = retryTimeOf(exchangeMessage, retryAfter);
  if (status === 418 || (code === -1003 && /banned/i.test(exchangeMessage))) {
    const until = resume === null ? '' : ` until ${new Date(resume).toISOString().slice(11, 19)} UTC`;
    return new ExchangeError(code, 'banned', `The exchange has banned this IP for too many requests${until}. PerpDesk is waiting it out and sends nothing meanwhile.`, status, exchangeMessage, resume);
  }
  if (status === 429 || code === -1003) {
    return new ExchangeError(code, 'rate-limit', MEANINGS[-1003]?.message ?? 'Too many requests.', status, exchangeMessage, resume);
  }
  if (status === 403) {
    // The exchange's web application firewall, not the API: it says nothing more, and asking again soon
    // only prolongs the block (PROTOCOL §2). The gate backs off for a long time.
    return new ExchangeError(code, 'rate-limit', "The exchange's firewall refused the request: PerpDesk backs off for several minutes before asking again.", status, exchangeMessage, resume);
  }
  if (status === 401) {
    const meaning = MEANINGS[code] ?? MEANINGS[-2015];
    return new ExchangeError(code, 'auth', meaning?.message ?? 'The exchange rejected the API key.', status, exchangeMessage);
  }
  const meaning = MEANINGS[code];
  if (meaning !== undefined) return new ExchangeError(code, meaning.kind, meaning.message, status, exchangeMessage);
  // 5xx: Binance-side; 408: a REST backend timeout. Both are worth a later retry (PROTOCOL §2).
  const kind: ErrorKind = status >= 500 || status === 408 ? 'transient' : 'request';
  return new ExchangeError(code, kind, `The exchange answered with error ${code}.`, status, exchangeMessage);
}

const KEY_TYPE_NAMES: Readonly<Record<KeyType, string>> = { HMAC: 'HMAC', ED25519: 'Ed25519', RSA: 'RSA' };
const KEY_MATERIAL: Readonly<Record<KeyType, string>> = { HMAC: 'secret', ED25519: 'private key', RSA: 'private key' };

/**
 * Restates a signature or key-type rejection for the key PerpDesk holds. The exchange says only
 * "signature not valid" (-1022), and the usual cause besides a mistyped secret is a key registered
 * on the exchange as another type (an HMAC secret used for an Ed25519 key, an RSA PEM for an HMAC
 * key…): naming the type in use tells the trader what to compare. Other errors are returned as is.
 */
export function forKeyType(error: ExchangeError, keyType: KeyType): ExchangeError {
  const name = KEY_TYPE_NAMES[keyType];
  const others = (Object.keys(KEY_TYPE_NAMES) as KeyType[])
    .filter((type) => type !== keyType)
    .map((type) => KEY_TYPE_NAMES[type])
    .join(' or ');
  let message: string;
  if (error.code === -1022) {
    message = `The exchange rejected the signature made with this ${name} ${KEY_MATERIAL[keyType]}: check that it belongs to this API key, and that the key is registered on the exchange as an ${name} key (not ${others}).`;
  } else if (error.code === -4056) {
    message = `The exchange rejected the key type: PerpDesk holds an ${name} key; check that the API key is registered on the exchange as ${name}.`;
  } else {
    return error;
  }
  return new ExchangeError(error.code, error.kind, message, error.status, error.exchangeMessage, error.retryAfter);
}

/** A failure of the link itself (timeout, closed socket): always transient. */
export function linkError(message: string): ExchangeError {
  return new ExchangeError(0, 'transient', message, 0, message);
}

/**
 * Codes with which the exchange refuses a method that no longer exists: `-5000` ("… is retired", as
 * reported for REST v1 `positionRisk`, PROTOCOL §13.3) and `-1020` UNSUPPORTED_OPERATION, the
 * documented futures code for an operation the server does not offer (what an unknown WS API method
 * gets; neither is confirmed for `account.position` on the live exchange). Codes only, never messages.
 */
export const METHOD_GONE_CODES: ReadonlySet<number> = new Set([-5000, -1020]);

/** True when the exchange refused a request because the method itself is retired or unknown. */
export function isMethodGone(error: unknown): boolean {
  return error instanceof ExchangeError && METHOD_GONE_CODES.has(error.code);
}
