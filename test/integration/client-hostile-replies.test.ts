/**
 * The client over real sockets with a hostile WS API in front of the simulator: a proxy on 127.0.0.1
 * that wraps every reply in frames answering nothing pending — an unknown id, the id as a number, an
 * object id before it, and a duplicate carrying a 401 -2015 after it. The positions read still equal
 * the simulator's truth, the link stays live (the stale 401 is not taken for a revoked key), and
 * each junk frame is counted once.
 */
import { describe, expect, it } from 'vitest';
import { connectThroughRelay } from '../support/simulator-client';
import { waitFor } from '../support/wait';
import type { RelayHooks } from '../support/ws-relay';

/** Junk frames sent around each reply. */
const JUNK_PER_REPLY = 4;

/** Wraps every reply in junk; `replies` counts the real replies passed on. */
function hostileReplies(): RelayHooks & { replies: () => number } {
  let replies = 0;
  return {
    replies: () => replies,
    expand: (reply) => {
      if (typeof reply.id !== 'string') return [reply];
      replies++;
      return [
        { ...reply, id: `${reply.id}0` },
        { ...reply, id: Number(reply.id.replace(/\D/g, '')) },
        { ...reply, id: { id: reply.id } },
        reply,
        { id: reply.id, status: 401, error: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } },
      ];
    },
  };
}

const open = (rows: Array<{ symbol: string; positionSide: string; positionAmt: string }>): string[] =>
  rows.filter((row) => Number(row.positionAmt) !== 0).map((row) => `${row.symbol}:${row.positionSide}:${row.positionAmt}`).sort();

describe('hostile reply ids over real sockets', () => {
  it('positions equal the truth, the link stays live, and every junk frame is counted', async () => {
    const hostile = hostileReplies();
    const { simulator, client } = await connectThroughRelay({
      simulator: { seed: 6, markIntervalMs: 60_000 },
      account: 'hedge',
      hooks: hostile,
    });

    for (let round = 0; round < 3; round++) {
      expect(open(await client.fetchPositions())).toEqual(open(simulator.truth('hedge')));
    }
    const live = client;
    // The duplicate after the last reply may still be on its way: wait for its count.
    await waitFor(() => (live.metrics.badFrames === JUNK_PER_REPLY * hostile.replies() ? true : undefined), 5_000, 'junk counted');
    expect(hostile.replies()).toBe(4); // userDataStream.start and three snapshots
    expect(open(simulator.truth('hedge')).length).toBeGreaterThan(0);
    expect(client.connectionState).toBe('live');
  });
});
