/**
 * The control endpoint (`POST /__sim`) and `RunningSimulator.control`: validation, fills,
 * marks, truth, an observable effect for every fault command, and the traffic counters.
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimulatorOptions, SimControlError, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW, Peer, type RawMessage, control, sign } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  sim = await startSimulator({ control: true, now: () => FROZEN_NOW, markIntervalMs: 60_000, ...options });
  return sim;
}

async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  peers.push(peer);
  return peer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const btcRow = (running: RunningSimulator) => running.truth('oneway').find((r) => r.symbol === 'BTCUSDT')!;

describe('control endpoint: authentication (issue 14 item 7)', () => {
  const post = (running: RunningSimulator, headers: Record<string, string>, body: unknown) =>
    fetch(`${running.urls.rest}/__sim`, { method: 'POST', headers, body: JSON.stringify(body) });
  const sell = { command: 'fill', account: 'oneway', symbol: 'BTCUSDT', side: 'SELL', qty: '0.250' };

  it('refuses a command without the token, with a wrong one, or not sent as JSON, and runs none of them', async () => {
    const running = await start();
    const json = { 'Content-Type': 'application/json' };
    const missing = await post(running, json, sell);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(await missing.json()).toMatchObject({ ok: false, error: expect.stringMatching(/token/) as unknown });
    const wrong = `${running.controlToken.slice(0, -1)}${running.controlToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await post(running, { ...json, Authorization: `Bearer ${wrong}` }, sell)).status).toBe(401);
    expect((await post(running, { ...json, Authorization: running.controlToken }, sell)).status).toBe(401); // no scheme
    // A browser can POST text/plain cross-origin without a preflight: that must not be enough.
    const textPlain = await post(running, { 'Content-Type': 'text/plain', Authorization: `Bearer ${running.controlToken}` }, sell);
    expect(textPlain.status).toBe(415);
    expect(btcRow(running).positionAmt).toBe('0.250'); // nothing ran
    const allowed = await post(running, { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${running.controlToken}` }, sell);
    expect(allowed.status).toBe(200);
    expect(btcRow(running).positionAmt).toBe('0.000');
  });

  it('every run has its own random token, and a chosen one must be long and URL-safe', async () => {
    const a = await start();
    const b = await startSimulator({ control: true });
    try {
      expect(a.controlToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(b.controlToken).not.toBe(a.controlToken);
      expect((await control({ urls: b.urls, controlToken: a.controlToken }, { command: 'stats' })).status).toBe(401);
    } finally {
      await b.close();
    }
    await expect(startSimulator({ control: true, controlToken: 'short' })).rejects.toThrow(/controlToken/);
    const chosen = 'x'.repeat(40);
    const c = await startSimulator({ control: true, controlToken: chosen });
    try {
      expect(c.controlToken).toBe(chosen);
      expect((await control(c, { command: 'stats' })).status).toBe(200);
    } finally {
      await c.close();
    }
  });
});

describe('control endpoint: validation', () => {
  it('is 404 unless enabled, and only answers POST', async () => {
    const off = await startSimulator();
    try {
      expect((await control(off, { command: 'truth', account: 'oneway' })).status).toBe(404);
    } finally {
      await off.close();
    }
    const running = await start();
    expect((await fetch(`${running.urls.rest}/__sim`)).status).toBe(405);
  });

  it.each([
    ['not JSON', '{nope', /JSON/],
    ['an unknown command', { command: 'explode' }, /command/],
    ['missing fields', { command: 'fill' }, /account.*symbol.*side.*qty/],
    ['an unknown field', { command: 'setMark', symbol: 'BTCUSDT', price: '1', extra: true }, /extra/],
    ['a number where a decimal string belongs', { command: 'setMark', symbol: 'BTCUSDT', price: 1 }, /price/],
    ['a negative decimal', { command: 'setMark', symbol: 'BTCUSDT', price: '-5' }, /price/],
    ['an unknown account', { command: 'truth', account: 'nobody' }, /account/],
    ['an unknown symbol', { command: 'setMark', symbol: 'NOPEUSDT', price: '1' }, /NOPEUSDT/],
    ['a quantity off the step size', { command: 'fill', account: 'oneway', symbol: 'BTCUSDT', side: 'BUY', qty: '0.0005' }, /step/],
    ['a hedge fill without positionSide', { command: 'fill', account: 'hedge', symbol: 'BTCUSDT', side: 'BUY', qty: '0.001' }, /positionSide/],
    ['a side that does not match the mode', { command: 'fill', account: 'oneway', symbol: 'BTCUSDT', side: 'BUY', positionSide: 'LONG', qty: '0.001' }, /one-way/],
    ['a rate-limit status that is not 429/418', { command: 'rateLimit', status: 500 }, /status/],
    ['a stall of zero ms', { command: 'stall', durationMs: 0 }, /durationMs/],
    ['no listenKey to expire', { command: 'expireListenKey', account: 'hedge' }, /listenKey/],
    ['an array body', '[]', /object/],
  ])('answers 400 { ok: false, error } for %s, and keeps serving', async (_name, body, message) => {
    const running = await start();
    const reply = await control(running, body);
    expect(reply.status).toBe(400);
    expect(reply.body.ok).toBe(false);
    expect(reply.body.error).toMatch(message);
    expect((await control(running, { command: 'truth', account: 'oneway' })).status).toBe(200);
  });

  it('the in-process methods validate the same way and throw SimControlError', async () => {
    const running = await start();
    expect(() => running.control.fill({ account: 'oneway', symbol: 'BTCUSDT', side: 'BUY', qty: 'lots' })).toThrow(SimControlError);
    expect(() => running.control.setMark('NOPEUSDT', '1')).toThrow(/NOPEUSDT/);
    expect(running.control.run({ command: 'nope' })).toMatchObject({ ok: false });
  });
});

describe('control endpoint: state', () => {
  it('fill averages the entry, truth and the WS API agree', async () => {
    const running = await start();
    const reply = await control(running, {
      command: 'fill', account: 'oneway', symbol: 'BTCUSDT', side: 'BUY', qty: '0.250', price: '103834.6',
    });
    expect(reply).toMatchObject({ status: 200, body: { ok: true, price: '103834.6', positionAmt: '0.500', realizedPnl: '0.00000000' } });
    expect(reply.body.commission).toBe('10.38346000'); // 0.25 × 103 834.6 × 0.0004
    expect(typeof reply.body.orderId).toBe('number');
    expect(btcRow(running)).toMatchObject({ positionAmt: '0.500', entryPrice: '102834.6' });
    const truth = await control(running, { command: 'truth', account: 'oneway' });
    expect(truth.body.rows).toEqual(running.truth('oneway'));
  });

  it('in-process fill on the hedge account, with positionSide', async () => {
    const running = await start();
    const receipt = running.control.fill({ account: 'hedge', symbol: 'BTCUSDT', side: 'BUY', positionSide: 'SHORT', qty: '0.080', price: '100000' });
    expect(receipt).toMatchObject({ positionAmt: '0.000', realizedPnl: '409.65600000' }); // 0.08 × (105 120.7 − 100 000)
    const short = running.truth('hedge').find((r) => r.symbol === 'BTCUSDT' && r.positionSide === 'SHORT')!;
    expect(short.positionAmt).toBe('0.000');
  });

  it('setMark moves the mark for replies and truth', async () => {
    const running = await start();
    expect((await control(running, { command: 'setMark', symbol: 'BTCUSDT', price: '110000.5' })).body).toEqual({
      ok: true, symbol: 'BTCUSDT', markPrice: '110000.5',
    });
    expect(btcRow(running).markPrice).toBe('110000.50000000');
  });

  it('skewClock shifts serverTime and the timestamp window', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    expect((await control(running, { command: 'skewClock', ms: 10_000 })).body).toMatchObject({ serverTime: FROZEN_NOW + 10_000 });
    const status = await peer.call({ id: 1, method: 'session.status' });
    expect((status.result as { serverTime: number }).serverTime).toBe(FROZEN_NOW + 10_000);
    const { apiKey, secret } = running.accounts[0]!;
    const stale = await peer.call({ id: 2, method: 'account.position', params: sign({ apiKey, timestamp: FROZEN_NOW }, secret) });
    expect(stale.error?.code).toBe(-1021);
    running.control.skewClock(0);
    const fresh = await peer.call({ id: 3, method: 'account.position', params: sign({ apiKey, timestamp: FROZEN_NOW }, secret) });
    expect(fresh.status).toBe(200);
  });
});

describe('control endpoint: faults', () => {
  it('rateLimit 429: the next request gets 429 with retryAfter; one more is banned (418) and disconnected', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    const forced = await control(running, { command: 'rateLimit', status: 429, retryAfterMs: 30_000 });
    expect(forced.body).toMatchObject({ ok: true, retryAfter: FROZEN_NOW + 30_000 });
    const limited = await peer.call({ id: 1, method: 'session.status' });
    expect(limited).toMatchObject({ status: 429, error: { code: -1003, data: { retryAfter: FROZEN_NOW + 30_000, serverTime: FROZEN_NOW } } });
    const banned = await peer.call({ id: 2, method: 'session.status' });
    expect(banned).toMatchObject({ status: 418, error: { code: -1003 } });
    expect(banned.error!.msg).toMatch(/banned until/);
    expect((await peer.closed).code).toBe(1008);
    // New connections are refused during the ban; resetRateLimits lifts it.
    await expect(Peer.open(running.urls.wsApi)).rejects.toThrow(/418/);
    running.control.resetRateLimits();
    expect((await (await open(running.urls.wsApi)).call({ id: 3, method: 'session.status' })).status).toBe(200);
  });

  it('rateLimit 418: every origin is banned until retryAfter, WS and REST alike', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    expect(running.control.rateLimit({ status: 418, retryAfterMs: 60_000 })).toBe(FROZEN_NOW + 60_000);
    const banned = await peer.call({ id: 1, method: 'session.status' });
    expect(banned).toMatchObject({ status: 418, error: { code: -1003, data: { retryAfter: FROZEN_NOW + 60_000 } } });
    expect((await peer.closed).code).toBe(1008);
    const rest = await fetch(`${running.urls.rest}/fapi/v1/time`);
    expect([rest.status, rest.headers.get('retry-after')]).toEqual([418, '60']);
  });

  it('settleFunding runs a funding round now: FUNDING_FEE updates on the user stream', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const { listenKey } = (await api.call({ id: 1, method: 'userDataStream.start', params: { apiKey: running.accounts[1]!.apiKey } }))
      .result as { listenKey: string };
    const peer = await open(`${running.urls.private}/ws/${listenKey}`);
    expect((await control(running, { command: 'settleFunding' })).body).toEqual({ ok: true });
    expect(await peer.take()).toMatchObject({ e: 'ACCOUNT_UPDATE', a: { m: 'FUNDING_FEE' } });
  });

  it('stall silences a connection for its duration, then frames flow again', async () => {
    const running = await start({ now: Date.now, markIntervalMs: 20 });
    const peer = await open(`${running.urls.market}/ws/btcusdt@markPrice@1s`);
    await peer.take();
    const stalledAt = Date.now();
    expect(running.control.stall({ kind: 'market', durationMs: 300 })).toBe(1);
    await sleep(600);
    const times: number[] = [];
    peer.drain((frame: { E: number }) => (times.push(frame.E), true));
    // Nothing produced during the stall arrives (frames produced before it may arrive late).
    expect(times.filter((time) => time > stalledAt && time < stalledAt + 295)).toEqual([]);
    expect(times.some((time) => time >= stalledAt + 295)).toBe(true);
  });

  it('stall without a duration lasts until unstall, and applies to the chosen kind only', async () => {
    const running = await start({ now: Date.now, markIntervalMs: 20 });
    const market = await open(`${running.urls.market}/ws/ethusdt@markPrice@1s`);
    const api = await open(running.urls.wsApi);
    expect((await control(running, { command: 'stall', kind: 'wsApi' })).body).toEqual({ ok: true, stalled: 1 });
    api.send({ id: 'q', method: 'session.status' });
    await expect(api.take((m: { id?: unknown }) => m.id === 'q', 200)).rejects.toThrow();
    await market.take(); // market frames still flow
    expect((await control(running, { command: 'unstall', kind: 'wsApi' })).body).toEqual({ ok: true, resumed: 1 });
    expect((await api.call({ id: 'r', method: 'session.status' })).status).toBe(200);
  });

  it('dropConnections: clean sends close 1001, abrupt destroys the socket (1006)', async () => {
    const running = await start();
    const clean = await open(`${running.urls.market}/ws/btcusdt@markPrice`);
    expect(running.control.dropConnections({ kind: 'market', mode: 'clean' })).toBe(1);
    expect((await clean.closed).code).toBe(1001);
    const abrupt = await open(running.urls.wsApi);
    const bystander = await open(`${running.urls.market}/ws/btcusdt@markPrice`);
    expect((await control(running, { command: 'dropConnections', kind: 'wsApi', mode: 'abrupt' })).body).toEqual({ ok: true, dropped: 1 });
    expect((await abrupt.closed).code).toBe(1006);
    expect(bystander.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('withholdPongs: client pings go unanswered until resumed', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws`);
    const pong = (timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        peer.socket.once('pong', () => (clearTimeout(timer), resolve(true)));
        peer.socket.ping('hello');
      });
    expect(await pong(1_000)).toBe(true);
    expect(running.control.withholdPongs({ kind: 'all' })).toBe(1);
    expect(await pong(300)).toBe(false);
    running.control.withholdPongs({ withhold: false });
    expect(await pong(1_000)).toBe(true);
  });

  it.each([
    ['non-json', (m: RawMessage) => m.raw === 'this is not JSON {' && !m.binary],
    ['binary', (m: RawMessage) => m.binary],
    ['truncated', (m: RawMessage) => m.raw.startsWith('{"e":"markPriceUpdate"') && !m.binary],
    ['wrong-types', (m: { e?: unknown; p?: unknown }) => m.e === 'markPriceUpdate' && typeof m.p === 'number'],
    ['unknown-event', (m: { e?: unknown }) => m.e === 'SIM_UNKNOWN_EVENT'],
  ] as const)('malformed %s reaches market connections, which stay open', async (variant, check) => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws/btcusdt@markPrice`);
    expect((await control(running, { command: 'malformed', kind: 'market', variant })).body).toEqual({ ok: true, sent: 1 });
    const received = await peer.take(() => true);
    expect((check as (m: unknown) => boolean)(received)).toBe(true);
    peer.send({ method: 'LIST_SUBSCRIPTIONS', id: 1 });
    expect(await peer.take((m: { id?: unknown }) => m.id === 1)).toEqual({ result: ['btcusdt@markPrice'], id: 1 });
  });

  it('malformed on private connections sends user-data-shaped junk', async () => {
    const running = await start();
    const listenKey = (await (await open(running.urls.wsApi)).call({
      id: 1, method: 'userDataStream.start', params: { apiKey: running.accounts[0]!.apiKey },
    })).result as { listenKey: string };
    const peer = await open(`${running.urls.private}/ws/${listenKey.listenKey}`);
    expect(running.control.malformed({ kind: 'private', variant: 'wrong-types' })).toBe(1);
    expect(await peer.take()).toMatchObject({ e: 'ACCOUNT_UPDATE', E: String(FROZEN_NOW) });
  });

  it('expireListenKey pushes listenKeyExpired (integer E) and stops events', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const { listenKey } = (await api.call({ id: 1, method: 'userDataStream.start', params: { apiKey: running.accounts[0]!.apiKey } }))
      .result as { listenKey: string };
    const peer = await open(`${running.urls.private}/ws/${listenKey}`);
    expect((await control(running, { command: 'expireListenKey', account: 'oneway' })).body).toEqual({ ok: true, listenKey });
    expect(await peer.take()).toEqual({ e: 'listenKeyExpired', E: FROZEN_NOW, listenKey });
    running.control.fill({ account: 'oneway', symbol: 'ETHUSDT', side: 'SELL', qty: '0.100' });
    await expect(peer.take(() => true, 200)).rejects.toThrow();
    const ping = await api.call({ id: 2, method: 'userDataStream.ping', params: { apiKey: running.accounts[0]!.apiKey } });
    expect(ping).toMatchObject({ status: 400, error: { code: -1125 } });
  });
});

/** Resolves with the HTTP status a refused handshake got. */
function refusedWith(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    Peer.open(url).then(
      (peer) => {
        peers.push(peer);
        reject(new Error(`${url} was accepted`));
      },
      (error: Error) => resolve(Number(/\d{3}/.exec(error.message)?.[0] ?? 0)),
    );
  });
}

