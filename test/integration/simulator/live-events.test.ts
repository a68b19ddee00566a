/**
 * User data events as the live exchange sends them (PROTOCOL §13.4, §13.5, §13.7, §13.11), over
 * real sockets: `E` after `T`, trades sharing one `T`, the documented `"bep":"0"`, snapshots that
 * lag the stream, liquidation and ADL as CALCULATED fills, and the FAQ's break-even.
 */
import { describe, expect, it } from 'vitest';
import { FROZEN_NOW, type Peer } from './helpers';
import { type LiveEvent, liveSimulators } from './live-helpers';

const start = liveSimulators();

interface Order {
  s: string; c: string; S: string; o: string; x: string; X: string; q: string; l: string; z: string; L: string; ap: string; ps: string; R: boolean;
}
interface PRow { s: string; pa: string; ep: string; bep: string; ps: string }
type OrderEvent = LiveEvent & { T: number; o: Order };
type UpdateEvent = LiveEvent & { T: number; a: { m: string; P: PRow[] } };

const order = (peer: Peer) => peer.take<OrderEvent>((m) => m.e === 'ORDER_TRADE_UPDATE');
const update = (peer: Peer) => peer.take<UpdateEvent>((m) => m.e === 'ACCOUNT_UPDATE');

describe('event times', () => {
  it('E is a few ms after T, and increases from one event to the next', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('oneway');
    sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'BUY', qty: '1' });
    const trade = await order(events);
    const change = await update(events);
    expect(trade.T).toBe(FROZEN_NOW);
    expect(trade.E).toBeGreaterThan(trade.T);
    expect(trade.E - trade.T).toBeLessThan(10);
    expect(change.T).toBe(trade.T);
    expect(change.E).toBeGreaterThan(trade.E);
  });

  it('an order filled in two trades: two ORDER_TRADE_UPDATEs and two ACCOUNT_UPDATEs with one T, distinct E', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('oneway');
    sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'BUY', qty: '5', trades: 2 });
    const first = await order(events);
    const firstUpdate = await update(events);
    const second = await order(events);
    const secondUpdate = await update(events);
    expect(first.o).toMatchObject({ X: 'PARTIALLY_FILLED', x: 'TRADE', q: '5', l: '2', z: '2' });
    expect(second.o).toMatchObject({ X: 'FILLED', x: 'TRADE', q: '5', l: '3', z: '5' });
    expect(firstUpdate.a.P[0]!.pa).toBe('42');
    expect(secondUpdate.a.P[0]!.pa).toBe('45');
    expect(new Set([first.T, firstUpdate.T, second.T, secondUpdate.T])).toEqual(new Set([FROZEN_NOW]));
    const stamps = [first.E, firstUpdate.E, second.E, secondUpdate.E];
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(4);
    expect(sim.truth('oneway').find((r) => r.symbol === 'SOLUSDT')?.positionAmt).toBe('45');
  });

  it('bepZero: open rows carry the documented "bep":"0" while snapshots keep the real break-even', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('oneway');
    sim.control.bepZero(true);
    sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'BUY', qty: '10', price: '180' });
    expect((await update(events)).a.P[0]).toMatchObject({ s: 'SOLUSDT', pa: '50', bep: '0' });
    const truthBep = sim.truth('oneway').find((r) => r.symbol === 'SOLUSDT')!.breakEvenPrice;
    expect(Number(truthBep)).toBeGreaterThan(0);
    sim.control.bepZero(false);
    sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'BUY', qty: '10', price: '180' });
    expect(Number((await update(events)).a.P[0]!.bep)).toBeGreaterThan(0);
  });
});

