/**
 * Request weight over the wire (PROTOCOL §9): `rateLimits` on every reply, 429 with
 * `retryAfter` when the budget is spent, 418 plus a disconnect for a client that keeps going,
 * and the ban on new connections and REST until it ends. `weightLimit` keeps the budget small.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW, Peer, type Reply } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

const MINUTE = 60_000;
let now = FROZEN_NOW;

async function start(weightLimit: number): Promise<RunningSimulator> {
  now = FROZEN_NOW;
  sim = await startSimulator({ now: () => now, markIntervalMs: 60_000, weightLimit, banMs: 5 * MINUTE });
  return sim;
}

async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  peers.push(peer);
  return peer;
}

describe('rate limits', () => {
  it('every reply carries rateLimits with the configured limit; 429 then 418 and a disconnect', async () => {
    const running = await start(20);
    const peer = await open(running.urls.wsApi);
    const replies: Reply[] = [];
    for (let id = 1; id <= 7; id++) replies.push(await peer.call({ id, method: 'session.status' }));
    // Handshake 5, then 2 per session.status: the 8th request brings the count to 21 > 20.
    expect(replies.map((r) => r.rateLimits![0]!.count)).toEqual([7, 9, 11, 13, 15, 17, 19]);
    expect(replies.every((r) => r.rateLimits![0]!.limit === 20)).toBe(true);
    const limited = await peer.call({ id: 8, method: 'session.status' });
    const windowEnd = Math.floor(FROZEN_NOW / MINUTE) * MINUTE + MINUTE;
    expect(limited).toEqual({
      id: 8,
      status: 429,
      error: {
        code: -1003,
        msg: 'Too many requests; current limit is 20 requests per minute. Please use the websocket for live updates to avoid polling the API.',
        data: { serverTime: FROZEN_NOW, retryAfter: windowEnd },
      },
      rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 20, count: 21 }],
    });
    const banned = await peer.call({ id: 9, method: 'session.status' });
    expect(banned).toMatchObject({ status: 418, error: { code: -1003, data: { retryAfter: FROZEN_NOW + 5 * MINUTE } } });
    expect(banned.error!.msg).toContain(`banned until ${FROZEN_NOW + 5 * MINUTE}`);
    expect(banned.rateLimits).toBeDefined();
    expect(await peer.closed).toEqual({ code: 1008, reason: 'IP banned' });
  });

  it('a ban refuses new WS connections (HTTP 418) and REST (418 + Retry-After) until it ends', async () => {
    const running = await start(10);
    const peer = await open(running.urls.wsApi);
    await peer.call({ id: 1, method: 'session.status' }); // 7
    await peer.call({ id: 2, method: 'session.status' }); // 9
    expect((await peer.call({ id: 3, method: 'session.status' })).status).toBe(429); // 11
    expect((await peer.call({ id: 4, method: 'session.status' })).status).toBe(418);
    await expect(Peer.open(running.urls.wsApi)).rejects.toThrow(/418/);
    const rest = await fetch(`${running.urls.rest}/fapi/v1/time`);
    expect(rest.status).toBe(418);
    expect(rest.headers.get('retry-after')).toBe('300');
    expect(await rest.json()).toMatchObject({ code: -1003 });
    now += 5 * MINUTE; // the ban is over, and so is the minute
    expect((await fetch(`${running.urls.rest}/fapi/v1/time`)).status).toBe(200);
    expect((await (await open(running.urls.wsApi)).call({ id: 5, method: 'session.status' })).status).toBe(200);
  });

  it('REST over the budget: 429 with Retry-After and the used weight', async () => {
    const running = await start(10);
    for (let i = 0; i < 10; i++) expect((await fetch(`${running.urls.rest}/fapi/v1/time`)).status).toBe(200);
    const over = await fetch(`${running.urls.rest}/fapi/v1/time`);
    expect(over.status).toBe(429);
    expect(over.headers.get('x-mbx-used-weight-1m')).toBe('11');
    expect(over.headers.get('retry-after')).toBe('30'); // FROZEN_NOW is hh:mm:30
    expect(await over.json()).toMatchObject({ code: -1003 });
  });

  it('a client that waits until retryAfter carries on without a ban', async () => {
    const running = await start(10);
    const peer = await open(running.urls.wsApi);
    await peer.call({ id: 1, method: 'session.status' });
    await peer.call({ id: 2, method: 'session.status' });
    const limited = await peer.call({ id: 3, method: 'session.status' });
    now = limited.error!.data!.retryAfter!;
    expect((await peer.call({ id: 4, method: 'session.status' })).status).toBe(200);
  });

  it('the WS handshake (weight 5) is refused with HTTP 429 over the budget', async () => {
    const running = await start(12);
    await open(running.urls.wsApi); // 5
    await open(running.urls.wsApi); // 10
    await expect(Peer.open(running.urls.wsApi)).rejects.toThrow(/429/); // 15
  });

  it('exchangeInfo reports the configured limit', async () => {
    const running = await start(77);
    const info = (await (await fetch(`${running.urls.rest}/fapi/v1/exchangeInfo`)).json()) as { rateLimits: { rateLimitType: string; limit: number }[] };
    expect(info.rateLimits.find((r) => r.rateLimitType === 'REQUEST_WEIGHT')!.limit).toBe(77);
  });
});
