/**
 * Opening a WebSocket with the limits every exchange connection needs (a capped frame size: an
 * untrusted peer must not make us buffer megabytes; a bounded handshake), and the lifecycle the
 * exchange sockets share once open.
 */
import WebSocket from 'ws';

/** Largest frame accepted. A full v1 `account.position` reply for ~700 symbols is about 400 KB. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export interface OpenSocketOptions {
  handshakeTimeoutMs?: number;
  maxPayload?: number;
}

/**
 * How an endpoint is named in error text: its origin and route (the first path segment, e.g.
 * `wss://fstream.binance.com/private`), never the rest of the path or the query. The user data
 * stream's URL carries the listen key (`/private/ws/<listenKey>`, `?listenKey=`), and error text
 * reaches the status bar, the timeline, the CLI's output and the log.
 */
export function describeEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the WebSocket URL (not a valid URL)';
  }
  const route = parsed.pathname.split('/')[1] ?? '';
  // A route is a short name; a long token in the first segment may itself be a key (custom servers).
  return ROUTE_NAME.test(route) ? `${parsed.origin}/${route}` : parsed.origin;
}

/** Route names like `private`, `market`, `ws-fapi`, `ws`: short, and never a 64-character listen key. */
const ROUTE_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,23}$/;

/** Connects and resolves once the socket is open; rejects with the reason otherwise (the URL never in it). */
export function openSocket(url: string, options: OpenSocketOptions = {}): Promise<WebSocket> {
  const endpoint = describeEndpoint(url);
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, {
        handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
        maxPayload: options.maxPayload ?? MAX_FRAME_BYTES,
        perMessageDeflate: false,
      });
    } catch (error) {
      // ws throws `Invalid URL: <the whole URL>` for an unparseable address: say so without it.
      const valid = URL.canParse(url);
      reject(new Error(valid ? `${endpoint}: ${withoutUrl((error as Error).message, url)}` : 'The WebSocket URL is not a valid URL.'));
      return;
    }
    const fail = (error: Error): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined); // a late error after terminate() must not crash the process
      socket.terminate();
      reject(error);
    };
    socket.once('open', () => {
      socket.removeListener('error', onError);
      resolve(socket);
    });
    // Network errors name a host and port, not the URL; it is scrubbed anyway, in case a layer below ever quotes it.
    const onError = (error: Error): void => fail(error.message.includes(url) ? new Error(withoutUrl(error.message, url)) : error);
    socket.once('error', onError);
    socket.once('unexpected-response', (_request, response) => {
      fail(new Error(`${endpoint} answered the WebSocket handshake with HTTP ${response.statusCode ?? '?'}`));
    });
  });
}

/** `message` with the URL, and its path and query, replaced by nothing secret. */
function withoutUrl(message: string, url: string): string {
  let text = message.split(url).join('<url>');
  try {
    const { pathname, search } = new URL(url);
    if (pathname.length > 1) text = text.split(pathname + search).join('<path>').split(pathname).join('<path>');
    if (search.length > 1) text = text.split(search).join('<query>');
  } catch {
    // An unparseable URL was replaced whole above.
  }
  return text;
}

/** Decodes a text frame as JSON; binary frames and invalid JSON give undefined. */
export function parseTextFrame(data: WebSocket.RawData, isBinary: boolean): unknown {
  const bytes = textFrameBytes(data, isBinary);
  return bytes === undefined ? undefined : parseJsonBytes(bytes);
}

/** A text frame's bytes (UTF-8), whichever form `ws` gave them in; undefined for a binary frame. */
export function textFrameBytes(data: WebSocket.RawData, isBinary: boolean): Buffer | undefined {
  if (isBinary) return undefined;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** The JSON value of UTF-8 `bytes`, or undefined when they are not JSON. */
export function parseJsonBytes(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The part of a `ws` WebSocket the exchange sockets use; narrow so a test can stand in for it. */
export type FrameSocket = Pick<WebSocket, 'on' | 'send' | 'ping' | 'terminate' | 'close' | 'readyState' | 'OPEN'>;

/** What every exchange socket reports. */
export interface SocketEvents {
  /** Any frame or pong arrived (liveness). */
  onFrame?: () => void;
  /** A frame that is counted and never acted on. */
  onBadFrame?: (reason: string) => void;
  /** The connection ended, whoever closed it; reported once. */
  onClose?: (code: number, reason: string) => void;
}

/**
 * The lifecycle the three exchange sockets share: decoded frames handed to the subclass, frames and
 * pongs reported as life, pings, and a close — clean, abrupt or from the peer — reported exactly once.
 */
export abstract class ExchangeSocket<Events extends SocketEvents> {
  private closed = false;

  protected constructor(
    protected readonly socket: FrameSocket,
    protected readonly events: Events,
  ) {
    socket.on('message', (data, isBinary) => {
      this.events.onFrame?.();
      this.receiveMessage(data, isBinary);
    });
    socket.on('close', (code, reason) => this.finish(code, reason.toString()));
    socket.on('pong', () => this.events.onFrame?.());
    socket.on('error', () => undefined); // 'close' follows every error; handled there
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends a WebSocket ping; the pong counts as a frame for liveness. */
  ping(): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  /** Drops the connection at once, without a closing handshake (a stalled peer would not answer it). */
  terminate(): void {
    if (this.closed) return;
    this.socket.terminate();
    this.finish(1006, 'terminated by client');
  }

  close(): void {
    if (this.closed) return;
    this.socket.close(1000, 'client closing');
    // If the peer never completes the closing handshake, do not wait for it.
    setTimeout(() => this.socket.terminate(), 1_000).unref();
    this.finish(1000, 'client closing');
  }

  /** Drops the connection without reporting its close: it was replaced on purpose. */
  protected abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
    this.socket.terminate();
  }

  /** A frame as it arrived; decoded as JSON and handed to `receive` unless a subclass knows better. */
  protected receiveMessage(data: WebSocket.RawData, isBinary: boolean): void {
    this.receive(parseTextFrame(data, isBinary));
  }

  /** A decoded frame: JSON, or undefined for binary frames and text that is not JSON. */
  protected abstract receive(frame: unknown): void;

  /** Lets go of what the socket holds (pending requests, queued messages) once it has closed. */
  protected release(): void {}

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
    this.events.onClose?.(code, reason);
  }
}
