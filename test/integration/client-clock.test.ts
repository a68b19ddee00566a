/**
 * The client against the simulator when this computer's clock jumps after connecting: the exchange
 * answers -1021, the client re-measures the offset and retries once, and the trader sees positions.
 */
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../electron/exchange/signing';
import { waitFor } from '../support/wait';
import { createTestClient, startTestSimulator } from '../support/simulator-client';

describe('clock skew', () => {
  it.each([
    ['ahead by 5 s', 5_000],
    ['behind by 7 s', -7_000],
  ])('local clock %s after connecting: resync and retry once, then success', async (_name, jump) => {
    const simulator = await startTestSimulator({ seed: 5 });
    const account = simulator.accounts.find((a) => a.name === 'oneway')!;
    let skew = 0;
    const notices: string[] = [];
    let connected = false;
    const client = createTestClient({
      endpoints: simulator.urls,
      signer: createSigner({ apiKey: account.apiKey, secret: account.secret }),
      now: () => Date.now() + skew,
      events: { onConnected: () => (connected = true), onNotice: (_kind, message) => notices.push(message) },
    });
    client.start();
    await waitFor(() => (connected ? true : undefined), 5_000, 'connected');
    // Loopback: the midpoint estimate is off by at most half a round trip (loose under load).
    expect(Math.abs(client.metrics.clockOffsetMs ?? 9_999)).toBeLessThan(500);
    skew = jump;
    const rows = await client.fetchPositions();
    expect(rows.filter((row) => Number(row.positionAmt) !== 0)).toHaveLength(
      simulator.truth('oneway').filter((row) => Number(row.positionAmt) !== 0).length,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/clock re-synchronised/);
    // The new offset cancels the jump.
    expect(Math.abs((client.metrics.clockOffsetMs ?? 0) + jump)).toBeLessThan(500);
  });
});
