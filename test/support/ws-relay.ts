/**
 * A WS API relay on 127.0.0.1 in front of the simulator, for tests that must see or bend what passes:
 * each request frame is shown to `onRequest`, each reply may be rewritten by `rewrite` or replaced by
 * several frames (`expand`: junk around it, duplicates).
 */
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

export interface Relay {
  url: string;
  close(): Promise<void>;
}

export interface RelayHooks {
  onRequest?: (request: { method?: unknown; params?: Record<string, unknown> }) => void;
  rewrite?: (reply: Record<string, unknown>) => Record<string, unknown>;
  /** The frames sent downstream in place of a reply (after `rewrite`), in order. */
  expand?: (reply: Record<string, unknown>) => unknown[];
}

/** Starts a relay to `upstream` (a WS API URL). */
export async function startRelay(upstream: string, hooks: RelayHooks): Promise<Relay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (downstream) => {
    const exchange = new WebSocket(upstream);
    const early: string[] = [];
    downstream.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      hooks.onRequest?.(JSON.parse(text) as { method?: unknown; params?: Record<string, unknown> });
      if (exchange.readyState === WebSocket.OPEN) exchange.send(text);
      else early.push(text);
    });
    exchange.on('open', () => early.splice(0).forEach((text) => exchange.send(text)));
    exchange.on('message', (data: Buffer) => {
      const parsed = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      const reply = hooks.rewrite?.(parsed) ?? parsed;
      for (const frame of hooks.expand?.(reply) ?? [reply]) downstream.send(JSON.stringify(frame));
    });
    const closeBoth = (): void => {
      downstream.terminate();
      exchange.terminate();
    };
    downstream.on('close', closeBoth);
    exchange.on('close', closeBoth);
    exchange.on('error', closeBoth);
  });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws-fapi/v1`,
    close: async () => {
      for (const socket of server.clients) socket.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
