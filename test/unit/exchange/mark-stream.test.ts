/**
 * What the mark stream makes of each frame: plain mark frames (the fast path) and every other form
 * (the full path) give the same ticks, and bad frames are reported, never turned into ticks.
 */
import { describe, expect, it } from 'vitest';
import { MarkPriceStream } from '../../../electron/exchange/market-stream';
import type { MarkTick } from '../../../electron/exchange/wire';
import { StandInSocket } from '../../support/stand-in-socket';

const payload = { e: 'markPriceUpdate', E: 1_700_000_000_000, s: 'BTCUSDT', p: '97000.10000000', ap: '97000.1', P: '97001', i: '97002', r: '0.00010000', T: 1_700_006_400_000 };
const tick: MarkTick = { symbol: 'BTCUSDT', markPrice: '97000.10000000', eventTime: 1_700_000_000_000, fundingRate: '0.00010000', nextFundingTime: 1_700_006_400_000 };

function stream(): { peer: StandInSocket; ticks: MarkTick[]; bad: string[]; frames: () => number } {
  const peer = new StandInSocket();
  const ticks: MarkTick[] = [];
  const bad: string[] = [];
  let frames = 0;
  new MarkPriceStream(peer.socket, { onTick: (t) => ticks.push(t), onBadFrame: (reason) => bad.push(reason), onFrame: () => frames++ });
  return { peer, ticks, bad, frames: () => frames };
}

describe('MarkPriceStream frames', () => {
  it('reads a mark frame the same in the exchange\'s layout and in any other JSON layout', () => {
    const { peer, ticks, bad } = stream();
    peer.deliver(JSON.stringify({ stream: 'btcusdt@markPrice@1s', data: payload }));
    peer.deliver(JSON.stringify({ stream: 'btcusdt@markPrice@1s', data: payload }, null, 2));
    peer.deliver(JSON.stringify({ data: payload, stream: 'btcusdt@markPrice@1s' }).replace('BTCUSDT', 'BTC\\u0055SDT'));
    expect(ticks).toStrictEqual([tick, tick, tick]);
    expect(bad).toStrictEqual([]);
  });

  it('reports bad frames with their reason and makes no tick of them', () => {
    const { peer, ticks, bad, frames } = stream();
    peer.deliver('not JSON {');
    peer.deliver(new Uint8Array([0x7b, 0x7d]), true);
    peer.deliver(JSON.stringify({ stream: 'btcusdt@markPrice@1s', data: { ...payload, p: '1e309' } }));
    peer.deliver(JSON.stringify({ stream: 'btcusdt@markPrice@1s', data: payload }).replace('"E":1700000000000', `"E":${'9'.repeat(20)}`));
    peer.deliver(JSON.stringify({ stream: 'btcusdt@markPrice@1s', data: payload }).slice(0, 80));
    peer.deliver(JSON.stringify({ id: 1, error: { code: 2, msg: 'Invalid request' } }));
    peer.deliver(JSON.stringify({ id: 1, result: null }));
    expect(ticks).toStrictEqual([]);
    expect(bad).toStrictEqual([
      'not JSON',
      'not JSON',
      'unexpected payload on btcusdt@markPrice@1s',
      'unexpected payload on btcusdt@markPrice@1s',
      'not JSON',
      'control error 2',
    ]);
    expect(frames()).toBe(7);
  });
});
