/**
 * A request/response channel over one WebSocket, matched by id, with a timeout per request. It knows
 * nothing about Binance beyond "a reply echoes the request's id": meaning is the methods' business.
 */
import type WebSocket from 'ws';
import { linkError } from './errors';
import { openSocket, parseTextFrame } from './socket';

interface Pending {
  resolve: (reply: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface RpcSocketEvents {
  /** A frame that answers no pending request (unknown id, or `id: null` notices from the server). */
  onUnsolicited?: (frame: unknown) => void;
  /** A frame that is not JSON or not an object: counted, never acted on. */
  onBadFrame?: (reason: string) => void;
  /** The socket closed, for whatever reason; every pending request has been rejected. */
  onClose?: (code: number, reason: string) => void;
  /** Any frame arrived (liveness). */
  onFrame?: () => void;
}

export class RpcSocket {
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly socket: WebSocket,
    private readonly requestTimeoutMs: number,
    private readonly events: RpcSocketEvents,
  ) {
    socket.on('message', (data, isBinary) => this.handleFrame(parseTextFrame(data, isBinary)));
    socket.on('close', (code, reason) => this.handleClose(code, reason.toString()));
    socket.on('pong', () => this.events.onFrame?.());
    socket.on('error', () => undefined); // 'close' follows every error; handled there
  }

  static async connect(url: string, requestTimeoutMs: number, events: RpcSocketEvents = {}): Promise<RpcSocket> {
    return new RpcSocket(await openSocket(url), requestTimeoutMs, events);
  }

  /** Requests in flight; exposed so tests can prove nothing leaks. */
  get pendingCount(): number {
    return this.pending.size;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends `{id, method, params}` and resolves with the reply object carrying the same id. */
  request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(linkError('The connection to the exchange is closed.'));
    const id = `pd${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(linkError(`The exchange did not answer ${method} within ${this.requestTimeoutMs} ms.`));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.send(JSON.stringify(params === undefined ? { id, method } : { id, method, params }));
    });
  }

  /** Closes the socket; pending requests are rejected. */
  /** Sends a WebSocket ping; the pong counts as a frame for liveness. */
  ping(): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  /** Drops the connection at once, without a closing handshake (a stalled peer would not answer it). */
  terminate(): void {
    if (this.closed) return;
    this.socket.terminate();
    this.handleClose(1006, 'terminated by client');
  }

  close(): void {
    if (this.closed) return;
    this.socket.close(1000, 'client closing');
    // If the peer never completes the closing handshake, do not wait for it.
    setTimeout(() => this.socket.terminate(), 1_000).unref();
    this.handleClose(1000, 'client closing');
  }

  private handleFrame(frame: unknown): void {
    this.events.onFrame?.();
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      this.events.onBadFrame?.('not a JSON object');
      return;
    }
    const reply = frame as Record<string, unknown>;
    const id = reply.id;
    const pending = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (pending === undefined || typeof id !== 'string') {
      this.events.onUnsolicited?.(frame);
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(reply);
  }

  private handleClose(code: number, reason: string): void {
    const wasClosed = this.closed;
    this.closed = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(linkError('The connection to the exchange closed before it answered.'));
      this.pending.delete(id);
    }
    if (!wasClosed) this.events.onClose?.(code, reason);
  }
}
