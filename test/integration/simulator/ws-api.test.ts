import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type V1PositionRow, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW, Peer, type SignedParams, sign } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

/** A simulator on a frozen clock whose marks do not move during the test. */
async function start(): Promise<RunningSimulator> {
  sim = await startSimulator({ now: () => FROZEN_NOW, markIntervalMs: 60_000 });
  return sim;
}

async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  peers.push(peer);
  return peer;
}

function credentials(name: 'oneway' | 'hedge') {
  return sim!.accounts.find((account) => account.name === name)!;
}

function positionRequest(name: 'oneway' | 'hedge', extra: SignedParams = {}, id: string | number = 'p1') {
  const { apiKey, secret } = credentials(name);
  return { id, method: 'account.position', params: sign({ apiKey, timestamp: FROZEN_NOW, ...extra }, secret) };
}

describe('simulator WS API', () => {
  it('account.position (signed) returns exactly the truth of each account', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    for (const name of ['oneway', 'hedge'] as const) {
      const reply = await peer.call(positionRequest(name, {}, name));
      expect(reply.status).toBe(200);
      expect(reply.id).toBe(name);
      expect(reply.error).toBeUndefined();
      expect(reply.result).toEqual(running.truth(name));
    }
  });

  it('lists every trading perpetual, with negative SHORT amounts in hedge mode', async () => {
    const running = await start();
    const info = (await (await fetch(`${running.urls.rest}/fapi/v1/exchangeInfo`)).json()) as {
      symbols: { symbol: string; contractType: string; status: string }[];
    };
    const perpetuals = info.symbols
      .filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING')
      .map((s) => s.symbol);
    const peer = await open(running.urls.wsApi);

    const oneway = (await peer.call(positionRequest('oneway'))).result as V1PositionRow[];
    for (const symbol of perpetuals) {
      expect(oneway.filter((r) => r.symbol === symbol).map((r) => r.positionSide)).toEqual(['BOTH']);
    }
    expect(oneway.some((r) => Number(r.positionAmt) < 0)).toBe(true);

    const hedge = (await peer.call(positionRequest('hedge'))).result as V1PositionRow[];
    for (const symbol of perpetuals) {
      expect(hedge.filter((r) => r.symbol === symbol).map((r) => r.positionSide)).toEqual(['LONG', 'SHORT']);
    }
    const shorts = hedge.filter((r) => r.positionSide === 'SHORT' && Number(r.positionAmt) !== 0);
    expect(shorts.length).toBeGreaterThan(0);
    expect(shorts.every((r) => r.positionAmt.startsWith('-') && r.notional.startsWith('-'))).toBe(true);
    expect(hedge.filter((r) => r.positionSide === 'LONG').every((r) => !r.positionAmt.startsWith('-'))).toBe(true);
  });

  it('with `symbol` returns only that symbol', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    const reply = await peer.call(positionRequest('hedge', { symbol: 'ETHUSDT' }));
    expect(reply.result).toEqual(running.truth('hedge').filter((r) => r.symbol === 'ETHUSDT'));
    expect((reply.result as V1PositionRow[]).length).toBe(2);
  });

  it('rateLimits counts the handshake (5) and each v1 account.position (10, change log 2024-08-07)', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    const counts: number[] = [];
    for (const id of [1, 2, 3]) {
      const reply = await peer.call(positionRequest('oneway', {}, id));
      const [limit, ...others] = reply.rateLimits ?? [];
      expect(others).toEqual([]);
      expect(limit).toMatchObject({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 });
      counts.push(limit!.count);
    }
    expect(counts).toEqual([15, 25, 35]);
    // A second connection from the same IP shares the budget: +5 handshake, +2 session.status.
    const other = await open(running.urls.wsApi);
    expect((await other.call({ id: 's', method: 'session.status' })).rateLimits![0]!.count).toBe(42);
  });

  it('hides rateLimits with ?returnRateLimits=false, and a request can ask for them back', async () => {
    const running = await start();
    const peer = await open(`${running.urls.wsApi}?returnRateLimits=false`);
    expect(await peer.call(positionRequest('oneway', {}, 'a'))).not.toHaveProperty('rateLimits');
    const back = await peer.call(positionRequest('oneway', { returnRateLimits: true }, 'b'));
    expect(back.status).toBe(200);
    expect(back.rateLimits![0]!.count).toBe(25);
    const status = await peer.call({ id: 's', method: 'session.status' });
    expect(status.result).toMatchObject({ returnRateLimits: false });
  });

  it('returnRateLimits=false as a signed param hides them for that request (PROTOCOL §12)', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    const reply = await peer.call(positionRequest('oneway', { returnRateLimits: false }));
    expect(reply.status).toBe(200);
    expect(reply).not.toHaveProperty('rateLimits');
  });

  it('session.status is unsigned and carries serverTime', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    const reply = await peer.call({ id: 7, method: 'session.status' });
    expect(reply).toEqual({
      id: 7,
      status: 200,
      result: {
        apiKey: null,
        authorizedSince: null,
        connectedSince: FROZEN_NOW,
        returnRateLimits: true,
        serverTime: FROZEN_NOW,
      },
      rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400, count: 7 }],
    });
  });

  it('refuses with 429 / -1003 once the minute budget of 2400 would be exceeded', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    // 5 (handshake) + 239 × 10 = 2395; the 240th v1 request (weight 10) goes over.
    const ids = Array.from({ length: 240 }, (_, i) => i);
    for (const id of ids) peer.send(positionRequest('oneway', {}, id));
    const last = await peer.take((reply: { id: number }) => reply.id === 239, 5_000);
    const before = await peer.take((reply: { id: number }) => reply.id === 238, 5_000);
    expect(before).toMatchObject({ status: 200, rateLimits: [{ count: 2395 }] });
    expect(last).toMatchObject({ status: 429, error: { code: -1003 }, rateLimits: [{ count: 2405 }] });
  });

  it('setMark is reflected in the next account.position', async () => {
    const running = await start();
    const peer = await open(running.urls.wsApi);
    running.setMark('BTCUSDT', '110000.5');
    const rows = (await peer.call(positionRequest('oneway', { symbol: 'BTCUSDT' }))).result as V1PositionRow[];
    // 0.250 × (110000.5 − 101834.6) = 2041.475
    expect(rows[0]).toMatchObject({
      markPrice: '110000.50000000',
      unRealizedProfit: '2041.47500000',
      notional: '27500.12500000',
    });
    expect(running.truth('oneway').find((r) => r.symbol === 'BTCUSDT')?.markPrice).toBe('110000.50000000');
  });
});
