/**
 * A whole-account `account.position` reply with a malformed row, over real sockets: a relay on
 * 127.0.0.1 in front of the simulator's WS API breaks one row of every positions reply. The client
 * keeps every other row (equal to the simulator's truth), counts each drop, and tells the timeline
 * once per connection, naming the symbol and the field — not the row.
 */
import { describe, expect, it } from 'vitest';
import { connectThroughRelay } from '../../support/simulator-client';
import type { RelayHooks } from '../../support/ws-relay';

/** Turns `symbol`'s positionAmt into a number in every list reply. */
function breakRowsOf(symbol: string): RelayHooks {
  return {
    rewrite: (reply) =>
      Array.isArray(reply.result)
        ? { ...reply, result: reply.result.map((row: Record<string, unknown>) => (row.symbol === symbol ? { ...row, positionAmt: 12 } : row)) }
        : reply,
  };
}

const open = (rows: Array<{ symbol: string; positionSide: string; positionAmt: string }>): string[] =>
  rows.filter((row) => Number(row.positionAmt) !== 0).map((row) => `${row.symbol}:${row.positionSide}:${row.positionAmt}`).sort();

describe('a malformed row in a whole-account reply', () => {
  it('is dropped and counted; the other rows equal the truth; the timeline hears of it once', async () => {
    const notices: Array<[string, string]> = [];
    const { simulator, client } = await connectThroughRelay({
      simulator: { seed: 4, markIntervalMs: 60_000 },
      account: 'oneway',
      hooks: breakRowsOf('ETHUSDT'),
      events: { onNotice: (kind, message) => notices.push([kind, message]) },
    });

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