describe('control endpoint: traffic counters (stats)', () => {
  it('count every handshake by route (refused ones too), every WS API frame and REST request, but not control commands', async () => {
    const running = await start();
    expect(running.control.stats()).toEqual({
      handshakes: { wsApi: 0, market: 0, public: 0, private: 0, unknown: 0 },
      wsApiRequests: 0,
      restRequests: 0,
    });

    const api = await open(running.urls.wsApi);
    await api.call({ id: 1, method: 'session.status' });
    api.send('not json');
    await api.take((message) => message.status === 400);
    await open(`${running.urls.market}/stream?streams=btcusdt@markPrice@1s`);
    expect(await refusedWith(`${running.urls.rest}/nowhere/ws/x`)).toBe(404);
    await fetch(`${running.urls.rest}/fapi/v1/time`);
    await fetch(`${running.urls.rest}/fapi/v1/nothing-here`);

    // A banned origin's handshake is refused (418) and still counted: a storm would show here.
    running.control.rateLimit({ status: 418, retryAfterMs: 60_000 });
    expect(await refusedWith(running.urls.wsApi)).toBe(418);

    const expected = {
      handshakes: { wsApi: 2, market: 1, public: 0, private: 0, unknown: 1 },
      wsApiRequests: 2,
      restRequests: 2,
    };
    expect(running.control.stats()).toEqual(expected);
    const overHttp = await control(running, { command: 'stats' });
    expect(overHttp).toEqual({ status: 200, body: { ok: true, ...expected } });
    expect(running.control.stats()).toEqual(expected); // control commands are not traffic
  });
});
