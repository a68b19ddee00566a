/**
 * What the server does to every connection (PROTOCOL §1): pings every `pingIntervalMs`, a
 * disconnect when no pong echoing a ping arrives within `pongTimeoutMs`, and a close with
 * 1000 "24h" after `maxConnectionMs`. Checked on the WS API, market and private routes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../electron/simulator';
import { Peer } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions): Promise<RunningSimulator> {
  sim = await startSimulator({ markIntervalMs: 60_000, ...options });
  return sim;
}

type Kind = 'wsApi' | 'market' | 'private';
const KINDS: Kind[] = ['wsApi', 'market', 'private'];

async function connect(running: RunningSimulator, kind: Kind, autoPong = true): Promise<Peer> {
  let url: string;
  if (kind === 'wsApi') {
    url = running.urls.wsApi;
  } else if (kind === 'market') {
    url = `${running.urls.market}/ws/btcusdt@markPrice`;
  } else {
    const api = await Peer.open(running.urls.wsApi);
    const reply = await api.call({ id: 1, method: 'userDataStream.start', params: { apiKey: running.accounts[0]!.apiKey } });
    await api.close();
    url = `${running.urls.private}/ws/${(reply.result as { listenKey: string }).listenKey}`;
  }
  const peer = await Peer.open(url, { autoPong });
  peers.push(peer);
  return peer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('server pings', () => {
  it.each(KINDS)('%s: pings arrive every pingIntervalMs; a client that pongs stays connected', async (kind) => {
    const running = await start({ pingIntervalMs: 40, pongTimeoutMs: 1_000 });
    const peer = await connect(running, kind);
    const payloads: string[] = [];
    peer.socket.on('ping', (data) => payloads.push(data.toString()));
    await sleep(400);
    expect(payloads.length).toBeGreaterThanOrEqual(4);
    expect(new Set(payloads).size).toBe(payloads.length); // each ping has its own payload
    expect(peer.socket.readyState).toBe(peer.socket.OPEN);
  });

  it.each(KINDS)('%s: a client that never pongs is disconnected after pongTimeoutMs', async (kind) => {
    const running = await start({ pingIntervalMs: 40, pongTimeoutMs: 100 });
    const peer = await connect(running, kind, false);
    const started = Date.now();
    const { code } = await peer.closed;
    expect(code).toBe(1006); // dropped, no close frame
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('pongs that do not echo the ping payload, and unsolicited pongs, do not count', async () => {
    const running = await start({ pingIntervalMs: 40, pongTimeoutMs: 100 });
    const peer = await connect(running, 'market', false);
    peer.socket.on('ping', () => peer.socket.pong('not-the-payload'));
    const unsolicited = setInterval(() => peer.socket.pong('keepalive'), 10);
    try {
      expect((await peer.closed).code).toBe(1006);
    } finally {
      clearInterval(unsolicited);
    }
  });

  it('an echoed pong after a late reply still keeps the connection', async () => {
    const running = await start({ pingIntervalMs: 40, pongTimeoutMs: 500 });
    const peer = await connect(running, 'wsApi', false);
    // Answer every ping, but 60 ms late: well inside the timeout, yet after the next ping went out.
    peer.socket.on('ping', (data) => setTimeout(() => peer.socket.pong(data), 60));
    await sleep(700);
    expect(peer.socket.readyState).toBe(peer.socket.OPEN);
  });
});

describe('connection lifetime', () => {
  it.each(KINDS)('%s: closed with 1000 "24h" after maxConnectionMs', async (kind) => {
    const running = await start({ maxConnectionMs: 150 });
    const peer = await connect(running, kind);
    expect(await peer.closed).toEqual({ code: 1000, reason: '24h' });
  });
});
