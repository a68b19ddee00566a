/**
 * Binance error codes and messages the simulator returns, with the HTTP-style status each
 * carries. Messages are the documented texts (futures `error-code` page) so a client that
 * logs them shows what Binance would show; clients must branch on `code`, not `msg`.
 */

/** An error reply body plus its status. */
export interface ApiError {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
  /** Extra facts, as the Spot WS API sends with 429/418 (`retryAfter`, `serverTime`). */
  readonly data?: Readonly<Record<string, number>>;
}

const error = (status: number, code: number, msg: string): ApiError => ({ status, code, msg });

/** -1102: a mandatory parameter is missing, empty, null or of the wrong JSON type. */
export const mandatoryParam = (name: string): ApiError =>
  error(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

/**
 * -1130: a parameter is present but its value is not acceptable (e.g. `recvWindow` above
 * 60000). Spot uses -1131 BAD_RECV_WINDOW for that case, but the USDⓈ-M error list has no
 * -1131, and -1130 is its documented "invalid data for a parameter" code.
 */
export const invalidParam = (name: string): ApiError =>
  error(400, -1130, `Data sent for parameter '${name}' is not valid.`);

/** -1100: a LONG/INT parameter that is not plain digits (Binance's ILLEGAL_CHARS wording). */
export const illegalChars = (name: string): ApiError =>
  error(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);

/** -1021, timestamp too old for the request's recvWindow. */
export const timestampOutsideWindow = (): ApiError =>
  error(400, -1021, 'Timestamp for this request is outside of the recvWindow.');

/** -1021, timestamp 1000 ms or more ahead of the server clock. */
export const timestampAhead = (): ApiError =>
  error(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");

/** -2014: the API key is not 64 alphanumeric characters. 401, as REST answers key errors. */
export const badApiKeyFormat = (): ApiError => error(401, -2014, 'API-key format invalid.');

/** -2015: unknown key (or IP / permission); status 401 as in PROTOCOL §2. */
export const rejectedApiKey = (): ApiError =>
  error(401, -2015, 'Invalid API-key, IP, or permissions for action.');

/** -1022: HMAC mismatch. */
export const badSignature = (): ApiError => error(400, -1022, 'Signature for this request is not valid.');

/** -1121: unknown or non-trading symbol. */
export const badSymbol = (): ApiError => error(400, -1121, 'Invalid symbol.');

/**
 * Unknown WS API method. Binance documents no code for it; -1020 UNSUPPORTED_OPERATION
 * ("This operation is not supported.") is the documented futures code that says exactly that,
 * and a 400 tells the client not to retry. UNCONFIRMED against the live exchange.
 */
export const unsupportedMethod = (): ApiError => error(400, -1020, 'This operation is not supported.');

/**
 * A frame that is not a usable JSON request object. The Binance WS API gateway reports
 * envelope problems as -1135 with messages like "Invalid 'params' in JSON request; expected
 * an object." (seen from the spot gateway); the futures gateway shares that envelope.
 */
export const invalidJsonRequest = (detail: string): ApiError => error(400, -1135, detail);

/** -1000 with 500: the server failed; Binance's generic answer (its own spelling of "occurred"). */
export const unknownError = (): ApiError =>
  error(500, -1000, 'An unknown error occured while processing the request.');

/**
 * -1003 with 429: the origin's request weight for this minute is used up. `retryAfter` (ms
 * epoch) and `serverTime` go in `data`, as the Spot WS API does (the futures shape is
 * UNCONFIRMED, PROTOCOL §9; clients are told to use it if present).
 */
export const tooManyRequests = (limit: number, retryAfter?: number, serverTime?: number): ApiError => ({
  ...error(
    429,
    -1003,
    `Too many requests; current limit is ${limit} requests per minute. ` +
      'Please use the websocket for live updates to avoid polling the API.',
  ),
  ...(retryAfter !== undefined && serverTime !== undefined ? { data: { serverTime, retryAfter } } : {}),
});

/** -1003 with 418: the origin kept sending after a 429 and is banned until `retryAfter`. */
export const ipBanned = (retryAfter: number, serverTime: number): ApiError => ({
  ...error(
    418,
    -1003,
    `Way too many requests; IP banned until ${retryAfter}. ` +
      'Please use the websocket for live updates to avoid bans.',
  ),
  data: { serverTime, retryAfter },
});

/** -1125: the listenKey does not exist or has expired. */
export const invalidListenKey = (): ApiError => error(400, -1125, 'This listenKey does not exist.');

/**
 * -4056 for `session.logon` with an HMAC or RSA key. Futures `session.logon` accepts Ed25519
 * keys only and Binance does not document the error (PROTOCOL §3, UNCONFIRMED); -4056 is the
 * documented INVALID_API_KEY_TYPE code (PROTOCOL §8), so a client can branch on it and fall
 * back to signing each request.
 */
export const invalidApiKeyType = (): ApiError =>
  error(400, -4056, 'Invalid API key type: session.logon accepts Ed25519 keys only.');
