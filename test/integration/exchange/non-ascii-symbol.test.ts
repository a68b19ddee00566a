/**
 * A snapshot of the symbol named in Chinese, over real sockets, with a relay recording every request:
 * the client never signs `symbol=币安人生USDT` — it asks for the whole account and keeps that symbol's
 * rows, which equal the simulator's truth — while an ASCII symbol is still asked for by name.
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

const CHINESE = '币安人生USDT';

describe('a symbol outside A-Z a-z 0-9 - _ . ~ is never signed', () => {
  it('its snapshot is the whole account filtered here, equal to the truth', async () => {
    simulator = await startSimulator({ seed: 3, markIntervalMs: 60_000 });
    const requests: Array<{ method?: unknown; params?: Record<string, unknown> }> = [];
    relay = await startRelay(simulator.urls.wsApi, { onRequest: (request) => requests.push(request) });
    const account = simulator.accounts.find((candidate) => candidate.name === 'oneway')!;
    let connected = false;
    client = new ExchangeClient({
      endpoints: { ...simulator.urls, wsApi: relay.url },
      signer: createSigner({ apiKey: account.apiKey, secret: account.secret }),
      events: { onConnected: () => (connected = true) },
    });
    client.start();
    await waitFor(() => (connected ? true : undefined), 8_000, 'connected');

    const rows = await client.fetchPositions(CHINESE);
    const truth = simulator.truth('oneway').filter((row) => row.symbol === CHINESE);
    expect(truth.length).toBeGreaterThan(0);
    expect(rows.map((row) => [row.symbol, row.positionSide, row.positionAmt])).toEqual(truth.map((row) => [row.symbol, row.positionSide, row.positionAmt]));
    await client.fetchPositions('BTCUSDT');

    const positionRequests = requests.filter((request) => request.method === 'account.position');
    expect(positionRequests.map((request) => request.params?.symbol)).toEqual([undefined, 'BTCUSDT']);
    const sent = JSON.stringify(requests);
    expect(sent).not.toContain(CHINESE);
  });
});
