/**
 * The account risk reads of the client (account-reads.ts), against a local HTTP server on 127.0.0.1
 * and a scripted WS API: v2/account.status with the fallback to v1 when v2 is unknown (said once,
 * sticky), drops counted and told once, funding income paged by startTime and deduped by tranId within
 * a bound, the signed REST queries (no symbol ever), and the funding intervals cached for an hour.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountReads } from '../../../electron/exchange/account-reads';
import { emptyMetrics } from '../../../electron/exchange/client-options';
import { MAX_INCOME_PAGES } from '../../../electron/exchange/funding-history';
import type { WsApiContext } from '../../../electron/exchange/methods';
import type { RequestGate } from '../../../electron/exchange/request-gate';
import { createSigner } from '../../../electron/exchange/signing';
import type { RpcSocket } from '../../../electron/exchange/transport';
import { asset, statusPosition, TOTALS } from './account-fixtures';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server === null ? resolve(null) : server.close(resolve)));
  server = null;
});

type Answer = (query: URLSearchParams) => { status?: number; body: unknown };

/** Serves each path from `routes`; records every request's path and query. */
async function serve(routes: Record<string, Answer>): Promise<{ base: string; requests: Array<{ path: string; query: URLSearchParams }> }> {
  const requests: Array<{ path: string; query: URLSearchParams }> = [];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams });
    const answer = routes[url.pathname]?.(url.searchParams) ?? { status: 404, body: { code: -5000, msg: 'invalid path' } };
    res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** Account reads over `base` and a WS API answering each method from `ws` (a result, or an error reply). */
function readsFor(base: string, ws: Record<string, unknown> = {}, clock = { now: 1_700_000_000_000 }) {
  const notices: Array<{ kind: string; message: string }> = [];
  const methods: string[] = [];
  const metrics = emptyMetrics();
  const context = (): WsApiContext => ({
    rpc: {
      request: (method: string) => {
        methods.push(method);
        const answer = ws[method];
        if (answer instanceof Error) return Promise.resolve({ id: '1', status: 400, error: { code: (answer as { code?: number }).code ?? -1020, msg: answer.message } });
        if (answer === undefined) return Promise.resolve({ id: '1', status: 400, error: { code: -1020, msg: 'This operation is not supported.' } });
        return Promise.resolve({ id: '1', status: 200, result: answer });
      },
    } as unknown as RpcSocket,
    signer: { keyType: 'HMAC', apiKey: 'key', sign: () => 'sig' },
    serverNow: () => clock.now,
  });
  const reads = new AccountReads({
    restBase: base,
    signer: createSigner({ apiKey: 'apikey', secret: 'secret' }),
    gate: { run: (send: () => Promise<unknown>) => send() } as unknown as RequestGate,
    metrics,
    now: () => clock.now,
    serverNow: () => clock.now,
    symbolsTtlMs: 86_400_000,
    ws: (send) => send(context()),
    notice: (kind, message) => notices.push({ kind, message }),
  });
  return { reads, notices, methods, metrics, clock };
}

const V2_STATUS = { ...TOTALS, assets: [asset('USDT')], positions: [statusPosition('BTCUSDT')] };
const V1_STATUS = { feeTier: 0, canTrade: true, multiAssetsMargin: false, ...TOTALS, assets: [asset('USDT')], positions: [] };
const unknownMethod = Object.assign(new Error('This operation is not supported.'), { code: -1020 });

