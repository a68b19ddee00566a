/**
 * What PerpDesk puts into a signed WS API request. The WS API signs the params "as they appear in the
 * JSON", unencoded (PROTOCOL §3); for a value outside the unreserved characters `A-Z a-z 0-9 - _ . ~`
 * Binance's REST and spot pages now say to percent-encode before signing, and for the futures WS API
 * that rule is UNCONFIRMED (§13.1). Rather than guess — a wrong guess is a -1022 that looks like a bad
 * secret — PerpDesk never sends such a value in a signed request: a snapshot of a symbol named
 * outside that set asks for the whole account (same weight) and filters locally, and this guard refuses
 * anything else before it is signed.
 */
import { ExchangeError } from './errors';
import type { Params } from './signing';

const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;

/** True when `value` is made only of RFC 3986 unreserved characters: it signs identically either way. */
export function isUnreserved(value: string): boolean {
  return UNRESERVED.test(value);
}

/**
 * Throws a clear request error when a param value (numbers and booleans print as unreserved text)
 * contains a character outside the unreserved set; returns the params unchanged otherwise.
 */
export function assertSignable(method: string, params: Params): Params {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && !isUnreserved(value)) {
      throw new ExchangeError(
        0,
        'request',
        `PerpDesk does not sign ${method} with a ${name} outside A-Z a-z 0-9 - _ . ~ (the exchange's rule for such values is unconfirmed); it asks for the whole account instead.`,
        0,
        `refused to sign ${name}`,
      );
    }
  }
  return params;
}
