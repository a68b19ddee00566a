/**
 * The user data stream (PROTOCOL §6): listenKeys over the WS API and REST, the `/private` URL
 * forms, and the events a fill, a leverage change, a margin call and an expiry push.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW, Peer, type Reply } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  sim = await startSimulator({ now: () => FROZEN_NOW, markIntervalMs: 60_000, ...options });
  return sim;
}

async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  peers.push(peer);
  return peer;
}

const keyOf = (name: 'oneway' | 'hedge') => sim!.accounts.find((a) => a.name === name)!.apiKey;

async function startKey(api: Peer, name: 'oneway' | 'hedge', id: string | number = 'k'): Promise<string> {
  const reply = await api.call({ id, method: 'userDataStream.start', params: { apiKey: keyOf(name) } });
  expect(reply.status).toBe(200);
  return (reply.result as { listenKey: string }).listenKey;
}

interface Event {
  e: string;
  E: number;
  [key: string]: unknown;
}

const isEvent = (type: string) => (m: Event) => m.e === type;

describe('listenKeys over the WS API', () => {
  it('start (USER_STREAM, weight 1) returns the active key again; ping extends it; stop ends it', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const first = await api.call({ id: 1, method: 'userDataStream.start', params: { apiKey: keyOf('oneway') } });
    const { listenKey } = first.result as { listenKey: string };
    expect(listenKey).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(first.rateLimits![0]!.count).toBe(6); // handshake 5 + 1
    expect((await api.call({ id: 2, method: 'userDataStream.start', params: { apiKey: keyOf('oneway') } })).result).toEqual({ listenKey });
    expect((await api.call({ id: 3, method: 'userDataStream.ping', params: { apiKey: keyOf('oneway') } })).result).toEqual({ listenKey });
    expect((await api.call({ id: 4, method: 'userDataStream.stop', params: { apiKey: keyOf('oneway') } })).result).toEqual({});
    const after = await api.call({ id: 5, method: 'userDataStream.ping', params: { apiKey: keyOf('oneway') } });
    expect(after).toMatchObject({ status: 400, error: { code: -1125, msg: 'This listenKey does not exist.' } });
    expect(await startKey(api, 'oneway')).not.toBe(listenKey);
    // Each account has its own key.
    expect(await startKey(api, 'hedge')).not.toBe(await startKey(api, 'oneway'));
  });

  it('needs an apiKey but no signature or timestamp; bad keys get -1102, -2014, -2015', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const call = (params: Record<string, unknown>): Promise<Reply> => api.call({ id: 'x', method: 'userDataStream.start', params });
    expect((await call({})).error?.code).toBe(-1102);
    expect((await call({ apiKey: 'short' })).error?.code).toBe(-2014);
    expect((await call({ apiKey: 'Z'.repeat(64) })).error).toMatchObject({ code: -2015 });
    expect((await api.call({ id: 'y', method: 'userDataStream.stop', params: { apiKey: keyOf('hedge') } })).error?.code).toBe(-1125);
  });
});

describe('listenKeys over REST', () => {
  it('POST, PUT and DELETE /fapi/v1/listenKey with X-MBX-APIKEY', async () => {
    const running = await start();
    const request = (method: string, apiKey?: string) =>
      fetch(`${running.urls.rest}/fapi/v1/listenKey`, { method, headers: apiKey ? { 'X-MBX-APIKEY': apiKey } : {} });
    const created = await request('POST', keyOf('hedge'));
    expect(created.status).toBe(200);
    const { listenKey } = (await created.json()) as { listenKey: string };
    const api = await open(running.urls.wsApi);
    expect(await startKey(api, 'hedge')).toBe(listenKey); // one key per account, whichever API made it
    expect(await (await request('PUT', keyOf('hedge'))).json()).toEqual({ listenKey });
    expect(await (await request('DELETE', keyOf('hedge'))).json()).toEqual({});
    const missing = await request('PUT', keyOf('hedge'));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ code: -1125, msg: 'This listenKey does not exist.' });
    const anonymous = await request('POST');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: -2014 });
    expect(await (await request('POST', 'Q'.repeat(64))).json()).toMatchObject({ code: -2015 });
  });
});

describe('/private connections', () => {
  it('a fill pushes ORDER_TRADE_UPDATE then ACCOUNT_UPDATE with only the changed leg', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const peer = await open(`${running.urls.private}/ws/${await startKey(api, 'oneway')}`);
    running.control.fill({ account: 'oneway', symbol: 'ETHUSDT', side: 'BUY', qty: '1.500', price: '3600' });
    const order = await peer.take<Event>();
    const update = await peer.take<Event>();
    // E (sent) a few ms after T (transaction), and increasing: the live exchange's stamps (PROTOCOL §13.5).
    expect(order).toMatchObject({
      e: 'ORDER_TRADE_UPDATE',
      E: FROZEN_NOW + 3,
      T: FROZEN_NOW,
      o: { s: 'ETHUSDT', S: 'BUY', o: 'MARKET', x: 'TRADE', X: 'FILLED', q: '1.500', l: '1.500', z: '1.500', L: '3600.0', ap: '3600.0', N: 'USDT', n: '2.16000000', ps: 'BOTH', rp: '168.67500000', m: false, R: false },
    });
    expect(update).toMatchObject({ e: 'ACCOUNT_UPDATE', E: FROZEN_NOW + 4, T: FROZEN_NOW });
    const a = update.a as { m: string; B: Record<string, string>[]; P: Record<string, string>[] };
    expect(a.m).toBe('ORDER');
    // 7 500 + 1.5 × (3712.45 − 3600) − 2.16, minus the isolated wallets (2545.865 + 1507.5) for cw.
    expect(a.B).toEqual([{ a: 'USDT', wb: '7666.51500000', cw: '3613.15000000', bc: '0.00000000' }]);
    // up at the mark 3650: −2 × (3650 − 3712.45); bep (FAQ) = (3.5 × 3712.45 − 1.5 × 3600) / 2: the realised gain raises a short's.
    expect(a.P).toEqual([{ s: 'ETHUSDT', pa: '-2', ep: '3712.45', bep: '3796.7875', cr: '168.67500000', up: '124.90000000', mt: 'cross', iw: '0.00000000', ps: 'BOTH' }]);
    const row = running.truth('oneway').find((r) => r.symbol === 'ETHUSDT')!;
    expect(row.positionAmt).toBe('-2.000');
  });

  it('hedge: SHORT amounts are negative, closing a leg reports pa "0", other accounts hear nothing', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const hedge = await open(`${running.urls.private}/ws/${await startKey(api, 'hedge', 1)}`);
    const oneway = await open(`${running.urls.private}/ws/${await startKey(api, 'oneway', 2)}`);
    running.control.fill({ account: 'hedge', symbol: 'ETHUSDT', side: 'SELL', positionSide: 'SHORT', qty: '0.300' });
    const grown = (await hedge.take<Event>(isEvent('ACCOUNT_UPDATE'))).a as { P: { pa: string; ps: string; mt: string }[] };
    expect(grown.P).toEqual([expect.objectContaining({ s: 'ETHUSDT', ps: 'SHORT', pa: '-1.5', mt: 'isolated' })]);
    running.control.fill({ account: 'hedge', symbol: 'ETHUSDT', side: 'BUY', positionSide: 'SHORT', qty: '1.500' });
    const closed = (await hedge.take<Event>((m) => m.e === 'ACCOUNT_UPDATE')).a as { P: { pa: string; ep: string; iw: string }[] };
    expect(closed.P).toEqual([expect.objectContaining({ pa: '0', ep: '0.0', iw: '0.00000000', ps: 'SHORT' })]);
    await expect(oneway.take(() => true, 200)).rejects.toThrow();
  });

  it('setLeverage pushes ACCOUNT_CONFIG_UPDATE', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const peer = await open(`${running.urls.private}/ws/${await startKey(api, 'hedge')}`);
    running.control.setLeverage('hedge', 'BNBUSDT', 12);
    expect(await peer.take()).toEqual({ e: 'ACCOUNT_CONFIG_UPDATE', E: FROZEN_NOW + 3, T: FROZEN_NOW, ac: { s: 'BNBUSDT', l: 12 } });
    expect(running.truth('hedge').find((r) => r.symbol === 'BNBUSDT')!.leverage).toBe('12');
  });

  it('MARGIN_CALL once when an isolated leg crosses 80 % margin ratio, re-armed after recovering', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const peer = await open(`${running.urls.private}/ws/${await startKey(api, 'oneway')}`);
    // BTC 0.25 @ 101 834.6, iw 2545.865: ratio 0.001·M / (0.25·M − 22 912.785) reaches 0.8 at M ≈ 92 111.7; LP 92 019.2.
    running.setMark('BTCUSDT', '92100');
    const call = await peer.take<Event>();
    expect(call).toEqual({
      e: 'MARGIN_CALL',
      E: FROZEN_NOW + 3,
      p: [{ s: 'BTCUSDT', ps: 'BOTH', pa: '0.25', mt: 'ISOLATED', iw: '2545.86500000', mp: '92100.00000000', up: '-2433.65000000', mm: '92.10000000' }],
    });
    running.setMark('BTCUSDT', '92090');
    await expect(peer.take(() => true, 150)).rejects.toThrow(); // still in the zone: no repeat
    running.setMark('BTCUSDT', '100000');
    running.setMark('BTCUSDT', '92100');
    expect(await peer.take<Event>()).toMatchObject({ e: 'MARGIN_CALL' });
  });

  it('a cross MARGIN_CALL carries cw and every cross leg', async () => {
    const running = await start({ marginCallRatio: 0.01 });
    const api = await open(running.urls.wsApi);
    const peer = await open(`${running.urls.private}/ws/${await startKey(api, 'hedge')}`);
    running.setMark('BNBUSDT', '680');
    const call = await peer.take<Event>((m) => m.e === 'MARGIN_CALL' && 'cw' in m);
    expect(call.cw).toMatch(/^\d+\.\d{8}$/);
    const rows = call.p as { s: string; ps: string; mt: string }[];
    expect(rows.map((r) => `${r.s}:${r.ps}:${r.mt}`)).toEqual(['BTCUSDT:LONG:CROSSED', 'BTCUSDT:SHORT:CROSSED', 'BNBUSDT:LONG:CROSSED']);
  });

  it('listenKeys expire after listenKeyTtlMs unless pinged', async () => {
    const running = await start({ now: Date.now, listenKeyTtlMs: 1_000 });
    const api = await open(running.urls.wsApi);
    const key = await startKey(api, 'oneway');
    const peer = await open(`${running.urls.private}/ws/${key}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await api.call({ id: 'p', method: 'userDataStream.ping', params: { apiKey: keyOf('oneway') } });
    await new Promise((resolve) => setTimeout(resolve, 700)); // 1.2 s after start, 0.7 s after the ping
    expect(peer.drain(() => true)).toBe(0);
    const expired = await peer.take<Event>(isEvent('listenKeyExpired'), 3_000);
    expect(expired.listenKey).toBe(key);
    expect(Number.isInteger(expired.E)).toBe(true);
    expect(peer.socket.readyState).toBe(peer.socket.OPEN); // the socket stays; the key is gone
    await expect(Peer.open(`${running.urls.private}/ws/${key}`).then((p) => (peers.push(p), p.take(() => true)))).resolves.toMatchObject({ error: { code: -1125 } });
  });

  it('an unknown key on connect gets a -1125 error frame and a close', async () => {
    const running = await start();
    const peer = await open(`${running.urls.private}/ws/${'k'.repeat(64)}`);
    expect(await peer.take()).toEqual({ error: { code: -1125, msg: 'This listenKey does not exist.' } });
    expect(await peer.closed).toEqual({ code: 1008, reason: 'Invalid listenKey' });
  });

  it('?listenKey=&events= filters by event type; /stream wraps as {stream: listenKey, data}', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const key = await startKey(api, 'oneway');
    const filtered = await open(`${running.urls.private}/ws?listenKey=${key}&events=ACCOUNT_UPDATE`);
    const combined = await open(`${running.urls.private}/stream?listenKey=${key}`);
    running.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'BUY', qty: '1' });
    expect(await filtered.take()).toMatchObject({ e: 'ACCOUNT_UPDATE' });
    await expect(filtered.take(() => true, 150)).rejects.toThrow();
    expect(await combined.take()).toMatchObject({ stream: key, data: { e: 'ORDER_TRADE_UPDATE' } });
    expect(await combined.take()).toMatchObject({ stream: key, data: { e: 'ACCOUNT_UPDATE' } });
  });

  it('an idle /private/stream?streams= connection subscribes with SUBSCRIBE [listenKey]', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const key = await startKey(api, 'hedge');
    const peer = await open(`${running.urls.private}/stream?streams=`);
    peer.send({ method: 'SUBSCRIBE', params: ['x'.repeat(64)], id: 'bad' });
    expect(await peer.take()).toEqual({ error: { code: -1125, msg: 'This listenKey does not exist.' }, id: 'bad' });
    peer.send({ method: 'SUBSCRIBE', params: [key], id: 1 });
    expect(await peer.take()).toEqual({ result: null, id: 1 });
    peer.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
    expect(await peer.take()).toEqual({ result: [key], id: 2 });
    running.control.setLeverage('hedge', 'ETHUSDT', 9);
    expect(await peer.take()).toMatchObject({ stream: key, data: { e: 'ACCOUNT_CONFIG_UPDATE' } });
  });

  it('stopping the key closes the connections that only had it', async () => {
    const running = await start();
    const api = await open(running.urls.wsApi);
    const peer = await open(`${running.urls.private}/ws/${await startKey(api, 'oneway')}`);
    await api.call({ id: 's', method: 'userDataStream.stop', params: { apiKey: keyOf('oneway') } });
    expect((await peer.closed).code).toBe(1008);
  });
});
