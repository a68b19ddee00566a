/**
 * 100 reconnect cycles against the simulator: afterwards the exchange sees exactly one connection of
 * each kind (nothing leaked), marks flow once per tick, and the process holds no more timers or
 * sockets than after the first connect.
 */
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../electron/exchange/signing';
import { waitFor } from '../support/wait';
import { createTestClient, startTestSimulator } from '../support/simulator-client';

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('reconnect cycles', () => {
  it('100 drops: one connection of each kind remains, no duplicate ticks, no growth in timers or sockets', async () => {
    const simulator = await startTestSimulator({ seed: 4, markIntervalMs: 100, control: true });
    const account = simulator.accounts[0]!;
    let connects = 0;
    const ticks: Array<[string, number]> = [];
    const client = createTestClient({
      endpoints: simulator.urls,
      signer: createSigner({ apiKey: account.apiKey, secret: account.secret }),
      backoff: { firstMs: 20, capMs: 50 },
      events: { onConnected: () => connects++, onTick: (tick) => ticks.push([tick.symbol, tick.eventTime]) },
    });
    client.followMarks(['BTCUSDT', 'ETHUSDT']);
    client.start();
    await waitFor(() => (connects === 1 ? true : undefined), 8_000, 'first connect');
    await waitFor(() => (ticks.length > 2 ? true : undefined), 5_000, 'first ticks');
    const baseline = resources();

    for (let cycle = 1; cycle <= 100; cycle++) {
      expect(simulator.control.dropConnections({ mode: cycle % 2 === 0 ? 'abrupt' : 'clean' })).toBe(3);
      await waitFor(() => (connects === cycle + 1 ? true : undefined), 8_000, `reconnect ${cycle}`);
    }

    // Marks flow again, each (symbol, event time) exactly once: no stream is subscribed twice.
    ticks.length = 0;
    await waitFor(() => (ticks.filter(([symbol]) => symbol === 'ETHUSDT').length >= 5 ? true : undefined), 5_000, 'ticks');
    const seen = ticks.map(([symbol, time]) => `${symbol}@${time}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(ticks.map(([symbol]) => symbol))).toEqual(new Set(['BTCUSDT', 'ETHUSDT']));

    // Exactly the three live connections are left on the exchange's side.
    expect(simulator.control.dropConnections({ mode: 'clean' })).toBe(3);
    await waitFor(() => (connects === 102 ? true : undefined), 8_000, 'last reconnect');

    const after = resources();
    for (const kind of ['Timeout', 'TCPSocketWrap']) {
      expect(after[kind] ?? 0, kind).toBeLessThanOrEqual((baseline[kind] ?? 0) + 2);
    }
  });
});
