/**
 * The simulator's traffic counters (`stats`): handshakes by route, accepted or refused, WS API
 * request frames and REST requests — what a test counts to prove a client sent nothing more.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW, Peer, control } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  peers.push(peer);
  return peer;
}

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

describe('traffic counters', () => {
  it('count every handshake by route (refused ones too), every WS API frame and REST request, but not control commands', async () => {
    sim = await startSimulator({ control: true, now: () => FROZEN_NOW, markIntervalMs: 60_000 });
    expect(sim.control.stats()).toEqual({
      handshakes: { wsApi: 0, market: 0, public: 0, private: 0, unknown: 0 },
      wsApiRequests: 0,
      restRequests: 0,
    });

    const api = await open(sim.urls.wsApi);
    await api.call({ id: 1, method: 'session.status' });
    api.send('not json');
    await api.take((message) => message.status === 400);
    await open(`${sim.urls.market}/stream?streams=btcusdt@markPrice@1s`);
    expect(await refusedWith(`${sim.urls.rest}/nowhere/ws/x`)).toBe(404);
    await fetch(`${sim.urls.rest}/fapi/v1/time`);
    await fetch(`${sim.urls.rest}/fapi/v1/nothing-here`);

    // A banned origin's handshake is refused (418) and still counted: a storm would show here.
    sim.control.rateLimit({ status: 418, retryAfterMs: 60_000 });
    expect(await refusedWith(sim.urls.wsApi)).toBe(418);

    const expected = {
      handshakes: { wsApi: 2, market: 1, public: 0, private: 0, unknown: 1 },
      wsApiRequests: 2,
      restRequests: 2,
    };
    expect(sim.control.stats()).toEqual(expected);
    const overHttp = await control(sim.urls.rest, { command: 'stats' });
    expect(overHttp).toEqual({ status: 200, body: { ok: true, ...expected } });
    expect(sim.control.stats()).toEqual(expected); // control commands are not traffic
  });
});
