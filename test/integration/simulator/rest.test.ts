import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW } from './helpers';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const DOCUMENTED_SYMBOL_FIELDS = [
  'symbol', 'pair', 'contractType', 'status', 'baseAsset', 'quoteAsset', 'marginAsset',
  'pricePrecision', 'quantityPrecision',
];

interface SymbolInfo {
  symbol: string;
  contractType: string;
  status: string;
  filters: { filterType: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

describe('simulator REST', () => {
  it('GET /fapi/v1/time answers the simulator clock and reports weight', async () => {
    sim = await startSimulator({ now: () => FROZEN_NOW });
    const response = await fetch(`${sim.urls.rest}/fapi/v1/time`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('x-mbx-used-weight-1m')).toBe('1');
    expect(await response.json()).toEqual({ serverTime: FROZEN_NOW });
  });

  it('GET /fapi/v1/exchangeInfo lists perpetuals, a quarterly and a non-trading symbol with filters', async () => {
    sim = await startSimulator();
    const info = (await (await fetch(`${sim.urls.rest}/fapi/v1/exchangeInfo`)).json()) as {
      timezone: string;
      serverTime: number;
      rateLimits: unknown[];
      assets: unknown[];
      symbols: SymbolInfo[];
    };
    expect(info.timezone).toBe('UTC');
    expect(typeof info.serverTime).toBe('number');
    expect(info.rateLimits).toContainEqual({
      rateLimitType: 'REQUEST_WEIGHT',
      interval: 'MINUTE',
      intervalNum: 1,
      limit: 2400,
    });
    expect(info.assets.length).toBeGreaterThan(0);

    const perpetuals = info.symbols.filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING');
    expect(perpetuals.length).toBeGreaterThanOrEqual(10);
    expect(info.symbols.some((s) => s.contractType === 'CURRENT_QUARTER')).toBe(true);
    expect(info.symbols.some((s) => s.status !== 'TRADING')).toBe(true);

    const filter = (symbol: string, type: string) =>
      info.symbols.find((s) => s.symbol === symbol)!.filters.find((f) => f.filterType === type);
    expect(filter('BTCUSDT', 'PRICE_FILTER')).toMatchObject({ tickSize: '0.10' });
    expect(filter('BTCUSDT', 'LOT_SIZE')).toMatchObject({ stepSize: '0.001' });
    expect(filter('ETHUSDT', 'PRICE_FILTER')).toMatchObject({ tickSize: '0.01' });
    expect(filter('XRPUSDT', 'LOT_SIZE')).toMatchObject({ stepSize: '0.1' });
    expect(filter('DOGEUSDT', 'LOT_SIZE')).toMatchObject({ stepSize: '1' });
    for (const s of info.symbols) {
      for (const key of DOCUMENTED_SYMBOL_FIELDS) expect(s).toHaveProperty(key);
      expect(s.filters.map((f) => f.filterType)).toEqual(
        expect.arrayContaining(['PRICE_FILTER', 'LOT_SIZE', 'MARKET_LOT_SIZE', 'MIN_NOTIONAL']),
      );
    }
  });

  it('answers unknown paths with 404 and other methods with 405, in Binance error shape', async () => {
    sim = await startSimulator();
    const missing = await fetch(`${sim.urls.rest}/fapi/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: -5000, msg: 'Path /fapi/v1/nothing, Method GET is invalid' });
    const post = await fetch(`${sim.urls.rest}/fapi/v1/time`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(await post.json()).toMatchObject({ code: -5000 });
  });

  it('binds only to 127.0.0.1 by default and reports it in every URL', async () => {
    sim = await startSimulator();
    for (const url of Object.values(sim.urls)) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(sim.urls.wsApi).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws-fapi\/v1$/);
    expect(sim.urls.market).toMatch(/\/market$/);
    expect(sim.urls.private).toMatch(/\/private$/);
  });
});
