/**
 * The `/market` stream connection carrying `<symbol>@markPrice@1s` (PROTOCOL §7). The connection
 * opens with no stream and follows a desired set of symbols with SUBSCRIBE / UNSUBSCRIBE, batched,
 * because the exchange allows only 10 incoming messages per second and drops connections over it.
 */
import { streamSymbol } from '../../shared/symbols';
import type WebSocket from 'ws';
import { readMarkFrame } from './mark-frame';
import { ExchangeSocket, openSocket, parseJsonBytes, textFrameBytes, type FrameSocket, type SocketEvents } from './socket';
import { readMarkTick, streamControlReplySchema, type MarkTick } from './wire';

/** Spacing between control messages: 5/s, half the exchange's limit, leaving room for pongs. */
const CONTROL_SPACING_MS = 200;
/** Streams per SUBSCRIBE message; keeps each control frame small. */
const STREAMS_PER_MESSAGE = 200;

export function markStreamName(symbol: string): string {
  return `${streamSymbol(symbol)}@markPrice@1s`;
}

export interface MarkStreamEvents extends SocketEvents {
  onTick: (tick: MarkTick) => void;
}

export class MarkPriceStream extends ExchangeSocket<MarkStreamEvents> {
  private readonly subscribed = new Set<string>();
  private readonly queue: Array<{ method: 'SUBSCRIBE' | 'UNSUBSCRIBE'; params: string[] }> = [];
  private nextId = 1;
  private drainTimer: NodeJS.Timeout | null = null;

  /** On an open socket; `connect` opens one (tests pass a stand-in). */
  constructor(socket: FrameSocket, events: MarkStreamEvents) {
    super(socket, events);
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
    if (!this.isOpen) return;
    const wanted = new Set([...symbols].map(markStreamName));
    const add = [...wanted].filter((name) => !this.subscribed.has(name));
    const remove = [...this.subscribed].filter((name) => !wanted.has(name));
    for (const name of add) this.subscribed.add(name);
    for (const name of remove) this.subscribed.delete(name);
    this.enqueue('UNSUBSCRIBE', remove);
    this.enqueue('SUBSCRIBE', add);
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
    if (message === undefined || !this.isOpen) return;
    this.socket.send(JSON.stringify({ method: message.method, params: message.params, id: this.nextId++ }));
    this.drainTimer = setTimeout(() => this.drain(), CONTROL_SPACING_MS);
  }

  /**
   * Mark frames in the exchange's plain layout are read from their bytes (mark-frame.ts): the same
   * tick without decoding and JSON.parse. Everything else, bad frames included, goes the full way
   * through `receive`.
   */
  protected override receiveMessage(data: WebSocket.RawData, isBinary: boolean): void {
    const bytes = textFrameBytes(data, isBinary);
    const tick = bytes === undefined ? undefined : readMarkFrame(bytes);
    if (tick !== undefined) this.events.onTick(tick);
    else this.receive(bytes === undefined ? undefined : parseJsonBytes(bytes));
  }

  protected receive(frame: unknown): void {
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

  protected override release(): void {
    if (this.drainTimer !== null) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    this.queue.length = 0;
  }
}
