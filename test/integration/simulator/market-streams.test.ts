import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../electron/simulator';
import { type MarkFrame, Peer } from './helpers';

let sim: RunningSimulator | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  sim = await startSimulator({ markIntervalMs: 50, ...options });
  return sim;
}

async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  peers.push(peer);
  return peer;
}

interface Combined {
  stream: string;
  data: MarkFrame;
}

const isMark = (symbol: string) => (message: MarkFrame) => message.e === 'markPriceUpdate' && message.s === symbol;
const onStream = (stream: string) => (message: Combined) => message.stream === stream;

describe('simulator market streams', () => {
  it('raw /market/ws/<stream> delivers the documented markPriceUpdate payload', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws/btcusdt@markPrice@1s`);
    const frame = await peer.take(isMark('BTCUSDT'));
    expect(Object.keys(frame)).toEqual(['e', 'E', 's', 'p', 'ap', 'i', 'P', 'r', 'T']);
    for (const key of ['p', 'ap', 'i', 'P', 'r'] as const) expect(frame[key]).toMatch(/^-?\d+\.\d{8}$/);
    expect(typeof frame.E).toBe('number');
    expect(frame.T % (8 * 3_600_000)).toBe(0);
    expect(frame.T).toBeGreaterThan(frame.E);
  });

  it('combined /market/stream?streams=a/b wraps each payload as {stream, data}', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/stream?streams=btcusdt@markPrice@1s/ethusdt@markPrice@1s`);
    const eth = await peer.take(onStream('ethusdt@markPrice@1s'));
    expect(Object.keys(eth)).toEqual(['stream', 'data']);
    expect(eth.data.s).toBe('ETHUSDT');
    expect((await peer.take(onStream('btcusdt@markPrice@1s'))).data.s).toBe('BTCUSDT');
  });

  it('the mark price moves and event times advance', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws/btcusdt@markPrice@1s`);
    const frames: MarkFrame[] = [];
    for (let i = 0; i < 5; i++) frames.push(await peer.take(isMark('BTCUSDT')));
    expect(new Set(frames.map((f) => f.p)).size).toBeGreaterThan(1);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.E).toBeGreaterThanOrEqual(frames[i - 1]!.E);
  });

  it('@markPrice comes every third @markPrice@1s tick, with the same tick\'s values', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/stream?streams=solusdt@markPrice@1s/solusdt@markPrice`);
    // Frames in arrival order; within a tick the 1 s frame is sent before the 3 s one.
    const sequence: Combined[] = [];
    while (sequence.filter(onStream('solusdt@markPrice@1s')).length < 10) sequence.push(await peer.take<Combined>());
    const fastSeen: number[] = [];
    let fast = 0;
    let lastFast: Combined | undefined;
    for (const frame of sequence) {
      if (frame.stream === 'solusdt@markPrice@1s') {
        fast += 1;
        lastFast = frame;
      } else {
        fastSeen.push(fast);
        expect(frame.data).toEqual(lastFast?.data); // same tick: same E, same prices
      }
    }
    expect(fastSeen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < fastSeen.length; i++) expect(fastSeen[i]! - fastSeen[i - 1]!).toBe(3);
  });

  it('SUBSCRIBE, LIST_SUBSCRIPTIONS and UNSUBSCRIBE on an idle /market/ws/0 connection', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws/0`);
    peer.send({ method: 'SUBSCRIBE', params: ['ethusdt@markPrice@1s'], id: 1 });
    expect(await peer.take((m: { id?: unknown }) => m.id === 1)).toEqual({ result: null, id: 1 });
    expect((await peer.take(isMark('ETHUSDT'))).s).toBe('ETHUSDT');

    const hex = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    peer.send({ method: 'LIST_SUBSCRIPTIONS', id: hex });
    const list = await peer.take((m: { id?: unknown }) => m.id === hex);
    expect(list).toEqual({ result: ['0', 'ethusdt@markPrice@1s'], id: hex });

    peer.send({ method: 'UNSUBSCRIBE', params: ['ethusdt@markPrice@1s'], id: 2 });
    expect(await peer.take((m: { id?: unknown }) => m.id === 2)).toEqual({ result: null, id: 2 });
    // Frames sent before the reply arrived before it; none may follow it (four ticks of 50 ms).
    peer.drain(isMark('ETHUSDT'));
    await expect(peer.take(isMark('ETHUSDT'), 200)).rejects.toThrow();
  });

  it('an empty combined connection is idle until SUBSCRIBE; unknown streams carry nothing', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/stream?streams=`);
    peer.send({ method: 'SUBSCRIBE', params: ['nosuchusdt@markPrice@1s', 'xrpusdt@markPrice@1s'], id: 9 });
    expect(await peer.take((m: { id?: unknown }) => m.id === 9)).toEqual({ result: null, id: 9 });
    const first = await peer.take<Combined>(() => true);
    expect(first.stream).toBe('xrpusdt@markPrice@1s');
    await expect(peer.take(onStream('nosuchusdt@markPrice@1s'), 200)).rejects.toThrow();
  });

  it('control errors carry the documented codes', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws`);
    const reply = async (message: unknown, id: unknown) => {
      peer.send(message);
      return peer.take((m: { error?: unknown; id?: unknown }) => m.error !== undefined && m.id === id);
    };
    expect(await reply('not json', null)).toMatchObject({ error: { code: 3 }, id: null });
    expect(await reply({ method: 'LIST_SUBSCRIPTIONS', id: -4 }, null)).toMatchObject({ error: { code: 2 } });
    const unknown = (await reply({ method: 'FOO', id: 5 }, 5)) as { error: { code: number; msg: string } };
    expect(unknown.error.code).toBe(2);
    expect(unknown.error.msg).toMatch(/^Invalid request/);
    const property = await reply({ method: 'SET_PROPERTY', params: ['speed', 1], id: 6 }, 6);
    expect(property).toEqual({ error: { code: 0, msg: 'Unknown property' }, id: 6 });
    const value = await reply({ method: 'SET_PROPERTY', params: ['combined', 1], id: 7 }, 7);
    expect(value).toMatchObject({ error: { code: 1 } });
  });

  it('SET_PROPERTY combined switches a raw connection to wrapped frames', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws/dogeusdt@markPrice@1s`);
    peer.send({ method: 'SET_PROPERTY', params: ['combined', true], id: 1 });
    expect(await peer.take((m: { id?: unknown }) => m.id === 1)).toEqual({ result: null, id: 1 });
    expect((await peer.take(onStream('dogeusdt@markPrice@1s'))).data.s).toBe('DOGEUSDT');
  });

  it('setMark is reflected in the next frame', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws/btcusdt@markPrice@1s`);
    await peer.take(isMark('BTCUSDT'));
    const setAt = Date.now();
    running.setMark('BTCUSDT', '98765.4321');
    // Frames produced before setMark may still be in flight; the first one produced after it
    // must carry the forced price, unmoved.
    let frame = await peer.take(isMark('BTCUSDT'));
    while (frame.p !== '98765.43210000') {
      expect(frame.E).toBeLessThanOrEqual(setAt);
      frame = await peer.take(isMark('BTCUSDT'));
    }
    // The walk then resumes from the forced price rather than from where it was.
    const after = await peer.take(isMark('BTCUSDT'));
    expect(Math.abs(Number(after.p) / 98765.4321 - 1)).toBeLessThan(0.01);
  });

  it('accepts /public and /private connections, and refuses unknown paths', async () => {
    const running = await start();
    await open(`${running.urls.private}/stream?streams=`);
    const publicUrl = running.urls.market.replace(/\/market$/, '/public');
    await open(`${publicUrl}/ws/btcusdt@markPrice@1s`);
    await expect(Peer.open(running.urls.market.replace(/\/market$/, '/nowhere'))).rejects.toThrow(/404/);
    await expect(Peer.open(`${running.urls.market}/ws/bad%20name`)).rejects.toThrow(/404/);
  });

  it('disconnects a client sending more than 10 messages a second', async () => {
    const running = await start();
    const peer = await open(`${running.urls.market}/ws`);
    const closed = new Promise<number>((resolve) => peer.socket.once('close', (code) => resolve(code)));
    for (let i = 0; i < 12; i++) peer.send({ method: 'LIST_SUBSCRIPTIONS', id: i });
    expect(await closed).toBe(1008);
  });
});
