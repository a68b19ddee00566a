/**
 * The client over real sockets with a hostile WS API in front of the simulator: a proxy on 127.0.0.1
 * that wraps every reply in frames answering nothing pending — an unknown id, the id as a number, an
 * object id before it, and a duplicate carrying a 401 -2015 after it. The positions read still equal
 * the simulator's truth, the link stays live (the stale 401 is not taken for a revoked key), and
 * each junk frame is counted once.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { ExchangeClient } from '../../electron/exchange/client';
import { createSigner } from '../../electron/exchange/signing';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { waitFor } from '../support/wait';

/** Junk frames sent around each reply. */
const JUNK_PER_REPLY = 4;

let simulator: RunningSimulator | null = null;
let client: ExchangeClient | null = null;
let proxy: WebSocketServer | null = null;
afterEach(async () => {
  client?.stop();
  for (const socket of proxy?.clients ?? []) socket.terminate();
  await new Promise((resolve) => (proxy === null ? resolve(null) : proxy.close(resolve)));
  await simulator?.close();
  client = null;
  proxy = null;
  simulator = null;
});

/** Starts the proxy to `upstream`; `replies` counts the real replies it passed on. */
async function hostileProxy(upstream: string): Promise<{ url: string; replies: () => number }> {
  let replies = 0;
  proxy = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  proxy.on('connection', (downstream) => {
    const exchange = new WebSocket(upstream);
    const early: string[] = [];
    downstream.on('message', (data: Buffer) => {
      if (exchange.readyState === WebSocket.OPEN) exchange.send(data.toString('utf8'));
      else early.push(data.toString('utf8'));
    });
    exchange.on('open', () => early.splice(0).forEach((text) => exchange.send(text)));
    exchange.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      const send = (frame: unknown): void => downstream.send(JSON.stringify(frame));
      if (typeof reply.id === 'string') {
        replies++;
        send({ ...reply, id: `${reply.id}0` });
        send({ ...reply, id: Number(reply.id.replace(/\D/g, '')) });
        send({ ...reply, id: { id: reply.id } });
        send(reply);
        send({ id: reply.id, status: 401, error: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } });
      } else send(reply);
    });
    const closeBoth = (): void => {
      downstream.terminate();
      exchange.terminate();
    };
    downstream.on('close', closeBoth);
    exchange.on('close', closeBoth);
    exchange.on('error', closeBoth);
  });
  await new Promise((resolve) => proxy!.once('listening', resolve));
  return { url: `ws://127.0.0.1:${(proxy.address() as AddressInfo).port}/ws-fapi/v1`, replies: () => replies };
}

const open = (rows: Array<{ symbol: string; positionSide: string; positionAmt: string }>): string[] =>
  rows.filter((row) => Number(row.positionAmt) !== 0).map((row) => `${row.symbol}:${row.positionSide}:${row.positionAmt}`).sort();

describe('hostile reply ids over real sockets', () => {
  it('positions equal the truth, the link stays live, and every junk frame is counted', async () => {
    simulator = await startSimulator({ seed: 6, markIntervalMs: 60_000 });
    const relay = await hostileProxy(simulator.urls.wsApi);
    const account = simulator.accounts.find((candidate) => candidate.name === 'hedge')!;
    let connected = false;
    client = new ExchangeClient({
      endpoints: { ...simulator.urls, wsApi: relay.url },
      signer: createSigner({ apiKey: account.apiKey, secret: account.secret }),
      events: { onConnected: () => (connected = true) },
    });
    client.start();
    await waitFor(() => (connected ? true : undefined), 8_000, 'connected');

    for (let round = 0; round < 3; round++) {
      expect(open(await client.fetchPositions())).toEqual(open(simulator.truth('hedge')));
    }
    const live = client;
    // The duplicate after the last reply may still be on its way: wait for its count.
    await waitFor(() => (live.metrics.badFrames === JUNK_PER_REPLY * relay.replies() ? true : undefined), 5_000, 'junk counted');
    expect(relay.replies()).toBe(4); // userDataStream.start and three snapshots
    expect(open(simulator.truth('hedge')).length).toBeGreaterThan(0);
    expect(client.connectionState).toBe('live');
  });
});
