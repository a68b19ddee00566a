/**
 * A stream endpoint (`/market` or `/public`): accepts connections, applies their control
 * messages and fans published payloads out to subscribers only. Each payload is serialized at
 * most twice per publish (raw and combined), however many clients listen.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { frameText } from './frame-text';
import type { Link } from './link';
import type { LinkRegistry } from './link-registry';
import { MessageRate } from './message-rate';
import { handleControl } from './stream-control';
import type { StreamTarget } from './stream-url';

export { MAX_INCOMING_PER_SECOND } from './message-rate';

/** Control messages are tiny; anything this large is not one. */
const MAX_CONTROL_BYTES = 64 * 1024;

interface StreamClient {
  readonly link: Link;
  readonly streams: Set<string>;
  combined: boolean;
  readonly rate: MessageRate;
}

/** One stream endpoint and its subscriptions. */
export class StreamHub {
  // autoPong off: Link answers pings itself, so withholdPongs can silence it.
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_CONTROL_BYTES, autoPong: false });
  private readonly clients = new Set<StreamClient>();
  private readonly subscribers = new Map<string, Set<StreamClient>>();

  constructor(private readonly links: LinkRegistry) {}

  /** Completes the upgrade of a request already routed here. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, target: StreamTarget): void {
    this.server.handleUpgrade(request, socket, head, (ws) => {
      const client: StreamClient = {
        link: this.links.attach(ws, 'market'),
        streams: new Set(),
        combined: target.combined,
        rate: new MessageRate(),
      };
      this.clients.add(client);
      this.subscribe(client, target.streams);
      ws.on('message', (data, isBinary) => this.receive(client, frameText(data), isBinary));
      ws.on('close', () => this.detach(client));
      ws.on('error', () => ws.terminate());
    });
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
      if (!client.link.isOpen) continue;
      raw ??= JSON.stringify(payload);
      const frame = client.combined ? (wrapped ??= `{"stream":${JSON.stringify(stream)},"data":${raw}}`) : raw;
      client.link.send(frame);
    }
  }

  /** Terminates every connection and stops accepting new ones. */
  close(): Promise<void> {
    for (const client of this.clients) client.link.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(client: StreamClient, text: string, isBinary: boolean): void {
    if (client.rate.exceeded()) {
      client.link.close(1008, 'Too many messages');
      return;
    }
    const outcome = handleControl(isBinary ? '' : text, client);
    if (outcome.subscribe) this.subscribe(client, outcome.subscribe);
    if (outcome.unsubscribe) this.unsubscribe(client, outcome.unsubscribe);
    if (outcome.combined !== undefined) client.combined = outcome.combined;
    client.link.send(JSON.stringify(outcome.reply));
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
