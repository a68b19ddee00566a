/**
 * A quoting bot on the same account (PROTOCOL §13.6): many ORDER_TRADE_UPDATE events, none a fill,
 * no ACCOUNT_UPDATE, no position change — bounded, and stopped with the simulator.
 */
import { describe, expect, it } from 'vitest';
import type { Peer } from './helpers';
import { type LiveEvent, liveSimulators } from './live-helpers';

const start = liveSimulators();

interface OrderEvent extends LiveEvent {
  T: number;
  o: { s: string; x: string; X: string; i: number; o: string; l: string; z: string; ps: string; p: string; b: string; a: string };
}

/** Waits until `count` matching messages are in, then drains them (bounded). */
async function collect(peer: Peer, count: number, match: (m: LiveEvent) => boolean): Promise<LiveEvent[]> {
  const got: LiveEvent[] = [];
  while (got.length < count) got.push(await peer.take<LiveEvent>(match, 5_000));
  return got;
}

describe('quote floods', () => {
  it('NEW / AMENDMENT / CANCELED / EXPIRED for every order, no fills, no ACCOUNT_UPDATE, positions unchanged', async () => {
    const { sim, userStream } = await start({ now: undefined });
    const events = await userStream('oneway');
    const before = sim.truth('oneway');
    const orders = sim.control.quote({ account: 'oneway', symbol: 'ETHUSDT', ordersPerSecond: 100, durationMs: 300 });
    expect(orders).toBe(30);
    // Every order ends CANCELED or EXPIRED: 30 terminal events in all.
    const isOrder = (m: LiveEvent) => m.e === 'ORDER_TRADE_UPDATE';
    const terminal = (m: LiveEvent) => isOrder(m) && ['CANCELED', 'EXPIRED'].includes((m as OrderEvent).o.x);
    await collect(events, orders, terminal);
    const rest = events.drain<LiveEvent>(isOrder);
    expect(rest).toBeGreaterThanOrEqual(orders); // the NEWs (and AMENDMENTs) arrived too
    expect(events.drain<LiveEvent>(() => true)).toBe(0); // nothing else: no ACCOUNT_UPDATE
    expect(sim.truth('oneway')).toEqual(before);
  });

  it('the events look like a resting limit order\'s: same id from NEW to the end, nothing filled, bid/ask notional while open', async () => {
    const { sim, userStream } = await start({ now: undefined });
    const events = await userStream('hedge');
    sim.control.quote({ account: 'hedge', symbol: 'BTCUSDT', ordersPerSecond: 50, durationMs: 60 });
    const isOrder = (m: LiveEvent) => m.e === 'ORDER_TRADE_UPDATE';
    const lifecycle: OrderEvent[] = [];
    // The first order: NEW then CANCELED.
    lifecycle.push(...((await collect(events, 2, isOrder)) as OrderEvent[]));
    const [created, cancelled] = lifecycle;
    expect(created!.o).toMatchObject({ s: 'BTCUSDT', x: 'NEW', X: 'NEW', o: 'LIMIT', l: '0', z: '0', ps: 'LONG', a: '0' });
    expect(Number(created!.o.b)).toBeGreaterThan(0);
    expect(Number(created!.o.p)).toBeLessThan(104250); // a passive bid below the mark
    expect(cancelled!.o).toMatchObject({ x: 'CANCELED', X: 'CANCELED', i: created!.o.i, b: '0' });
    expect(cancelled!.E).toBeGreaterThan(created!.E);
    expect(created!.E).toBeGreaterThan(created!.T);
  });

  it('is bounded: more than 200 orders/s or 60 s is refused; closing the simulator stops a running flood', async () => {
    const { sim } = await start();
    expect(sim.control.run({ command: 'quote', account: 'oneway', symbol: 'ETHUSDT', ordersPerSecond: 201, durationMs: 1000 }).ok).toBe(false);
    expect(sim.control.run({ command: 'quote', account: 'oneway', symbol: 'ETHUSDT', ordersPerSecond: 10, durationMs: 60_001 }).ok).toBe(false);
    expect(sim.control.run({ command: 'quote', account: 'oneway', symbol: 'NOPEUSDT', ordersPerSecond: 10, durationMs: 100 }).ok).toBe(false);
    sim.control.quote({ account: 'oneway', symbol: 'ETHUSDT', ordersPerSecond: 10, durationMs: 60_000 });
    await sim.close(); // resolves with the flood's timer cleared (vitest would report a leak otherwise)
  });
});
