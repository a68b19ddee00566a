/**
 * URLs of the `/private` user data route (PROTOCOL §1): `/private/ws/<listenKey>`,
 * `/private/ws?listenKey=<k>&events=A/B`, `/private/stream?listenKey=<k1>&events=…&listenKey=<k2>…`
 * and the idle forms real clients open before sending SUBSCRIBE (`/private/stream?streams=`).
 */
import { decodeSegment, parseRequestUrl } from './request-url';

/** One listenKey on a connection, with its optional event filter. */
export interface KeyBinding {
  readonly listenKey: string;
  /** Event types (`e`) to deliver; undefined delivers everything, listenKeyExpired included. */
  readonly events?: ReadonlySet<string>;
}

/** A parsed `/private` URL. */
export interface UserStreamTarget {
  /** `stream` mode wraps payloads as `{stream: <listenKey>, data}`. */
  readonly combined: boolean;
  readonly bindings: readonly KeyBinding[];
}

/** Key and event names: Binance keys are 64 alphanumerics, events upper-case words. */
const NAME = /^[A-Za-z0-9_]{1,200}$/;

/** Parses a `/private…` request URL; undefined for malformed ones (answered with HTTP 404). */
export function parseUserStreamUrl(requestUrl: string | undefined): UserStreamTarget | undefined {
  const url = parseRequestUrl(requestUrl);
  if (!url) return undefined;
  const [route, mode, ...rest] = url.pathname.split('/').slice(1);
  if (route !== 'private' || (mode !== undefined && mode !== 'ws' && mode !== 'stream')) return undefined;
  const bindings: KeyBinding[] = [];
  if (mode === 'ws' && rest.length > 0 && rest.some((s) => s !== '')) {
    if (rest.length !== 1) return undefined;
    const key = decodeSegment(rest[0] ?? '');
    if (key === undefined || !NAME.test(key)) return undefined;
    bindings.push({ listenKey: key });
  } else if (rest.length > 0 && rest.some((s) => s !== '')) {
    return undefined;
  }
  // Query pairs in order: each `events` applies to the `listenKey` before it.
  for (const [name, value] of url.searchParams) {
    if (name === 'listenKey') {
      if (!NAME.test(value)) return undefined;
      bindings.push({ listenKey: value });
    } else if (name === 'events') {
      const last = bindings.at(-1);
      const events = value.split('/').filter((e) => e !== '');
      if (!last || last.events || !events.every((e) => NAME.test(e))) return undefined;
      bindings[bindings.length - 1] = { ...last, events: new Set(events) };
    } else if (name === 'streams') {
      // The official connector's idle form; any names in it are listenKeys.
      for (const key of value.split('/').filter((s) => s !== '')) {
        if (!NAME.test(key)) return undefined;
        bindings.push({ listenKey: key });
      }
    }
  }
  const unique = new Map(bindings.map((b) => [b.listenKey, b]));
  return { combined: mode === 'stream', bindings: [...unique.values()] };
}
