/**
 * The REST list replies, row by row, from a local HTTP server on 127.0.0.1: exchangeInfo keeps every
 * listed symbol it can read (Chinese names, TradFi, quarterlies, any status) and drops the rest one by
 * one; leverageBracket and symbolConfig likewise. A wrong envelope still fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchExchangeInfo, fetchLeverageBrackets, fetchSymbolConfig } from '../../../electron/exchange/rest';
import { createSigner } from '../../../electron/exchange/signing';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server === null ? resolve(null) : server.close(resolve)));
  server = null;
});

/** Serves `bodies[path]` as JSON; records the request URLs. */
async function serveJson(bodies: Record<string, unknown>): Promise<{ base: string; urls: string[] }> {
  const urls: string[] = [];
  server = createServer((req, res) => {
    urls.push(req.url ?? '');
    const path = (req.url ?? '').split('?')[0]!;
    res.writeHead(path in bodies ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(bodies[path] ?? { code: -5000, msg: 'invalid path' }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, urls };
}

const filters = [
  { filterType: 'PRICE_FILTER', tickSize: '0.10' },
  { filterType: 'LOT_SIZE', stepSize: '0.001' },
];
const entry = (symbol: string, contractType = 'PERPETUAL', status = 'TRADING') => ({
  symbol,
  status,
  contractType,
  baseAsset: 'X',
  quoteAsset: 'USDT',
  marginAsset: 'USDT',
  filters,
});

describe('exchangeInfo, entry by entry', () => {
  it('keeps every readable listing and counts the rest; reads the weight limit', async () => {
    const { base } = await serveJson({
      '/fapi/v1/exchangeInfo': {
        rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 }],
        symbols: [
          entry('BTCUSDT'),
          entry('币安人生USDT'),
          entry('XAUUSDT', 'TRADIFI_PERPETUAL'),
          entry('BTCUSDT_260327', 'CURRENT_QUARTER', 'PENDING_TRADING'),
          { ...entry('NOGRIDUSDT'), filters: [] },
          entry('BAD\nNAME'),
          'not an entry',
        ],
      },
    });
    const read = await fetchExchangeInfo({ base, serverNow: Date.now });
    expect(read.symbols.map((info) => info.symbol).sort()).toEqual(['BTCUSDT', 'BTCUSDT_260327', 'XAUUSDT', '币安人生USDT'].sort());
    expect(read.symbols.find((info) => info.symbol === 'XAUUSDT')).toMatchObject({ contractType: 'TRADIFI_PERPETUAL', tickSize: '0.10', stepSize: '0.001' });
    expect(read.weightLimit).toBe(2400);
    expect(read.dropped.count).toBe(3);
    expect(read.dropped.first).toBe('symbol "BAD?NAME", field symbol');
  });

  it('odd rateLimits entries are skipped, never failing the symbol list', async () => {
    const { base } = await serveJson({
      '/fapi/v1/exchangeInfo': {
        rateLimits: [null, { rateLimitType: 'ORDERS', limit: 'many' }, { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', limit: 2400 }],
        symbols: [entry('BTCUSDT')],
      },
    });
    const read = await fetchExchangeInfo({ base, serverNow: Date.now });
    expect(read.symbols.map((info) => info.symbol)).toEqual(['BTCUSDT']);
    expect(read.weightLimit).toBe(2400);
  });

  it('rateLimits that is not a list only loses the weight limit', async () => {
    const { base } = await serveJson({ '/fapi/v1/exchangeInfo': { rateLimits: { weight: 2400 }, symbols: [entry('ETHUSDT')] } });
    const read = await fetchExchangeInfo({ base, serverNow: Date.now });
    expect([read.symbols.length, read.weightLimit]).toEqual([1, null]);
  });

  it('more than 5,000 symbols fails as a whole, with a clear error', async () => {
    const { base } = await serveJson({ '/fapi/v1/exchangeInfo': { symbols: Array.from({ length: 5_001 }, () => 'x') } });
    await expect(fetchExchangeInfo({ base, serverNow: Date.now })).rejects.toThrow(/oversized exchangeInfo reply \(5001 rows\)/);
  });

  it('a reply without a symbols list fails as a whole', async () => {
    const { base } = await serveJson({ '/fapi/v1/exchangeInfo': { symbols: 'many' } });
    await expect(fetchExchangeInfo({ base, serverNow: Date.now })).rejects.toThrow(/unexpected reply/);
  });
});

describe('signed account lists, entry by entry', () => {
  const signer = createSigner({ apiKey: 'apikey', secret: 'secret' });

  it('leverageBracket: a bad entry is dropped, the others are used; the request is signed', async () => {
    const bracket = { bracket: 1, initialLeverage: 125, notionalCap: 50_000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 };
    const { base, urls } = await serveJson({
      '/fapi/v1/leverageBracket': [
        { symbol: 'BTCUSDT', brackets: [bracket] },
        { symbol: 'ETHUSDT', brackets: [{ ...bracket, maintMarginRatio: 7 }] },
        { symbol: '币安人生USDT', brackets: [bracket] },
      ],
    });
    const read = await fetchLeverageBrackets({ base, serverNow: () => 1_700_000_000_000 }, signer);
    expect([...read.brackets.keys()]).toEqual(['BTCUSDT', '币安人生USDT']);
    expect(read.dropped).toEqual({ count: 1, first: 'symbol "ETHUSDT", field brackets.0.maintMarginRatio' });
    expect(urls[0]).toMatch(/^\/fapi\/v1\/leverageBracket\?recvWindow=5000&timestamp=1700000000000&signature=[0-9a-f]{64}$/);
  });

  it('symbolConfig: CROSSED/ISOLATED, boolean auto-add, integer leverage; a bad entry is dropped', async () => {
    const { base } = await serveJson({
      '/fapi/v1/symbolConfig': [
        { symbol: 'BTCUSDT', marginType: 'CROSSED', isAutoAddMargin: false, leverage: 21, maxNotionalValue: '1000000' },
        { symbol: 'ETHUSDT', marginType: 'cross', isAutoAddMargin: false, leverage: 21, maxNotionalValue: '1000000' },
        { symbol: 'XRPUSDT', marginType: 'ISOLATED', isAutoAddMargin: true, leverage: 8, maxNotionalValue: 50_000_000 },
      ],
    });
    const read = await fetchSymbolConfig({ base, serverNow: Date.now }, signer);
    expect([...read.configs.keys()]).toEqual(['BTCUSDT', 'XRPUSDT']);
    expect(read.configs.get('XRPUSDT')).toMatchObject({ marginType: 'ISOLATED', isAutoAddMargin: true, leverage: 8 });
    expect(read.dropped).toEqual({ count: 1, first: 'symbol "ETHUSDT", field marginType' });
  });
});
