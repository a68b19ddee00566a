/**
 * Conformance with a client not written here: the npm package `binance` (v3.6.5, unmodified)
 * pointed at the simulator. Its `wsUrl` option replaces the `wss://…` host of every WebSocket
 * (it appends `/ws-fapi/v1`, `/market/stream`, `/private/stream?listenKey=` itself) and the
 * REST clients take `baseUrl`. The library signs in (session.logon with Ed25519, per-request
 * signatures with HMAC and RSA), reads positions, and receives mark prices and user data
 * events, logging no errors.
 */
import { type DefaultLogger, USDMClient, WebsocketAPIClient, WebsocketClient } from 'binance';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimKeyCredentials, startSimulator } from '../../../electron/simulator';

let sim: RunningSimulator;
const errors: unknown[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

/** The library's logger, silenced; its errors are kept, since an error there is an infidelity here. */
const logger: typeof DefaultLogger = { trace: () => undefined, info: () => undefined, error: (...params) => void errors.push(params) };

beforeEach(async () => {
  errors.length = 0;
  sim = await startSimulator({ markIntervalMs: 100 });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sim.close();
});

const wsBase = (): string => sim.urls.rest.replace(/^http/, 'ws');
const secretOf = (key: SimKeyCredentials): string => (key.keyType === 'HMAC' ? key.secret : key.privateKeyPem);
const keyOf = (name: 'oneway' | 'hedge', keyType: SimKeyCredentials['keyType']) =>
  sim.keys.find((k) => k.name === name && k.keyType === keyType)!;

function within<T>(promise: Promise<T>, ms = 5_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms))]);
}

function apiClient(key: SimKeyCredentials): WebsocketAPIClient {
  const client = new WebsocketAPIClient(
    { api_key: key.apiKey, api_secret: secretOf(key), wsUrl: wsBase(), attachEventListeners: false, muteLatencyWarning: true },
    logger,
  );
  cleanups.push(() => client.disconnectAll());
  return client;
}

/** A WebsocketClient whose raw messages are collected and can be awaited. */
function streamClient(key: SimKeyCredentials) {
  const client = new WebsocketClient(
    { api_key: key.apiKey, api_secret: secretOf(key), wsUrl: wsBase(), beautify: false, restOptions: { baseUrl: sim.urls.rest, disableTimeSync: true } },
    logger,
  );
  cleanups.push(() => client.closeAll(true));
  const inbox: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  client.on('message', (message: unknown) => {
    inbox.push(message as Record<string, unknown>);
    for (const wake of waiters) wake();
  });
  /** The first collected message that matches, removed from the inbox; rejects after `ms`. */
  const next = (match: (m: Record<string, unknown>) => boolean, ms = 5_000): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const index = inbox.findIndex(match);
        if (index < 0) return false;
        done();
        resolve(inbox.splice(index, 1)[0]!);
        return true;
      };
      const timer = setTimeout(() => (done(), reject(new Error(`no matching message within ${ms} ms`))), ms);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      const wake = (): void => void check();
      if (!check()) waiters.add(wake);
    });
  return { client, next };
}