describe('accountStatus', () => {
  it('reads v2/account.status', async () => {
    const { reads, methods, notices } = readsFor('http://127.0.0.1:1', { 'v2/account.status': V2_STATUS });
    const read = await reads.accountStatus();
    expect(read).toMatchObject({ totals: TOTALS, method: 'v2/account.status' });
    expect(read.positions).toHaveLength(1);
    expect(methods).toEqual(['v2/account.status']);
    expect(notices).toEqual([]);
  });

  it('v2 unknown: v1 account.status for the rest of the session, said once', async () => {
    const { reads, methods, notices } = readsFor('http://127.0.0.1:1', { 'v2/account.status': unknownMethod, 'account.status': V1_STATUS });
    const first = await reads.accountStatus();
    expect(first).toMatchObject({ totals: TOTALS, method: 'account.status', positions: [] });
    expect(first.assets.map((a) => a.asset)).toEqual(['USDT']);
    await reads.accountStatus();
    expect(methods).toEqual(['v2/account.status', 'account.status', 'account.status']);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/does not serve v2\/account\.status.*account\.status \(v1\)/);
  });

  it('other errors are not taken for an unknown method; unreadable totals fail with a clear error', async () => {
    const throttled = readsFor('http://127.0.0.1:1', { 'v2/account.status': Object.assign(new Error('throttled'), { code: -1008 }) });
    await expect(throttled.reads.accountStatus()).rejects.toMatchObject({ kind: 'transient', code: -1008 });
    expect(throttled.methods).toEqual(['v2/account.status']);
    const { totalWalletBalance: _gone, ...broken } = TOTALS;
    const { reads, methods } = readsFor('http://127.0.0.1:1', { 'v2/account.status': { ...broken, assets: [], positions: [] } });
    await expect(reads.accountStatus()).rejects.toThrow(/no readable totals \(field totalWalletBalance\)/);
    expect(methods).toEqual(['v2/account.status']); // no fallback for a bad reply
  });

  it('odd rows are counted every time and told once per connection', async () => {
    const odd = { ...V2_STATUS, assets: [asset('USDT'), { ...asset('BNB'), maintMargin: null }] };
    const { reads, notices, metrics } = readsFor('http://127.0.0.1:1', { 'v2/account.status': odd });
    await reads.accountStatus();
    await reads.accountStatus();
    expect(metrics.malformedRows).toBe(2);
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/v2\/account\.status reply: 1 malformed row was dropped.*row 2, field maintMargin/)]);
    reads.newConnection(true);
    await reads.accountStatus();
    expect(notices).toHaveLength(2);
  });
});

describe('accountConfig and adlQuantiles (signed REST, no symbol)', () => {
  it('reads the modes and the quantiles; each request is signed and names no symbol', async () => {
    const { base, requests } = await serve({
      '/fapi/v1/accountConfig': () => ({ body: { feeTier: 0, canTrade: true, dualSidePosition: false, multiAssetsMargin: true, tradeGroupId: -1, updateTime: 0 } }),
      '/fapi/v1/adlQuantile': () => ({ body: [{ symbol: 'BTCUSDT', adlQuantile: { LONG: 1, SHORT: 2, BOTH: 3 } }, { symbol: 'X', adlQuantile: {} }] }),
    });
    const { reads, notices } = readsFor(base);
    expect(await reads.accountConfig()).toEqual({ multiAssetsMargin: true, dualSidePosition: false });
    const quantiles = await reads.adlQuantiles();
    expect(quantiles.get('BTCUSDT:BOTH')).toBe(3);
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/adlQuantile reply: 1 malformed row/)]);
    for (const { query } of requests) {
      expect(query.has('symbol')).toBe(false);
      expect(query.get('signature')).toMatch(/^[0-9a-f]{64}$/);
      expect(query.get('timestamp')).toBe('1700000000000');
    }
  });

  it('an exchange error reaches the caller as a typed error', async () => {
    const { base } = await serve({ '/fapi/v1/accountConfig': () => ({ status: 401, body: { code: -2015, msg: 'Invalid API-key' } }) });
    await expect(readsFor(base).reads.accountConfig()).rejects.toMatchObject({ kind: 'auth', code: -2015 });
  });
});

const fee = (tranId: number, time: number, symbol = 'BTCUSDT') => ({
  symbol,
  incomeType: 'FUNDING_FEE',
  income: '-0.10000000',
  asset: 'USDT',
  info: 'FUNDING_FEE',
  time,
  tranId,
  tradeId: '',
});

