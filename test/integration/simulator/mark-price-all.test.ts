/**
 * `!markPrice@arr@1s` and `!markPrice@arr` (PROTOCOL §7): one JSON array per tick with every
 * trading symbol's markPriceUpdate, every tick and every third tick respectively.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../electron/simulator';
import { type MarkFrame, Peer } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  peers.push(peer);
  return peer;
}

describe('all-market mark price streams', () => {
  it('!markPrice@arr@1s: an array of every trading symbol, each a markPriceUpdate', async () => {
    sim = await startSimulator({ markIntervalMs: 30 });
    const info = (await (await fetch(`${sim.urls.rest}/fapi/v1/exchangeInfo`)).json()) as { symbols: { symbol: string; status: string }[] };
    const trading = info.symbols.filter((s) => s.status === 'TRADING').map((s) => s.symbol);
    const peer = await open(`${sim.urls.market}/ws/!markPrice@arr@1s`);
    const frame = await peer.take<MarkFrame[]>(Array.isArray);
    expect(frame.map((m) => m.s)).toEqual(trading);
    expect(frame.every((m) => m.e === 'markPriceUpdate' && /^\d+\.\d{8}$/.test(m.p))).toBe(true);
    expect(new Set(frame.map((m) => m.E)).size).toBe(1); // one tick, one event time
  });

  it('!markPrice@arr comes every third tick, with the same values as that tick\'s 1 s array', async () => {
    sim = await startSimulator({ markIntervalMs: 30 });
    const peer = await open(`${sim.urls.market}/stream?streams=!markPrice@arr@1s/!markPrice@arr`);
    const sequence: { stream: string; data: MarkFrame[] }[] = [];
    while (sequence.filter((f) => f.stream === '!markPrice@arr@1s').length < 9) sequence.push(await peer.take());
    const slowAt: number[] = [];
    let fast = 0;
    let lastFast: MarkFrame[] | undefined;
    for (const frame of sequence) {
      if (frame.stream === '!markPrice@arr@1s') {
        fast += 1;
        lastFast = frame.data;
      } else {
        slowAt.push(fast);
        expect(frame.data).toEqual(lastFast);
      }
    }
    expect(slowAt.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < slowAt.length; i++) expect(slowAt[i]! - slowAt[i - 1]!).toBe(3);
  });

  it('setMark shows in the array; a /public connection gets no mark prices', async () => {
    sim = await startSimulator({ markIntervalMs: 30 });
    const all = await open(`${sim.urls.market}/ws/!markPrice@arr@1s`);
    const publicPeer = await open(`${sim.urls.market.replace(/\/market$/, '/public')}/ws/!markPrice@arr@1s`);
    await all.take(Array.isArray);
    sim.setMark('ETHUSDT', '3333.33');
    let frame = await all.take<MarkFrame[]>(Array.isArray);
    while (frame.find((m) => m.s === 'ETHUSDT')!.p !== '3333.33000000') frame = await all.take<MarkFrame[]>(Array.isArray);
    await expect(publicPeer.take(() => true, 150)).rejects.toThrow();
  });
});