describe('binance (npm) against the simulator', () => {
  it('Ed25519: logs on by itself and reads v2 and v1 positions', async () => {
    const api = apiClient(keyOf('hedge', 'ED25519'));
    const v2 = await within(api.getFuturesPositionV2({ timestamp: Date.now() }));
    expect(v2.status).toBe(200);
    const rows = v2.result as { symbol: string; positionSide: string; positionAmt: string }[];
    expect(rows.filter((r) => Number(r.positionAmt) !== 0).map((r) => `${r.symbol}:${r.positionSide}:${r.positionAmt}`)).toEqual([
      'BTCUSDT:LONG:0.150', 'BTCUSDT:SHORT:-0.080', 'ETHUSDT:LONG:2.000', 'ETHUSDT:SHORT:-1.200', 'BNBUSDT:LONG:6.00',
      'XAUUSDT:LONG:0.500',
    ]);
    const v1 = await within(api.getFuturesPosition('usdm', { timestamp: Date.now() }));
    expect((v1.result as { symbol: string; positionAmt: string }[]).map((r) => r.positionAmt)).toEqual(sim.truth('hedge').map((r) => r.positionAmt));
    expect(errors).toEqual([]);
  });

  it.each(['HMAC', 'RSA'] as const)('%s: signs each request; balance, status and userDataStream.start work', async (keyType) => {
    const key = keyOf('oneway', keyType);
    const api = apiClient(key);
    const balance = await within(api.getFuturesAccountBalanceV2({ timestamp: Date.now() }));
    expect((balance.result as { asset: string; balance: string }[])[0]).toMatchObject({ asset: 'USDT', balance: '7500.00000000' });
    const status = await within(api.getFuturesAccountStatusV2({ timestamp: Date.now() }));
    expect(status.status).toBe(200);
    const listenKey = await within(api.startUserDataStreamForKey({ apiKey: key.apiKey }, 'usdmWSAPI'));
    expect(listenKey.result.listenKey).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(errors).toEqual([]);
  });

  it('receives mark prices for one symbol and for all symbols', async () => {
    const { client, next } = streamClient(keyOf('oneway', 'HMAC'));
    await within(client.subscribeMarkPrice('ETHUSDT', 'usdm', 1000));
    const one = await next((m) => m.e === 'markPriceUpdate' && m.s === 'ETHUSDT');
    expect(one.p).toMatch(/^\d+\.\d{8}$/);
    sim.setMark('ETHUSDT', '3777.77');
    await next((m) => m.e === 'markPriceUpdate' && m.p === '3777.77000000');
    await within(client.subscribeAllMarketMarkPrice('usdm', 1000));
    // The library hands the array frame over as an array, each element tagged with its stream.
    const all = (await next((m) => Array.isArray(m))) as unknown as { s: string; streamName: string }[];
    expect(all.map((m) => m.s)).toEqual(sim.truth('oneway').map((r) => r.symbol));
    expect(all[0]!.streamName).toBe('!markPrice@arr@1s');
    expect(errors).toEqual([]);
  });

  it('receives user data events, and recovers by itself after listenKeyExpired', async () => {
    const { client, next } = streamClient(keyOf('oneway', 'HMAC'));
    await within(client.subscribeUsdFuturesUserDataStream());
    sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'BUY', qty: '2' });
    const order = await next((m) => m.e === 'ORDER_TRADE_UPDATE');
    expect(order.o).toMatchObject({ s: 'SOLUSDT', S: 'BUY', q: '2', x: 'TRADE' });
    const update = await next((m) => m.e === 'ACCOUNT_UPDATE');
    expect((update.a as { P: { s: string; pa: string }[] }).P).toEqual([expect.objectContaining({ s: 'SOLUSDT', pa: '42' })]);

    sim.control.expireListenKey('oneway');
    await next((m) => m.e === 'listenKeyExpired');
    // The library fetches a new key (REST POST /fapi/v1/listenKey) and reconnects; events flow again.
    let delivered = false;
    for (let attempt = 0; attempt < 20 && !delivered; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'SELL', qty: '1' });
      delivered = await next((m) => m.e === 'ACCOUNT_UPDATE', 250).then(() => true, () => false);
    }
    expect(delivered).toBe(true);
    expect(errors).toEqual([]);
  });

  it('REST: premiumIndex, exchangeInfo and the signed leverageBracket with all three key types', async () => {
    for (const keyType of ['HMAC', 'ED25519', 'RSA'] as const) {
      const key = keyOf('hedge', keyType);
      const rest = new USDMClient({ api_key: key.apiKey, api_secret: secretOf(key), baseUrl: sim.urls.rest, disableTimeSync: true });
      const brackets = await within(rest.getNotionalAndLeverageBrackets({ symbol: 'BTCUSDT' }));
      expect(JSON.stringify(brackets)).toContain('"initialLeverage":125');
      const mark = await within(rest.getMarkPrice({ symbol: 'BTCUSDT' }));
      expect(mark).toMatchObject({ symbol: 'BTCUSDT' });
    }
    const info = await within(new USDMClient({ baseUrl: sim.urls.rest, disableTimeSync: true }).getExchangeInfo());
    expect(info.symbols.some((s) => s.symbol === 'BTCUSDT')).toBe(true);
  });
});
