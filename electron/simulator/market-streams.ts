/**
 * A stream endpoint (`/market`, `/public` or `/private`): accepts connections, applies their
 * control messages and fans published payloads out to subscribers only. Each payload is
 * serialized at most twice per publish (raw and combined), however many clients listen.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { frameText } from './frame-text';
import { handleControl } from './stream-control';
import type { StreamTarget } from './stream-url';

/** Binance disconnects a stream client that sends more than this many messages a second. */
export const MAX_INCOMING_PER_SECOND = 10;

/** Control messages are tiny; anything this large is not one. */
const MAX_CONTROL_BYTES = 64 * 1024;

interface StreamClient {
  readonly socket: WebSocket;
  readonly streams: Set<string>;
  combined: boolean;
  /** Start (monotonic ms) and count of the current one-second message window. */
  windowStart: number;
  windowCount: number;
}

/** One stream endpoint and its subscriptions. */
export class StreamHub {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_CONTROL_BYTES });
  private readonly clients = new Set<StreamClient>();
  private readonly subscribers = new Map<string, Set<StreamClient>>();

  /** Completes the upgrade of a request already routed here. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, target: StreamTarget): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.attach(ws, target));
  }

  /** Whether any connection listens to `stream`; lets publishers skip building payloads. */
  hasSubscribers(stream: string): boolean {
    return (this.subscribers.get(stream)?.size ?? 0) > 0;
  }

  /** Sends `payload` to every subscriber of `stream`, in raw or combined form as each chose. */
  publish(stream: string, payload: unknown): void {
    const listeners = this.subscribers.get(stream);
    if (!listeners || listeners.size === 0) return;
    let raw: string | undefined;
    let wrapped: string | undefined;
    for (const client of listeners) {
      if (client.socket.readyState !== WebSocket.OPEN) continue;
      raw ??= JSON.stringify(payload);
      const frame = client.combined ? (wrapped ??= `{"stream":${JSON.stringify(stream)},"data":${raw}}`) : raw;
      client.socket.send(frame);
    }
  }

  /** Terminates every connection and stops accepting new ones. */
  close(): Promise<void> {
    for (const client of this.clients) client.socket.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private attach(socket: WebSocket, target: StreamTarget): void {
    const client: StreamClient = {
      socket,
      streams: new Set(),
      combined: target.combined,
      windowStart: performance.now(),
      windowCount: 0,
    };
    this.clients.add(client);
    this.subscribe(client, target.streams);
    socket.on('message', (data, isBinary) => this.receive(client, frameText(data), isBinary));
    socket.on('close', () => this.detach(client));
    socket.on('error', () => socket.terminate());
  }

  private receive(client: StreamClient, text: string, isBinary: boolean): void {
    if (this.overRate(client)) {
      client.socket.close(1008, 'Too many messages');
      return;
    }
    const outcome = handleControl(isBinary ? '' : text, client);
    if (outcome.subscribe) this.subscribe(client, outcome.subscribe);
    if (outcome.unsubscribe) this.unsubscribe(client, outcome.unsubscribe);
    if (outcome.combined !== undefined) client.combined = outcome.combined;
    client.socket.send(JSON.stringify(outcome.reply));
  }

  /**
   * Counts a message against the 10-per-second budget. Uses the monotonic clock, not the
   * simulator's injectable one: a frozen test clock must not make every message look
   * like it arrived in the same second.
   */
  private overRate(client: StreamClient): boolean {
    const now = performance.now();
    if (now - client.windowStart >= 1000) {
      client.windowStart = now;
      client.windowCount = 0;
    }
    client.windowCount += 1;
    return client.windowCount > MAX_INCOMING_PER_SECOND;
  }

  private subscribe(client: StreamClient, streams: readonly string[]): void {
    for (const stream of streams) {
      client.streams.add(stream);
      let listeners = this.subscribers.get(stream);
      if (!listeners) this.subscribers.set(stream, (listeners = new Set()));
      listeners.add(client);
    }
  }

  private unsubscribe(client: StreamClient, streams: readonly string[]): void {
    for (const stream of streams) {
      client.streams.delete(stream);
      const listeners = this.subscribers.get(stream);
      listeners?.delete(client);
      if (listeners?.size === 0) this.subscribers.delete(stream);
    }
  }

  private detach(client: StreamClient): void {
    this.unsubscribe(client, [...client.streams]);
    this.clients.delete(client);
  }
}
