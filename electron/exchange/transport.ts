/**
 * A request/response channel over one WebSocket, matched by id, with a timeout per request. It knows
 * nothing about Binance beyond "a reply echoes the request's id, and the server's own messages carry
 * `id: null`": meaning is the methods' business.
 */
import { linkError } from './errors';
import { ExchangeSocket, openSocket, type FrameSocket, type SocketEvents } from './socket';

interface Pending {
  resolve: (reply: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface RpcSocketEvents extends SocketEvents {
  /** A message the server sent on its own (`"id": null`, e.g. a revoked session, PROTOCOL §2). */
  onServerNotice?: (frame: Record<string, unknown>) => void;
  /**
   * A frame that is counted and never acted on: not a JSON object, or a reply to no pending request
   * (an unknown id, a duplicate, one that came after its request timed out, an id of the wrong type).
   */
  onBadFrame?: (reason: string) => void;
}

/** Pending requests are rejected before `onClose` is reported. */
export class RpcSocket extends ExchangeSocket<RpcSocketEvents> {
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;

  /** Wraps an open socket; `connect` is the usual way in (tests hand in a stand-in). */
  constructor(
    socket: FrameSocket,
    private readonly requestTimeoutMs: number,
    events: RpcSocketEvents = {},
  ) {
    super(socket, events);
  }

  static async connect(url: string, requestTimeoutMs: number, events: RpcSocketEvents = {}): Promise<RpcSocket> {
    return new RpcSocket(await openSocket(url), requestTimeoutMs, events);
  }

  /** Requests in flight; exposed so tests can prove nothing leaks. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Sends `{id, method, params}` and resolves with the reply object carrying the same id. */
  request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!this.isOpen) return Promise.reject(linkError('The connection to the exchange is closed.'));
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

  protected receive(frame: unknown): void {
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      this.events.onBadFrame?.('not a JSON object');
      return;
    }
    const reply = frame as Record<string, unknown>;
    const id = reply.id;
    if (id === null) {
      this.events.onServerNotice?.(reply);
      return;
    }
    // Our ids are strings; a number, object or unknown string answers nothing we asked. Acting on it
    // (say, a stale duplicate carrying an error) could tear down a healthy session.
    const pending = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (pending === undefined) {
      this.events.onBadFrame?.(typeof id === 'string' ? 'reply to no pending request' : 'reply id missing or of the wrong type');
      return;
    }
    this.pending.delete(id as string);
    clearTimeout(pending.timer);
    pending.resolve(reply);
  }

  protected override release(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(linkError('The connection to the exchange closed before it answered.'));
      this.pending.delete(id);
    }
  }
}
