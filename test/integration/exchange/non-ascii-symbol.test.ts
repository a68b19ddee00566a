/**
 * A snapshot of the symbol named in Chinese, over real sockets, with a relay recording every request:
 * the client never signs `symbol=币安人生USDT` — it asks for the whole account and keeps that symbol's
 * rows, which equal the simulator's truth — while an ASCII symbol is still asked for by name.
 */
import { describe, expect, it } from 'vitest';
import { connectThroughRelay } from '../../support/simulator-client';

const CHINESE = '币安人生USDT';

describe('a symbol outside A-Z a-z 0-9 - _ . ~ is never signed', () => {
  it('its snapshot is the whole account filtered here, equal to the truth', async () => {
    const requests: Array<{ method?: unknown; params?: Record<string, unknown> }> = [];
    const { simulator, client } = await connectThroughRelay({
      simulator: { seed: 3, markIntervalMs: 60_000 },
      account: 'oneway',
      hooks: { onRequest: (request) => requests.push(request) },
    });

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
