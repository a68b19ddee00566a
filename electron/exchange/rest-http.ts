/**
 * GET requests to the exchange's REST API, read defensively: the reply's size is checked from
 * `Content-Length` first and then counted while it streams, so a hostile endpoint cannot make us hold
 * gigabytes before refusing (issue 14.5); errors are read as Binance's JSON `{code,msg}` and mapped
 * like WS API errors (errors.ts), with `Retry-After` (seconds) turned into a resume time; the weight
 * used, `X-MBX-USED-WEIGHT-1M`, is reported after every reply.
 */
import { ExchangeError, fromExchangeReply, linkError } from './errors';
import { encodeQuery, signedQuery } from './rest-query';
import { RECV_WINDOW_MS } from './methods';
import type { Params, Signer } from './signing';

const REST_TIMEOUT_MS = 10_000;
/** exchangeInfo for every symbol is about 1.5 MB on mainnet; refuse anything far larger. */
export const MAX_REST_BYTES = 8 * 1024 * 1024;
/** An error body is a short JSON object; more than this is not one. */
const MAX_ERROR_BYTES = 64 * 1024;

export interface RestContext {
  /** REST base, e.g. https://fapi.binance.com */
  base: string;
  /** The exchange's time as estimated here (ms epoch): signed timestamps and resume times. */
  serverNow: () => number;
  /** The `X-MBX-USED-WEIGHT-1M` of each reply (the IP's weight used this minute, REST and WS API). */
  onUsedWeight?: (count: number) => void;
  /** Replies larger than this are refused (default MAX_REST_BYTES). */
  maxBytes?: number;
}

/** Reads at most `cap` bytes of a body, refusing early: by Content-Length, else while it streams. */
export async function readCapped(response: Response, cap: number, path: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    throw linkError(`${path} sent an oversized reply (${declared} bytes declared)`);
  }
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      // Cancelling the reader aborts the transfer: the rest is never downloaded.
      await reader.cancel().catch(() => undefined);
      throw linkError(`${path} sent an oversized reply (more than ${cap} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Binance's REST error body, `{"code":-1003,"msg":"…"}`; absent or foreign bodies read as code 0. */
function errorBody(text: string): { code: number; msg: string } {
  try {
    const body = JSON.parse(text) as { code?: unknown; msg?: unknown };
    const code = typeof body.code === 'number' && Number.isInteger(body.code) ? body.code : 0;
    const msg = typeof body.msg === 'string' ? body.msg.slice(0, 1000) : '';
    return { code, msg };
  } catch {
    return { code: 0, msg: '' };
  }
}

/** `Retry-After` in seconds (Binance sends seconds), as a resume time in exchange time. */
function resumeTime(response: Response, serverNow: number): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null || !/^\d{1,9}$/.test(header.trim())) return undefined;
  return serverNow + Number(header.trim()) * 1000;
}

/** Maps a non-2xx REST reply to the same typed error a WS API reply with that status and code gets. */
async function restError(response: Response, context: RestContext, path: string): Promise<ExchangeError> {
  const text = await readCapped(response, MAX_ERROR_BYTES, path).catch(() => '');
  const { code, msg } = errorBody(text);
  const retryAfter = response.status === 429 || response.status === 418 ? resumeTime(response, context.serverNow()) : undefined;
  const error = fromExchangeReply(response.status, code, msg, retryAfter);
  if (error.kind !== 'request' || code !== 0) return error;
  // No Binance code: say which call failed and how, rather than "error 0".
  return new ExchangeError(0, error.kind, `${path} answered HTTP ${response.status}.`, response.status, msg);
}

export interface RestGet {
  /** Query params, sent percent-encoded in this order. */
  params?: Params;
  /** Signs the request (USER_DATA): adds recvWindow, timestamp and the signature, and the key header. */
  signer?: Signer;
}

/** GET `path` and parse its JSON; throws an ExchangeError for every failure. */
export async function restGet(context: RestContext, path: string, options: RestGet = {}): Promise<unknown> {
  const headers: Record<string, string> = {};
  let query = '';
  if (options.signer !== undefined) {
    headers['X-MBX-APIKEY'] = options.signer.apiKey;
    query = signedQuery(options.signer, { ...options.params, recvWindow: RECV_WINDOW_MS, timestamp: Math.round(context.serverNow()) });
  } else if (options.params !== undefined && Object.keys(options.params).length > 0) {
    query = encodeQuery(options.params);
  }
  const url = `${context.base}${path}${query === '' ? '' : `?${query}`}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(REST_TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    throw linkError(`Could not reach ${new URL(context.base).origin}: ${(error as Error).message}`);
  }
  const used = response.headers.get('x-mbx-used-weight-1m');
  if (used !== null && /^\d{1,9}$/.test(used)) context.onUsedWeight?.(Number(used));
  if (!response.ok) throw await restError(response, context, path);
  const text = await readCapped(response, context.maxBytes ?? MAX_REST_BYTES, path);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw linkError(`${path} sent a reply that is not JSON`);
  }
}
