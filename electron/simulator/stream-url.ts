/**
 * Parses stream connection URLs (PROTOCOL §1, §12): `/<route>/ws/<s1>/<s2>` delivers raw
 * payloads, `/<route>/stream?streams=<s1>/<s2>` wraps them as `{"stream","data"}`. Real
 * clients also open `/<route>/ws/0` or `/<route>/stream?streams=` and subscribe later, so a
 * URL with no stream, or an unknown one, is accepted and simply carries nothing.
 */
import { decodeSegment, parseRequestUrl } from './request-url';

/** The routed stream endpoints Binance has served since 2026-04. */
export type StreamRoute = 'market' | 'public' | 'private';

/** A parsed stream URL. */
export interface StreamTarget {
  readonly route: StreamRoute;
  /** `stream` mode wraps payloads; `ws` mode sends them raw. */
  readonly combined: boolean;
  readonly streams: readonly string[];
}

/** Binance's per-connection stream cap (raised from 200 to 1024 on 2025-07-02). */
export const MAX_STREAMS_PER_CONNECTION = 1024;

const ROUTES: readonly StreamRoute[] = ['market', 'public', 'private'];

/**
 * Characters a stream name may contain (`btcusdt@markPrice@1s`, `!markPrice@arr`, and since
 * 2025-10 `币安人生usdt@markPrice`: symbols may be named in any script, PROTOCOL §13.1, so letters
 * are Unicode letters). Names outside this alphabet are rejected, as Binance rejects "invalid stream"; well-formed but
 * unknown names are accepted and stay silent.
 */
const STREAM_NAME = /^[\p{L}\p{M}\p{N}!@_.-]{1,200}$/u;

/** Whether `name` is a syntactically valid stream name. */
export function isStreamName(name: unknown): name is string {
  return typeof name === 'string' && STREAM_NAME.test(name);
}

/**
 * Parses a request URL (path plus query). Returns undefined for anything that is not a
 * stream endpoint or names an invalid stream; the caller answers those with an HTTP error.
 */
export function parseStreamUrl(requestUrl: string | undefined): StreamTarget | undefined {
  const url = parseRequestUrl(requestUrl);
  if (!url) return undefined;
  const [routeName, mode, ...rest] = url.pathname.split('/').slice(1);
  const route = ROUTES.find((r) => r === routeName);
  if (!route) return undefined;
  let streams: (string | undefined)[];
  if (mode === undefined || (mode === 'ws' && rest.length === 0)) {
    streams = [];
  } else if (mode === 'ws') {
    streams = rest.filter((s) => s !== '').map(decodeSegment);
  } else if (mode === 'stream' && rest.length === 0) {
    streams = (url.searchParams.get('streams') ?? '').split('/').filter((s) => s !== '');
  } else {
    return undefined;
  }
  if (!streams.every(isStreamName)) return undefined; // also rejects malformed %-escapes
  return { route, combined: mode === 'stream', streams: [...new Set(streams)] };
}
