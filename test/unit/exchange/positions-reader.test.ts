/**
 * The positions reader against a scripted WS API: v1 first; a refusal as retired (-5000) or unknown
 * (-1020) switches to v2 + symbolConfig for good, said once; v2 rows come out v1-shaped with the
 * config's leverage and margin type; ACCOUNT_CONFIG_UPDATE and reconnects keep the config current;
 * a symbol named outside the unreserved set is read from the whole account and filtered here.
 */
import { describe, expect, it } from 'vitest';
import { fromExchangeReply } from '../../../electron/exchange/errors';
import type { WsApiContext } from '../../../electron/exchange/methods';
import { PositionReader } from '../../../electron/exchange/positions-reader';
import { marginTypeOf, toV1Row } from '../../../electron/exchange/positions-v2';
import type { SymbolConfig } from '../../../electron/exchange/wire';
import type { RpcSocket } from '../../../electron/exchange/transport';

const V2_ROW = {
  symbol: 'BTCUSDT',
  positionSide: 'BOTH',
  positionAmt: '0.250',
  entryPrice: '60000.0',
  breakEvenPrice: '60030.0',
  markPrice: '61000.00000000',
  unRealizedProfit: '250.00000000',
  liquidationPrice: '45000.12',
  isolatedMargin: '0',
  notional: '15250.00000000',
  isolatedWallet: '0',
  updateTime: 1_700_000_000_000,
  marginAsset: 'USDT',
  positionInitialMargin: '1525.00000000',
  adl: 2,
};
const V1_ROW = { ...V2_ROW, leverage: '10', maxNotionalValue: '5000000', marginType: 'cross', isAutoAddMargin: 'false' } as Record<string, unknown>;
delete V1_ROW.marginAsset;
delete V1_ROW.positionInitialMargin;
delete V1_ROW.adl;
/** What only v2 carries and the reader keeps on its v1-shaped rows. */
const V2_ONLY = { marginAsset: 'USDT', adl: 2 };

const config = (symbol: string, leverage: number, marginType: 'CROSSED' | 'ISOLATED' = 'CROSSED'): SymbolConfig => ({
  symbol,
  marginType,
  isAutoAddMargin: marginType === 'ISOLATED',
  leverage,
  maxNotionalValue: '1000000',
});

/** A WS API that answers each method from `answers` (a reply result or an error), recording requests. */
function scriptedExchange(answers: Record<string, unknown[] | Error>) {
  const requests: Array<{ method: string; symbol?: unknown }> = [];
  let configReads = 0;
  let configs = new Map<string, SymbolConfig>([['BTCUSDT', config('BTCUSDT', 20)]]);
  const notices: string[] = [];
  const context = (): WsApiContext => ({
    rpc: {
      request: (method: string, params?: Record<string, unknown>) => {
        requests.push({ method, symbol: params?.symbol });
        const answer = answers[method];
        if (answer === undefined) return Promise.resolve({ id: '1', status: 400, error: { code: -1020, msg: 'This operation is not supported.' } });
        if (answer instanceof Error) return Promise.reject(answer);
        return Promise.resolve({ id: '1', status: 200, result: answer });
      },
    } as unknown as RpcSocket,
    signer: { keyType: 'HMAC', apiKey: 'key', sign: () => 'sig' },
    serverNow: () => 1_700_000_000_000,
  });
  const reader = new PositionReader({
    call: (send) => send(context()),
    readSymbolConfig: () => {
      configReads++;
      return Promise.resolve({ configs, dropped: { count: 0, first: null } });
    },
    onDrops: () => undefined,
    onSwitched: (message) => notices.push(message),
  });
  return {
    reader,
    requests,
    notices,
    configReads: () => configReads,
    setConfigs: (next: SymbolConfig[]) => (configs = new Map(next.map((c) => [c.symbol, c]))),
  };
}

const retired = fromExchangeReply(400, -5000, 'GET /fapi/v1/positionRisk is retired');

describe('v1 first, v2 when v1 is gone', () => {
  it('stays on v1 while the exchange serves it', async () => {
    const exchange = scriptedExchange({ 'account.position': [V1_ROW] });
    expect(await exchange.reader.fetch()).toEqual([V1_ROW]);
    expect(exchange.reader.positionsApi).toBe('v1');
    expect(exchange.configReads()).toBe(0);
  });

  it.each([
    ['retired (-5000)', { 'account.position': retired, 'v2/account.position': [V2_ROW] }],
    ['unknown (-1020)', { 'v2/account.position': [V2_ROW] }],
  ])('v1 %s: v2 + symbolConfig, v1-shaped rows, said once, and v1 is never asked again', async (_name, answers) => {
    const exchange = scriptedExchange(answers);
    const rows = await exchange.reader.fetch();
    expect(rows).toEqual([{ ...V1_ROW, leverage: '20', maxNotionalValue: '1000000', ...V2_ONLY }]);
    expect(exchange.reader.positionsApi).toBe('v2');
    expect(exchange.notices).toHaveLength(1);
    expect(exchange.notices[0]).toMatch(/v2\/account\.position.*symbolConfig/);
    await exchange.reader.fetch();
    await exchange.reader.fetch('BTCUSDT');
    expect(exchange.requests.map((r) => r.method)).toEqual(['account.position', 'v2/account.position', 'v2/account.position', 'v2/account.position']);
    expect(exchange.notices).toHaveLength(1);
    // The config was read once: nothing made it stale since.
    expect(exchange.configReads()).toBe(1);
  });

  it('other errors are not taken for a retirement', async () => {
    const exchange = scriptedExchange({ 'account.position': fromExchangeReply(503, -1008, 'throttled') });
    await expect(exchange.reader.fetch()).rejects.toMatchObject({ kind: 'transient' });
    expect(exchange.reader.positionsApi).toBe('v1');
    expect(exchange.requests).toHaveLength(1);
  });
});

