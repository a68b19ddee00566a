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

/** Connects and resolves once the socket is open; rejects with the reason otherwise. */
export function openSocket(url: string, options: OpenSocketOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
      maxPayload: options.maxPayload ?? MAX_FRAME_BYTES,
      perMessageDeflate: false,
    });
    const fail = (error: Error): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined); // a late error after terminate() must not crash the process
      socket.terminate();
      reject(error);
    };
    socket.once('open', () => {
      socket.removeListener('error', fail);
      resolve(socket);
    });
    socket.once('error', fail);
    socket.once('unexpected-response', (_request, response) => {
      fail(new Error(`${url} answered the WebSocket handshake with HTTP ${response.statusCode ?? '?'}`));
    });
  });
}

/** Decodes a text frame as JSON; binary frames and invalid JSON give undefined. */
export function parseTextFrame(data: WebSocket.RawData, isBinary: boolean): unknown {
  if (isBinary) return undefined;
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
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
      this.receive(parseTextFrame(data, isBinary));
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