describe('fundingIncome: paged by startTime, deduped by tranId', () => {
  it('a full page continues from its last row time; rows of that millisecond are not counted twice', async () => {
    // 1000 rows, the last 3 sharing the funding round at t = 5000; page 2 starts there and repeats them.
    const history = [...Array.from({ length: 997 }, (_, i) => fee(i + 1, 1000 + i)), fee(998, 5000), fee(999, 5000, 'ETHUSDT'), fee(1000, 5000, '币安人生USDT'), fee(1001, 5000, 'SOLUSDT'), fee(1002, 8000)];
    const { base, requests } = await serve({
      '/fapi/v1/income': (query) => {
        const from = Number(query.get('startTime'));
        return { body: history.filter((row) => row.time >= from).slice(0, Number(query.get('limit'))) };
      },
    });
    const { reads, notices } = readsFor(base);
    const rows = await reads.fundingIncome(900);
    expect(rows).toHaveLength(1002);
    expect(new Set(rows.map((row) => row.tranId)).size).toBe(1002);
    expect(rows.at(-1)).toEqual({ symbol: 'BTCUSDT', asset: 'USDT', income: '-0.10000000', time: 8000, tranId: 1002 });
    expect(requests.map(({ query }) => [query.get('incomeType'), query.get('startTime'), query.get('limit'), query.has('symbol')])).toEqual([
      ['FUNDING_FEE', '900', '1000', false],
      ['FUNDING_FEE', '5000', '1000', false],
    ]);
    expect(notices).toEqual([]);
  });

  it('empty history: one request, no rows', async () => {
    const { base, requests } = await serve({ '/fapi/v1/income': () => ({ body: [] }) });
    expect(await readsFor(base).reads.fundingIncome(0)).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('stops at the page bound and says the history is incomplete', async () => {
    let next = 0;
    const { base, requests } = await serve({
      // An endless history: every page full, each row a millisecond later than the last.
      '/fapi/v1/income': (query) => ({ body: Array.from({ length: 1000 }, (_, i) => fee(++next, Number(query.get('startTime')) + i + 1)) }),
    });
    const { reads, notices } = readsFor(base);
    const rows = await reads.fundingIncome(0);
    expect(requests).toHaveLength(MAX_INCOME_PAGES);
    expect(rows).toHaveLength(MAX_INCOME_PAGES * 1000);
    expect(notices.map((n) => n.kind)).toEqual(['error']);
    expect(notices[0]?.message).toMatch(/funding history since 1970-01-01T00:00:00\.000Z is longer/);
  });

  it('a full page all in one millisecond moves on past it instead of asking again for ever', async () => {
    const { base, requests } = await serve({
      '/fapi/v1/income': (query) => {
        const from = Number(query.get('startTime'));
        return { body: from <= 5000 ? Array.from({ length: 1000 }, (_, i) => fee(i + 1, 5000)) : [fee(2000, 6000)] };
      },
    });
    const rows = await readsFor(base).reads.fundingIncome(5000);
    expect(rows).toHaveLength(1001);
    expect(requests.map(({ query }) => query.get('startTime'))).toEqual(['5000', '5001']);
  });
});

describe('fundingIntervals: public, cached for an hour', () => {
  it('one request within the hour, a new one after; a failure is not cached', async () => {
    let fail = true;
    const { base, requests } = await serve({
      '/fapi/v1/fundingInfo': () => (fail ? { status: 503, body: { code: -1001, msg: 'down' } } : { body: [{ symbol: 'SUIUSDT', fundingIntervalHours: 4, disclaimer: false }] }),
    });
    const { reads, clock } = readsFor(base);
    await expect(reads.fundingIntervals()).rejects.toMatchObject({ kind: 'transient' });
    fail = false;
    const intervals = await reads.fundingIntervals();
    expect([...intervals.entries()]).toEqual([['SUIUSDT', 4]]);
    clock.now += 59 * 60_000;
    await reads.fundingIntervals();
    expect(requests).toHaveLength(2);
    clock.now += 2 * 60_000;
    await reads.fundingIntervals();
    expect(requests).toHaveLength(3);
    expect(requests.every(({ query }) => !query.has('signature'))).toBe(true);
  });
});
