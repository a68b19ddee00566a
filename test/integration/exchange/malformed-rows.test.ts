/**
 * A whole-account `account.position` reply with a malformed row, over real sockets: a relay on
 * 127.0.0.1 in front of the simulator's WS API breaks one row of every positions reply. The client
 * keeps every other row (equal to the simulator's truth), counts each drop, and tells the timeline
 * once per connection, naming the symbol and the field — not the row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeClient } from '../../../electron/exchange/client';
import { createSigner } from '../../../electron/exchange/signing';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { waitFor } from '../../support/wait';
import { startRelay, type Relay } from './relay';

let simulator: RunningSimulator | null = null;
let client: ExchangeClient | null = null;
let relay: Relay | null = null;
afterEach(async () => {
  client?.stop();
  await relay?.close();
  await simulator?.close();
  client = null;
  relay = null;
  simulator = null;
});

/** Relays to `upstream`, turning `symbol`'s positionAmt into a number in every list reply. */
async function breakingRelay(upstream: string, symbol: string): Promise<string> {
  relay = await startRelay(upstream, {
    rewrite: (reply) =>
      Array.isArray(reply.result)
        ? { ...reply, result: reply.result.map((row: Record<string, unknown>) => (row.symbol === symbol ? { ...row, positionAmt: 12 } : row)) }
        : reply,
  });
  return relay.url;
}

const open = (rows: Array<{ symbol: string; positionSide: string; positionAmt: string }>): string[] =>
  rows.filter((row) => Number(row.positionAmt) !== 0).map((row) => `${row.symbol}:${row.positionSide}:${row.positionAmt}`).sort();

describe('a malformed row in a whole-account reply', () => {
  it('is dropped and counted; the other rows equal the truth; the timeline hears of it once', async () => {
    simulator = await startSimulator({ seed: 4, markIntervalMs: 60_000 });
    const wsApi = await breakingRelay(simulator.urls.wsApi, 'ETHUSDT');
    const account = simulator.accounts.find((candidate) => candidate.name === 'oneway')!;
    const notices: Array<[string, string]> = [];
    let connected = false;
    client = new ExchangeClient({
      endpoints: { ...simulator.urls, wsApi },
      signer: createSigner({ apiKey: account.apiKey, secret: account.secret }),
      events: { onConnected: () => (connected = true), onNotice: (kind, message) => notices.push([kind, message]) },
    });
    client.start();
    await waitFor(() => (connected ? true : undefined), 8_000, 'connected');

    const truth = simulator.truth('oneway');
    expect(open(truth).some((key) => key.startsWith('ETHUSDT:'))).toBe(true);
    expect(open(truth).some((key) => key.startsWith('币安人生USDT:'))).toBe(true);
    for (let round = 0; round < 3; round++) {
      const rows = await client.fetchPositions();
      expect(open(rows)).toEqual(open(truth).filter((key) => !key.startsWith('ETHUSDT:')));
    }
    expect(client.metrics.malformedRows).toBe(3);
    expect(notices).toEqual([
      ['error', 'The exchange\'s account.position reply: 1 malformed row was dropped and the rest used (first: symbol "ETHUSDT", field positionAmt).'],
    ]);
  });
});
