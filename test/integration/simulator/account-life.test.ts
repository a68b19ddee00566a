/**
 * The account model over the wire: liquidation when the mark crosses the LP, funding every
 * `fundingIntervalMs`, the activity generator, and the mixed and large scenarios.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW, Peer, sign } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  sim = await startSimulator({ now: () => FROZEN_NOW, markIntervalMs: 60_000, ...options });
  return sim;
}

async function userStream(running: RunningSimulator, name: 'oneway' | 'hedge'): Promise<Peer> {
  const api = await Peer.open(running.urls.wsApi);
  peers.push(api);
  const reply = await api.call({ id: 1, method: 'userDataStream.start', params: { apiKey: running.accounts.find((a) => a.name === name)!.apiKey } });
  const peer = await Peer.open(`${running.urls.private}/ws/${(reply.result as { listenKey: string }).listenKey}`);
  peers.push(peer);
  return peer;
}

interface Event {
  e: string;
  [key: string]: unknown;
}

describe('liquidation', () => {
  it('is pushed when the mark crosses the LP, and the position is gone from the truth', async () => {
    const running = await start();
    const peer = await userStream(running, 'oneway');
    const lp = running.truth('oneway').find((r) => r.symbol === 'XRPUSDT')!.liquidationPrice;
    running.setMark('XRPUSDT', (Number(lp) * 1.01).toFixed(4)); // a short, so above its LP
    const order = await peer.take<Event>((m) => m.e === 'ORDER_TRADE_UPDATE');
    expect(order.o).toMatchObject({ s: 'XRPUSDT', S: 'BUY', x: 'CALCULATED', o: 'LIQUIDATION', q: '5000.0' });
    const { L, ap } = order.o as { L: string; ap: string };
    expect([Number(L), Number(ap)]).toEqual([Number(lp), Number(lp)]); // closed at the LP, not at the mark
    expect((order.o as { c: string }).c).toMatch(/^autoclose-/);
    const update = await peer.take<Event>((m) => m.e === 'ACCOUNT_UPDATE');
    expect((update.a as { P: unknown[] }).P).toEqual([expect.objectContaining({ s: 'XRPUSDT', pa: '0', ps: 'BOTH' })]);
    expect(running.truth('oneway').find((r) => r.symbol === 'XRPUSDT')!.positionAmt).toBe('0.0');
  });

  it('happens on its own when the walk carries a mark past the LP', async () => {
    // mixed: the 50× DOGE long starts under 1 % above its LP; force the walk's next step there.
    const running = await start({ scenario: 'mixed', now: Date.now, markIntervalMs: 20 });
    const peer = await userStream(running, 'oneway');
    const lp = Number(running.truth('oneway').find((r) => r.symbol === 'DOGEUSDT')!.liquidationPrice);
    running.control.setMark('DOGEUSDT', (lp * 0.999).toFixed(6));
    const order = await peer.take<Event>((m) => m.e === 'ORDER_TRADE_UPDATE', 3_000);
    expect(order.o).toMatchObject({ s: 'DOGEUSDT', x: 'CALCULATED' });
  });
});

describe('funding', () => {
  it('every fundingIntervalMs: cross as balance-only FUNDING_FEE updates, isolated with their leg', async () => {
    const running = await start({ now: Date.now, fundingIntervalMs: 200 });
    const peer = await userStream(running, 'hedge');
    const first = await peer.take<Event>((m) => m.e === 'ACCOUNT_UPDATE', 3_000);
    const a = first.a as { m: string; B: { bc: string }[]; P: { s: string; ps: string }[] };
    expect(a.m).toBe('FUNDING_FEE');
    expect(a.P).toEqual([]); // hedge cross legs: BTC and BNB
    const isolated = [await peer.take<Event>((m) => m.e === 'ACCOUNT_UPDATE'), await peer.take<Event>((m) => m.e === 'ACCOUNT_UPDATE')];
    expect(isolated.map((e) => (e.a as { P: { s: string; ps: string }[] }).P.map((p) => `${p.s}:${p.ps}`))).toEqual([
      ['ETHUSDT:LONG'],
      ['ETHUSDT:SHORT'],
    ]);
    // Another round follows a period later.
    expect((await peer.take<Event>((m) => m.e === 'ACCOUNT_UPDATE', 3_000)).a).toMatchObject({ m: 'FUNDING_FEE' });
  });

  it('the mark stream announces the configured funding grid', async () => {
    const running = await start({ now: Date.now, markIntervalMs: 20, fundingIntervalMs: 3_600_000 });
    const peer = await Peer.open(`${running.urls.market}/ws/btcusdt@markPrice@1s`);
    peers.push(peer);
    const frame = await peer.take<{ T: number; E: number }>();
    expect(frame.T % 3_600_000).toBe(0);
    expect(frame.T - frame.E).toBeLessThanOrEqual(3_600_000);
  });
});

describe('activity and scenarios', () => {
  it('activity: true makes small fills that reach the user streams', async () => {
    const running = await start({ now: Date.now, activity: true, activityIntervalMs: 20 });
    const oneway = await userStream(running, 'oneway');
    const hedge = await userStream(running, 'hedge');
    const winner = await Promise.race([
      oneway.take<Event>((m) => m.e === 'ORDER_TRADE_UPDATE', 3_000),
      hedge.take<Event>((m) => m.e === 'ORDER_TRADE_UPDATE', 3_000),
    ]);
    expect(winner.o).toMatchObject({ o: 'MARKET', x: 'TRADE', X: 'FILLED' });
  });

  it('activity is off by default', async () => {
    const running = await start({ now: Date.now, activityIntervalMs: 10 });
    const before = JSON.stringify(running.truth('oneway'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(JSON.stringify(running.truth('oneway'))).toBe(before);
  });

  it('large: exchangeInfo lists the generated symbols and v2/account.position reports them', async () => {
    const running = await start({ scenario: 'large', symbols: 60 });
    const info = (await (await fetch(`${running.urls.rest}/fapi/v1/exchangeInfo`)).json()) as { symbols: { symbol: string }[] };
    expect(info.symbols.filter((s) => /^X\d{4}USDT$/.test(s.symbol)).length).toBe(60);
    const peer = await Peer.open(running.urls.wsApi);
    peers.push(peer);
    const { apiKey, secret } = running.accounts[0]!;
    const reply = await peer.call({ id: 1, method: 'v2/account.position', params: sign({ apiKey, timestamp: FROZEN_NOW }, secret) });
    expect((reply.result as unknown[]).length).toBe(5 + 60);
  });
});
