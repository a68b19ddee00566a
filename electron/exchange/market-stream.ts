/**
 * The `/market` stream connection carrying `<symbol>@markPrice@1s` (PROTOCOL §7). The connection
 * opens with no stream and follows a desired set of symbols with SUBSCRIBE / UNSUBSCRIBE, batched,
 * because the exchange allows only 10 incoming messages per second and drops connections over it.
 */
import type WebSocket from 'ws';
import { openSocket, parseTextFrame } from './socket';
import { readMarkTick, streamControlReplySchema, type MarkTick } from './wire';

/** Spacing between control messages: 5/s, half the exchange's limit, leaving room for pongs. */
const CONTROL_SPACING_MS = 200;
/** Streams per SUBSCRIBE message; keeps each control frame small. */
const STREAMS_PER_MESSAGE = 200;

export function markStreamName(symbol: string): string {
  return `${symbol.toLowerCase()}@markPrice@1s`;
}

export interface MarkStreamEvents {
  onTick: (tick: MarkTick) => void;
  onBadFrame?: (reason: string) => void;
  onClose?: (code: number, reason: string) => void;
  onFrame?: () => void;
}

export class MarkPriceStream {
  private readonly subscribed = new Set<string>();
  private readonly queue: Array<{ method: 'SUBSCRIBE' | 'UNSUBSCRIBE'; params: string[] }> = [];
  private nextId = 1;
  private drainTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly socket: WebSocket,
    private readonly events: MarkStreamEvents,
  ) {
    socket.on('message', (data, isBinary) => this.handleFrame(parseTextFrame(data, isBinary)));
    socket.on('close', (code, reason) => this.handleClose(code, reason.toString()));
    socket.on('pong', () => this.events.onFrame?.());
    socket.on('error', () => undefined); // 'close' follows
  }

  /** Opens `/market/stream?streams=` — accepted by the exchange and idle until SUBSCRIBE (§12). */
  static async connect(marketBase: string, events: MarkStreamEvents): Promise<MarkPriceStream> {
    return new MarkPriceStream(await openSocket(`${marketBase}/stream?streams=`), events);
  }

  /** Streams this connection has asked for (after queued messages are sent). */
  get streams(): ReadonlySet<string> {
    return this.subscribed;
  }

  /** Subscribes and unsubscribes so that exactly these symbols' mark prices flow. */
  follow(symbols: Iterable<string>): void {
    if (this.closed) return;
    const wanted = new Set([...symbols].map(markStreamName));
    const add = [...wanted].filter((name) => !this.subscribed.has(name));
    const remove = [...this.subscribed].filter((name) => !wanted.has(name));
    for (const name of add) this.subscribed.add(name);
    for (const name of remove) this.subscribed.delete(name);
    this.enqueue('UNSUBSCRIBE', remove);
    this.enqueue('SUBSCRIBE', add);
  }

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
    setTimeout(() => this.socket.terminate(), 1_000).unref();
    this.handleClose(1000, 'client closing');
  }

  private enqueue(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', names: string[]): void {
    for (let i = 0; i < names.length; i += STREAMS_PER_MESSAGE) {
      this.queue.push({ method, params: names.slice(i, i + STREAMS_PER_MESSAGE) });
    }
    if (this.drainTimer === null) this.drain();
  }

  /** Sends one queued control message now and the next after CONTROL_SPACING_MS. */
  private drain(): void {
    this.drainTimer = null;
    const message = this.queue.shift();
    if (message === undefined || this.closed) return;
    this.socket.send(JSON.stringify({ method: message.method, params: message.params, id: this.nextId++ }));
    this.drainTimer = setTimeout(() => this.drain(), CONTROL_SPACING_MS);
  }

  private handleFrame(frame: unknown): void {
    this.events.onFrame?.();
    if (typeof frame !== 'object' || frame === null) {
      this.events.onBadFrame?.('not JSON');
      return;
    }
    const envelope = frame as { stream?: unknown; data?: unknown };
    if (typeof envelope.stream === 'string') {
      const tick = readMarkTick(envelope.data);
      if (tick === null) this.events.onBadFrame?.(`unexpected payload on ${envelope.stream.slice(0, 60)}`);
      else this.events.onTick(tick);
      return;
    }
    const control = streamControlReplySchema.safeParse(frame);
    if (!control.success) this.events.onBadFrame?.('unknown frame');
    else if (control.data.error !== undefined) this.events.onBadFrame?.(`control error ${control.data.error.code}`);
  }

  private handleClose(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.drainTimer !== null) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    this.queue.length = 0;
    this.events.onClose?.(code, reason);
  }
}
