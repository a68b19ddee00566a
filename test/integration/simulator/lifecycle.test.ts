import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/simulator';
import { Peer } from './helpers';

/** Counts of the handle types a simulator owns: listening servers, sockets and timers. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = { TCPServerWrap: 0, TCPSocketWrap: 0, Timeout: 0 };
  for (const type of process.getActiveResourcesInfo()) if (type in counts) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Waits (bounded) until no handle type is above its baseline. Only "above" is a leak: the test
 * runner owns transient timers of its own that may be gone by then.
 */
async function handlesBackTo(baseline: Record<string, number>): Promise<Record<string, number>> {
  const above = (now: Record<string, number>) => Object.keys(baseline).some((type) => now[type]! > baseline[type]!);
  for (let i = 0; i < 50 && above(handles()); i++) await settle();
  return handles();
}

describe('simulator lifecycle', () => {
  it('close() terminates every socket, the server and the ticker, leaving no handles', async () => {
    await settle();
    const baseline = handles();
    const sim = await startSimulator({ markIntervalMs: 20 });
    const running = handles();
    expect(running.TCPServerWrap).toBe(baseline.TCPServerWrap! + 1);
    expect(running.Timeout).toBeGreaterThan(baseline.Timeout!);

    const api = await Peer.open(sim.urls.wsApi);
    const market = await Peer.open(`${sim.urls.market}/ws/btcusdt@markPrice@1s`);
    const priv = await Peer.open(`${sim.urls.private}/stream?streams=`);
    await market.take();
    const closed = [api, market, priv].map(
      (peer) => new Promise<void>((resolve) => peer.socket.once('close', () => resolve())),
    );

    await sim.close();
    await Promise.all(closed);
    const after = await handlesBackTo(baseline);
    for (const type of Object.keys(baseline)) expect(after[type], type).toBeLessThanOrEqual(baseline[type]!);
    await expect(fetch(`${sim.urls.rest}/fapi/v1/time`)).rejects.toThrow();
  });

  it('close() is idempotent', async () => {
    const sim = await startSimulator();
    await Promise.all([sim.close(), sim.close()]);
    await sim.close();
  });

  it('rejects invalid options instead of starting', async () => {
    await expect(startSimulator({ port: -1 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ markIntervalMs: 0 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ seed: 1.5 })).rejects.toThrow(RangeError);
  });
});
