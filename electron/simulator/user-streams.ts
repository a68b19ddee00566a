/**
 * The `/private` route: user data stream connections bound to listenKeys (PROTOCOL §6). An
 * account's events go to every connection bound to its active key, serialized once per event
 * (plus once wrapped for combined connections). An unknown or expired key on connect gets a
 * -1125 error frame and a close; an expiring key gets `listenKeyExpired` and then silence.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AccountName } from './account-model';
import { invalidListenKey } from './errors';
import { frameText } from './frame-text';
import type { Link } from './link';
import type { LinkRegistry } from './link-registry';
import { MessageRate } from './message-rate';
import { handleControl } from './stream-control';
import type { UserEvent } from './user-events';
import type { KeyBinding, UserStreamTarget } from './user-stream-url';

/** What the hub needs to know about listenKeys. */
export interface KeyLookup {
  accountOf(key: string): AccountName | undefined;
  activeKey(account: AccountName): string | undefined;
}

/** Close code and reason for a connection whose listenKey is unknown, expired or stopped. */
export const INVALID_KEY_CLOSE = { code: 1008, reason: 'Invalid listenKey' } as const;

const MAX_CONTROL_BYTES = 64 * 1024;

interface UserClient {
  readonly link: Link;
  readonly bindings: Map<string, KeyBinding>;
  combined: boolean;
  readonly rate: MessageRate;
}

/** The user data stream endpoint. */
export class UserStreamHub {
  // autoPong off: Link answers pings itself, so withholdPongs can silence it.
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_CONTROL_BYTES, autoPong: false });
  private readonly clients = new Set<UserClient>();
  private readonly byKey = new Map<string, Set<UserClient>>();

  constructor(
    private readonly links: LinkRegistry,
    private readonly keys: KeyLookup,
    private readonly now: () => number,
  ) {}

  /** Completes an upgrade routed here. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, target: UserStreamTarget): void {
    this.server.handleUpgrade(request, socket, head, (ws) => {
      const client: UserClient = {
        link: this.links.attach(ws, 'private'),
        bindings: new Map(),
        combined: target.combined,
        rate: new MessageRate(),
      };
      ws.on('error', () => ws.terminate());
      if (target.bindings.some((b) => this.keys.accountOf(b.listenKey) === undefined)) {
        const { code, msg } = invalidListenKey();
        client.link.send(JSON.stringify({ error: { code, msg } }));
        client.link.close(INVALID_KEY_CLOSE.code, INVALID_KEY_CLOSE.reason);
        return;
      }
      this.clients.add(client);
      for (const binding of target.bindings) this.bind(client, binding);
      ws.on('message', (data, isBinary) => this.receive(client, frameText(data), isBinary));
      ws.on('close', () => this.detach(client));
    });
  }

  /** Delivers an account's event to the connections bound to its active key. */
  deliver(account: AccountName, event: UserEvent): void {
    const key = this.keys.activeKey(account);
    if (key !== undefined) this.send(key, event);
  }

  /** Sends `listenKeyExpired` to the key's connections, which then get nothing more from it. */
  expired(key: string): void {
    this.send(key, { e: 'listenKeyExpired', E: this.now(), listenKey: key });
    this.unbindAll(key, false);
  }

  /** Unbinds a stopped key; connections left without any key are closed. */
  stopped(key: string): void {
    this.unbindAll(key, true);
  }

  /** Terminates every connection and stops accepting new ones. */
  close(): Promise<void> {
    for (const client of this.clients) client.link.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private send(key: string, event: UserEvent): void {
    const listeners = this.byKey.get(key);
    if (!listeners || listeners.size === 0) return;
    let raw: string | undefined;
    let wrapped: string | undefined;
    for (const client of listeners) {
      const events = client.bindings.get(key)?.events;
      if (events && !events.has(event.e)) continue;
      raw ??= JSON.stringify(event);
      client.link.send(client.combined ? (wrapped ??= `{"stream":${JSON.stringify(key)},"data":${raw}}`) : raw);
    }
  }

  private receive(client: UserClient, text: string, isBinary: boolean): void {
    if (client.rate.exceeded()) {
      client.link.close(1008, 'Too many messages');
      return;
    }
    const outcome = handleControl(isBinary ? '' : text, { streams: new Set(client.bindings.keys()), combined: client.combined });
    const unknown = outcome.subscribe?.find((key) => this.keys.accountOf(key) === undefined);
    if (unknown !== undefined) {
      const { code, msg } = invalidListenKey();
      client.link.send(JSON.stringify({ error: { code, msg }, id: outcome.reply.id }));
      return;
    }
    for (const key of outcome.subscribe ?? []) this.bind(client, { listenKey: key });
    for (const key of outcome.unsubscribe ?? []) this.unbind(client, key);
    if (outcome.combined !== undefined) client.combined = outcome.combined;
    client.link.send(JSON.stringify(outcome.reply));
  }

  private bind(client: UserClient, binding: KeyBinding): void {
    client.bindings.set(binding.listenKey, binding);
    let listeners = this.byKey.get(binding.listenKey);
    if (!listeners) this.byKey.set(binding.listenKey, (listeners = new Set()));
    listeners.add(client);
  }

  private unbind(client: UserClient, key: string): void {
    client.bindings.delete(key);
    const listeners = this.byKey.get(key);
    listeners?.delete(client);
    if (listeners?.size === 0) this.byKey.delete(key);
  }

  private unbindAll(key: string, closeOrphans: boolean): void {
    for (const client of [...(this.byKey.get(key) ?? [])]) {
      this.unbind(client, key);
      if (closeOrphans && client.bindings.size === 0) client.link.close(INVALID_KEY_CLOSE.code, INVALID_KEY_CLOSE.reason);
    }
  }

  private detach(client: UserClient): void {
    for (const key of [...client.bindings.keys()]) this.unbind(client, key);
    this.clients.delete(client);
  }
}
