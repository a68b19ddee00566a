/**
 * One gate for WS API and REST, proved with the simulator's traffic counters over real sockets: a REST
 * 429 (Retry-After) pauses WS API requests too, a REST 418 bans everything — no request, handshake
 * or clock request leaves until it ends — and each (re)connect asks `/fapi/v1/time` at most once,
 * reusing an offset measured minutes ago. The counters are read at the state changes themselves, so
 * "nothing was sent during the pause" needs no sleep.
 */
import { describe, expect, it } from 'vitest';
import type { ClientTimings } from '../../../electron/exchange/client-options';
import { createSigner } from '../../../electron/exchange/signing';
import type { RunningSimulator } from '../../../electron/simulator';
import type { ConnectionState } from '../../../shared/connection';
import { waitFor } from '../../support/wait';
import { createTestClient, startTestSimulator } from '../../support/simulator-client';
import { simulatorCredentials } from '../../support/simulator-demo';

type Stats = ReturnType<RunningSimulator['control']['stats']>;

async function connectedClient(timings: Partial<ClientTimings> = {}) {
  const sim = await startTestSimulator({ seed: 9, markIntervalMs: 60_000, control: true });
  const states: ConnectionState[] = [];
  /** Traffic at the moment each state was entered. */
  const trafficAt: Array<{ state: ConnectionState; stats: Stats }> = [];
  let connects = 0;
  const client = createTestClient({
    endpoints: sim.urls,
    signer: createSigner(simulatorCredentials(sim, 'oneway')),
    backoff: { firstMs: 20, capMs: 100 },
    timings,
    events: {
      onState: (state) => {
        states.push(state);
        trafficAt.push({ state, stats: sim.control.stats() });
      },
      onConnected: () => connects++,
    },
  });
  client.start();
  await waitFor(() => (connects > 0 ? true : undefined), 8_000, 'connected');
  return { sim, client, states, trafficAt, connects: () => connects };
}

describe('one rate-limit gate for WS API and REST', () => {
  it('a REST 429 with Retry-After pauses WS API and REST requests alike; nothing is sent until it ends', async () => {
    const { sim, client: live } = await connectedClient();
    sim.control.rateLimit({ status: 429, retryAfterMs: 2_000 });
    await expect(live.leverageBrackets()).rejects.toMatchObject({ kind: 'rate-limit', status: 429 });
    expect(live.connectionState).toBe('degraded');
    const during = sim.control.stats();
    // Every kind of request is refused here, without going out.
    await expect(live.fetchPositions()).rejects.toMatchObject({ kind: 'rate-limit' });
    await expect(live.symbols()).rejects.toMatchObject({ kind: 'rate-limit' });
    await expect(live.leverageBrackets()).rejects.toMatchObject({ kind: 'rate-limit' });
    expect(sim.control.stats()).toEqual(during);
    // The pause ends at the Retry-After time; then requests flow again.
    await waitFor(() => (live.connectionState === 'live' ? true : undefined), 8_000, 'the pause to end');
    sim.control.resetRateLimits();
    const rows = await live.fetchPositions();
    expect(rows.filter((row) => Number(row.positionAmt) !== 0).length).toBe(sim.truth('oneway').filter((row) => Number(row.positionAmt) !== 0).length);
    expect(sim.control.stats().wsApiRequests).toBe(during.wsApiRequests + 1);
  });

  it('a REST 418 with Retry-After stops everything — requests, handshakes, clock — until the ban ends', async () => {
    const { sim, client: live, trafficAt } = await connectedClient();
    sim.control.rateLimit({ status: 418, retryAfterMs: 2_000 });
    await expect(live.leverageBrackets()).rejects.toMatchObject({ kind: 'banned', status: 418 });
    expect(live.connectionState).toBe('banned');
    await expect(live.fetchPositions()).rejects.toMatchObject({ kind: 'banned' });
    await expect(live.symbols()).rejects.toMatchObject({ kind: 'banned' });
    live.reconnect(); // the user's button does nothing during a ban: it would extend it
    await waitFor(() => (live.connectionState === 'live' ? true : undefined), 10_000, 'the client back after the ban');
    const entered = trafficAt.findIndex((entry) => entry.state === 'banned');
    const left = trafficAt[entered + 1]!;
    expect(left.state).not.toBe('banned');
    expect(left.stats).toEqual(trafficAt[entered]!.stats);
  });
});

describe('the clock is measured once per connect attempt at most', () => {
  it('reconnects within minutes reuse the offset: one /fapi/v1/time for the whole run', async () => {
    const { sim, connects } = await connectedClient();
    expect(sim.control.stats().restRequests).toBe(1);
    for (let drop = 1; drop <= 3; drop++) {
      sim.control.dropConnections({ mode: 'abrupt' });
      await waitFor(() => (connects() === drop + 1 ? true : undefined), 8_000, `reconnect ${drop}`);
    }
    expect(sim.control.stats().restRequests).toBe(1);
    expect(sim.control.stats().handshakes.wsApi).toBe(4);
  });

  it('with the offset too old to reuse, each attempt asks exactly once', async () => {
    const { sim, connects } = await connectedClient({ clockReuseMs: 0 });
    for (let drop = 1; drop <= 3; drop++) {
      sim.control.dropConnections({ mode: 'abrupt' });
      await waitFor(() => (connects() === drop + 1 ? true : undefined), 8_000, `reconnect ${drop}`);
    }
    // One time request per WS API handshake: per connect attempt, never three.
    const stats = sim.control.stats();
    expect(stats.restRequests).toBe(stats.handshakes.wsApi);
    expect(stats.handshakes.wsApi).toBeGreaterThanOrEqual(4);
  });
});