describe('the v2 config stays current', () => {
  it('ACCOUNT_CONFIG_UPDATE changes the leverage at once and the entry is re-read; reconnects re-read it', async () => {
    const exchange = scriptedExchange({ 'account.position': retired, 'v2/account.position': [V2_ROW] });
    await exchange.reader.fetch();
    exchange.setConfigs([config('BTCUSDT', 50, 'ISOLATED')]);
    exchange.reader.onUserEvent({ type: 'config-update', event: { e: 'ACCOUNT_CONFIG_UPDATE', E: 2, T: 1, ac: { s: 'BTCUSDT', l: 50 } } });
    const [row] = await exchange.reader.fetch();
    expect(row).toMatchObject({ leverage: '50', marginType: 'isolated', isAutoAddMargin: 'true' });
    expect(exchange.configReads()).toBe(2);
    exchange.reader.onReconnected();
    await exchange.reader.fetch();
    expect(exchange.configReads()).toBe(3);
  });

  it('a position in a symbol the config lacks asks once more, then derives leverage from the margin', async () => {
    const other = { ...V2_ROW, symbol: 'NEWUSDT', isolatedWallet: '12.5' };
    const exchange = scriptedExchange({ 'account.position': retired, 'v2/account.position': [V2_ROW, other] });
    const rows = await exchange.reader.fetch();
    expect(rows[1]).toMatchObject({ symbol: 'NEWUSDT', leverage: '10', marginType: 'isolated', maxNotionalValue: '0' });
    await exchange.reader.fetch();
    expect(exchange.configReads()).toBe(1);
  });
});

describe('symbols outside the unreserved set are never signed', () => {
  it('a snapshot of 币安人生USDT asks for the whole account and keeps only its rows', async () => {
    const chinese = { ...V1_ROW, symbol: '币安人生USDT', positionAmt: '300' };
    const exchange = scriptedExchange({ 'account.position': [V1_ROW, chinese] });
    expect(await exchange.reader.fetch('币安人生USDT')).toEqual([chinese]);
    expect(await exchange.reader.fetch('BTCUSDT')).toEqual([V1_ROW, chinese]); // an ASCII symbol is asked for by name
    expect(exchange.requests).toEqual([
      { method: 'account.position', symbol: undefined },
      { method: 'account.position', symbol: 'BTCUSDT' },
    ]);
  });
});

describe('v2 rows as v1 rows', () => {
  it('maps CROSSED/ISOLATED, booleans and numbers to the v1 strings', () => {
    expect(marginTypeOf('CROSSED')).toBe('cross');
    expect(marginTypeOf('ISOLATED')).toBe('isolated');
    const row = toV1Row({ ...V2_ROW, positionSide: 'BOTH' }, { ...config('BTCUSDT', 7, 'ISOLATED'), maxNotionalValue: 250000 });
    expect(row).toMatchObject({ leverage: '7', marginType: 'isolated', isAutoAddMargin: 'true', maxNotionalValue: '250000' });
    expect(Object.keys(row).sort()).toEqual([...Object.keys(V1_ROW), ...Object.keys(V2_ONLY)].sort());
    // Nothing to derive leverage from: "0", which the engine treats as unknown (no ROE shown).
    expect(toV1Row({ ...V2_ROW, positionSide: 'BOTH', positionInitialMargin: undefined }, undefined).leverage).toBe('0');
  });
});

describe('v2 rows keep adl and marginAsset', () => {
  it('an odd adl is unknown, never a lost row; a v1 row has neither field', async () => {
    const odd = [
      { ...V2_ROW, symbol: 'AUSDT', adl: 7 },
      { ...V2_ROW, symbol: 'BUSDT', adl: '3' },
      { ...V2_ROW, symbol: 'CUSDT', adl: 1.5 },
      { ...V2_ROW, symbol: 'DUSDT', adl: 0 },
    ];
    const exchange = scriptedExchange({ 'account.position': retired, 'v2/account.position': odd });
    exchange.setConfigs(['AUSDT', 'BUSDT', 'CUSDT', 'DUSDT'].map((symbol) => config(symbol, 5)));
    const rows = await exchange.reader.fetch();
    expect(rows.map((row) => [row.symbol, row.adl, row.marginAsset])).toEqual([
      ['AUSDT', undefined, 'USDT'],
      ['BUSDT', undefined, 'USDT'],
      ['CUSDT', undefined, 'USDT'],
      ['DUSDT', 0, 'USDT'],
    ]);
    expect(rows.filter((row) => 'adl' in row).map((row) => row.symbol)).toEqual(['DUSDT']);
    const v1 = await scriptedExchange({ 'account.position': [V1_ROW] }).reader.fetch();
    expect(v1[0]).not.toHaveProperty('adl');
    expect(v1[0]).not.toHaveProperty('marginAsset');
  });
});
