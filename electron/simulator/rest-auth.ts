/**
 * Authentication of REST requests (Binance REST rules, PROTOCOL §3): the key travels in the
 * `X-MBX-APIKEY` header; signed endpoints sign `totalParams` = the query string (as sent, in
 * its order, without `signature`) immediately followed by the request body, and carry
 * `timestamp`, optional `recvWindow` and `signature` among those params. Unlike the WS API,
 * nothing is sorted and `apiKey` is not part of the payload. RSA and Ed25519 signatures are
 * base64 and arrive URL-encoded.
 */
import type { IncomingMessage } from 'node:http';
import type { AccountName } from './account-model';
import { type KnownKey, keyTypeOf, lookup, timingProblem, verifySignature } from './auth';
import { type ApiError, badApiKeyFormat, badSignature, mandatoryParam } from './errors';
import { decodeSegment } from './request-url';
import type { Caller } from './ws-api-types';

/** A REST request's parameters: query and body, as decoded pairs and as the raw signed text. */
export interface RestParams {
  readonly params: URLSearchParams;
  /** `totalParams` without the signature pair: what the client signed. */
  readonly signedText: string;
  /** The raw (still URL-encoded) signature value, if any. */
  readonly signature: string | undefined;
}

/** Splits query and body into decoded params and the signed text. */
export function restParams(rawQuery: string, body: string): RestParams {
  let signature: string | undefined;
  const strip = (text: string): string =>
    text
      .split('&')
      .filter((pair) => {
        if (!pair.startsWith('signature=')) return true;
        signature = pair.slice('signature='.length);
        return false;
      })
      .join('&');
  const query = strip(rawQuery);
  const form = strip(body);
  const params = new URLSearchParams(query);
  for (const [name, value] of new URLSearchParams(form)) params.append(name, value);
  return { params, signedText: query + form, signature };
}

/** The `X-MBX-APIKEY` header, resolved to a known key (-2014 malformed or missing, -2015 unknown). */
export function headerKey(
  request: IncomingMessage,
  findKey: (apiKey: string) => KnownKey<AccountName> | undefined,
): { ok: true; caller: Caller; key: KnownKey<AccountName> } | { ok: false; error: ApiError } {
  const header = request.headers['x-mbx-apikey'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey === undefined || apiKey === '') return { ok: false, error: badApiKeyFormat() };
  const key = lookup(apiKey, { findKey });
  if ('error' in key) return { ok: false, error: key.error };
  return { ok: true, caller: { account: key.owner, apiKey, keyType: keyTypeOf(key) }, key };
}

/** Verifies a signed (USER_DATA) REST request: mandatory params, timing, then the signature. */
export function verifySignedRest(
  rest: RestParams,
  key: KnownKey<unknown>,
  serverTime: number,
): ApiError | undefined {
  const timestamp = integerParam(rest.params.get('timestamp'));
  if (timestamp === undefined) return mandatoryParam('timestamp');
  const rawWindow = rest.params.get('recvWindow');
  const recvWindow = rawWindow === null ? undefined : integerParam(rawWindow);
  if (rawWindow !== null && recvWindow === undefined) return mandatoryParam('recvWindow');
  if (rest.signature === undefined || rest.signature === '') return mandatoryParam('signature');
  const timing = timingProblem(timestamp, recvWindow, serverTime);
  if (timing) return timing;
  const signature = decodeSegment(rest.signature);
  if (signature === undefined || !verifySignature(key, rest.signedText, signature)) return badSignature();
  return undefined;
}

/** INT params in a query string: plain decimal digits only. */
function integerParam(text: string | null): number | undefined {
  if (text === null || !/^\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