describe('snapshots that lag the stream', () => {
  it('lagSnapshots: v1 and v2 answer the state of ms ago (its updateTime) while the stream is current', async () => {
    const { sim, userStream, call } = await start();
    const events = await userStream('oneway');
    sim.control.lagSnapshots(500);
    sim.control.fill({ account: 'oneway', symbol: 'DOGEUSDT', side: 'BUY', qty: '1000' });
    expect((await update(events)).a.P[0]).toMatchObject({ s: 'DOGEUSDT', pa: '1000' });
    const v1 = (await call('account.position', 'oneway', { symbol: 'DOGEUSDT' })).result as { positionAmt: string; updateTime: number }[];
    expect(v1).toEqual([expect.objectContaining({ positionAmt: '0', updateTime: 0 })]);
    expect((await call('v2/account.position', 'oneway', { symbol: 'DOGEUSDT' })).result).toEqual([]);
    // A position closed on the stream is still open in the lagging snapshot, with its old updateTime.
    const btcBefore = sim.truth('oneway').find((r) => r.symbol === 'BTCUSDT')!;
    sim.control.fill({ account: 'oneway', symbol: 'BTCUSDT', side: 'SELL', qty: '0.250' });
    const lagged = (await call('v2/account.position', 'oneway', { symbol: 'BTCUSDT' })).result as { positionAmt: string; updateTime: number }[];
    expect(lagged).toEqual([expect.objectContaining({ positionAmt: '0.250', updateTime: btcBefore.updateTime })]);
    expect(sim.truth('oneway').find((r) => r.symbol === 'BTCUSDT')!.positionAmt).toBe('0.000'); // the exchange knows
    sim.control.lagSnapshots(0);
    const current = (await call('account.position', 'oneway', { symbol: 'DOGEUSDT' })).result as { positionAmt: string; updateTime: number }[];
    expect(current).toEqual([expect.objectContaining({ positionAmt: '1000', updateTime: FROZEN_NOW })]);
  });
});

describe('liquidation and ADL as fills', () => {
  it('a liquidation: ORDER_TRADE_UPDATE CALCULATED / autoclose-… / FILLED for the whole leg at its price, then ACCOUNT_UPDATE', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('oneway');
    sim.setMark('BTCUSDT', '92000'); // the isolated long's LP is 92 019.21686747
    const fill = await order(events);
    expect(fill.o).toMatchObject({ s: 'BTCUSDT', x: 'CALCULATED', X: 'FILLED', o: 'LIQUIDATION', S: 'SELL', ps: 'BOTH', q: '0.250', l: '0.250', z: '0.250', R: true });
    expect(fill.o.c).toMatch(/^autoclose-\d+$/);
    expect(fill.o.L).toBe(fill.o.ap);
    expect(Number(fill.o.L)).toBeCloseTo(92019.21686747, 4);
    const after = await update(events);
    expect(after.a.P).toEqual([expect.objectContaining({ s: 'BTCUSDT', pa: '0', ps: 'BOTH' })]);
    expect(after.E).toBeGreaterThan(fill.E);
  });

  it('adl: part of a hedge leg at the mark with adl_autoclose, then ACCOUNT_UPDATE; the truth follows', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('hedge');
    const receipt = sim.control.adl({ account: 'hedge', symbol: 'BTCUSDT', positionSide: 'LONG', qty: '0.050' });
    expect(receipt.positionAmt).toBe('0.100');
    const fill = await order(events);
    expect(fill.o).toMatchObject({ s: 'BTCUSDT', c: 'adl_autoclose', x: 'CALCULATED', X: 'FILLED', S: 'SELL', ps: 'LONG', l: '0.050', z: '0.050', L: '104250.0', ap: '104250.0' });
    expect((await update(events)).a.P).toEqual([expect.objectContaining({ s: 'BTCUSDT', ps: 'LONG', pa: '0.1' })]);
    expect(sim.truth('hedge').find((r) => r.symbol === 'BTCUSDT' && r.positionSide === 'LONG')?.positionAmt).toBe('0.100');
    // The whole short leg by default; both legs open needs a side, a flat symbol has nothing to deleverage.
    expect(() => sim.control.adl({ account: 'hedge', symbol: 'BTCUSDT' })).toThrow(/positionSide/);
    expect(sim.control.adl({ account: 'hedge', symbol: 'BTCUSDT', positionSide: 'SHORT' }).positionAmt).toBe('0.000');
    expect(() => sim.control.adl({ account: 'hedge', symbol: 'SOLUSDT' })).toThrow(/no open position/);
  });
});

describe('break-even per the FAQ', () => {
  it('a partial close at a profit lowers a long\'s break-even; stream and snapshot agree', async () => {
    const { sim, userStream, call } = await start();
    const events = await userStream('oneway');
    // SOL long 40 @ 178.245 (cost 7129.8); sell 10 @ 190 (gained 1900): (7129.8 − 1900) / 30 = 174.32666…
    sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'SELL', qty: '10', price: '190' });
    const row = (await update(events)).a.P[0]!;
    expect(row).toMatchObject({ pa: '30', ep: '178.245' });
    expect(Number(row.bep)).toBeCloseTo(174.32666667, 6);
    const v1 = (await call('account.position', 'oneway', { symbol: 'SOLUSDT' })).result as { breakEvenPrice: string }[];
    expect(v1[0]!.breakEvenPrice).toBe(row.bep);
  });
});
