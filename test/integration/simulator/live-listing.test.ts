/**
 * The listing as mainnet has it today (PROTOCOL §13.1–§13.2): a perpetual named in Chinese with a
 * demo position in it, a TradFi perpetual, a quarterly and statuses other than TRADING — listed,
 * priced, streamed and traded like any other contract.
 */
import { describe, expect, it } from 'vitest';
import { FROZEN_NOW, type Peer } from './helpers';
import { type LiveEvent, liveSimulators } from './live-helpers';

const start = liveSimulators();

interface Listed {
  symbol: string;
  contractType: string;
  status: string;
  marginAsset: string;
  underlyingType: string;
  filters: { filterType: string; tickSize?: string; stepSize?: string }[];
}

const CHINESE = '币安人生USDT';

describe('the listing', () => {
  it('lists the Chinese-named perpetual, a TradFi perpetual, a quarterly and every status, with their own grids', async () => {
    const { sim } = await start();
    const info = (await (await fetch(`${sim.urls.rest}/fapi/v1/exchangeInfo`)).json()) as { symbols: Listed[] };
    const bySymbol = new Map(info.symbols.map((s) => [s.symbol, s]));
    const filter = (symbol: string, type: string) => bySymbol.get(symbol)!.filters.find((f) => f.filterType === type)!;
    expect(bySymbol.get(CHINESE)).toMatchObject({ contractType: 'PERPETUAL', status: 'TRADING', marginAsset: 'USDT' });
    expect(filter(CHINESE, 'PRICE_FILTER').tickSize).toBe('0.00001');
    expect(filter(CHINESE, 'LOT_SIZE').stepSize).toBe('1');
    expect(bySymbol.get('XAUUSDT')).toMatchObject({ contractType: 'TRADIFI_PERPETUAL', status: 'TRADING', underlyingType: 'COMMODITY' });
    expect(filter('XAUUSDT', 'PRICE_FILTER').tickSize).toBe('0.01');
    expect(filter('XAUUSDT', 'LOT_SIZE').stepSize).toBe('0.001');
    expect(bySymbol.get('BTCUSDT_261225')?.contractType).toBe('CURRENT_QUARTER');
    expect(new Set(info.symbols.map((s) => s.status))).toEqual(new Set(['TRADING', 'SETTLING', 'PENDING_TRADING', 'CLOSE']));
    // MAX_NUM_ALGO_ORDERS left exchangeInfo on 2025-12-29 (PROTOCOL §13.8).
    expect(info.symbols.flatMap((s) => s.filters.map((f) => f.filterType))).not.toContain('MAX_NUM_ALGO_ORDERS');
  });

  it('the whole-account v1 reply carries a row for every trading symbol, the Chinese one with the demo position', async () => {
    const { sim, call } = await start();
    const reply = await call('account.position', 'oneway');
    const rows = reply.result as { symbol: string; positionAmt: string; entryPrice: string }[];
    expect(rows.find((r) => r.symbol === CHINESE)).toMatchObject({ positionAmt: '8000', entryPrice: '0.1895' });
    expect(rows.map((r) => r.symbol)).toEqual(expect.arrayContaining(['XAUUSDT', 'BTCUSDT_261225']));
    expect(rows.map((r) => r.symbol)).not.toContain('ZAMAUSDT'); // PENDING_TRADING: not tradable yet
    expect(rows).toEqual(sim.truth('oneway'));
    const hedge = (await call('account.position', 'hedge')).result as { symbol: string; positionSide: string; positionAmt: string }[];
    expect(hedge.find((r) => r.symbol === 'XAUUSDT' && r.positionSide === 'LONG')?.positionAmt).toBe('0.500');
    // One symbol as a signed filter works too (the signature covers the UTF-8 text).
    const one = await call('v2/account.position', 'oneway', { symbol: CHINESE });
    expect((one.result as { symbol: string }[]).map((r) => r.symbol)).toEqual([CHINESE]);
  });

  it('streams marks under the lowercased name (Chinese unchanged), by path and by SUBSCRIBE', async () => {
    const { sim, open } = await start({ now: undefined, markIntervalMs: 20 });
    const stream = `${CHINESE.toLowerCase()}@markPrice@1s`;
    expect(stream).toBe('币安人生usdt@markPrice@1s');
    const byPath = await open(`${sim.urls.market}/ws/${encodeURIComponent(stream)}`);
    const frame = await byPath.take<{ e: string; s: string; p: string }>((m) => m.e === 'markPriceUpdate');
    expect(frame.s).toBe(CHINESE);
    const combined = await open(`${sim.urls.market}/stream`);
    combined.send({ method: 'SUBSCRIBE', params: ['xauusdt@markPrice@1s'], id: 1 });
    expect(await combined.take((m) => m.id === 1)).toEqual({ result: null, id: 1 });
    const gold = await combined.take<{ stream: string; data: { s: string } }>((m) => m.stream === 'xauusdt@markPrice@1s');
    expect(gold.data.s).toBe('XAUUSDT');
  });

  it('fills in the Chinese-named symbol push ORDER_TRADE_UPDATE and ACCOUNT_UPDATE under its name', async () => {
    const { sim, userStream } = await start();
    const events: Peer = await userStream('oneway');
    sim.control.fill({ account: 'oneway', symbol: CHINESE, side: 'SELL', qty: '3000', price: '0.20000' });
    const order = await events.take<LiveEvent & { o: { s: string; x: string } }>((m) => m.e === 'ORDER_TRADE_UPDATE');
    expect(order.o).toMatchObject({ s: CHINESE, x: 'TRADE' });
    const update = await events.take<LiveEvent & { a: { P: { s: string; pa: string }[] } }>((m) => m.e === 'ACCOUNT_UPDATE');
    expect(update.a.P).toEqual([expect.objectContaining({ s: CHINESE, pa: '5000' })]);
    expect(sim.truth('oneway').find((r) => r.symbol === CHINESE)?.positionAmt).toBe('5000');
    expect(update.E).toBeGreaterThanOrEqual(FROZEN_NOW);
  });
});
