/**
 * REST as the v2 path needs it (PROTOCOL §5, §9, §13.3): `GET /fapi/v1/symbolConfig` (signed,
 * weight 5) kept in step with leverage and margin type changes, and REST errors like the real
 * ones: JSON `{code,msg}`, 429/418 with `Retry-After` in seconds, weight shared with the WS API and
 * reported in `X-MBX-USED-WEIGHT-1M`.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../electron/simulator';
import { FROZEN_NOW } from './helpers';
import { type LiveEvent, liveSimulators } from './live-helpers';

const start = liveSimulators();

interface ConfigRow {
  symbol: string;
  marginType: string;
  isAutoAddMargin: boolean;
  leverage: number;
  maxNotionalValue: string;
}

/** A signed REST GET by an account's HMAC key (query signed as sent). */
function signedGet(sim: RunningSimulator, path: string, account: 'oneway' | 'hedge', query = ''): Promise<Response> {
  const { apiKey, secret } = sim.accounts.find((a) => a.name === account)!;
  const text = `${query}${query === '' ? '' : '&'}timestamp=${FROZEN_NOW}`;
  const signature = createHmac('sha256', secret).update(text).digest('hex');
  return fetch(`${sim.urls.rest}${path}?${text}&signature=${signature}`, { headers: { 'X-MBX-APIKEY': apiKey } });
}

describe('GET /fapi/v1/symbolConfig', () => {
  it('lists every trading symbol with CROSSED/ISOLATED, a boolean auto-add, an integer leverage; weight 5', async () => {
    const { sim } = await start();
    const response = await signedGet(sim, '/fapi/v1/symbolConfig', 'oneway');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mbx-used-weight-1m')).toBe('10'); // the WS API handshake (5) + 5: one budget
    const rows = (await response.json()) as ConfigRow[];
    expect(rows.map((r) => r.symbol)).toEqual(sim.truth('oneway').map((r) => r.symbol));
    const btc = rows.find((r) => r.symbol === 'BTCUSDT')!;
    expect(Object.keys(btc)).toEqual(['symbol', 'marginType', 'isAutoAddMargin', 'leverage', 'maxNotionalValue']);
    expect(btc).toMatchObject({ marginType: 'ISOLATED', isAutoAddMargin: false, leverage: 10 });
    const v1 = sim.truth('oneway').find((r) => r.symbol === 'BTCUSDT')!;
    expect(btc.maxNotionalValue).toBe(v1.maxNotionalValue);
    expect(rows.find((r) => r.symbol === 'ETHUSDT')).toMatchObject({ marginType: 'CROSSED', leverage: 20 });
  });

  it('with symbol: an array of that symbol (Chinese names too); -1121 for an unknown one', async () => {
    const { sim } = await start();
    const one = (await (await signedGet(sim, '/fapi/v1/symbolConfig', 'oneway', 'symbol=XRPUSDT')).json()) as ConfigRow[];
    expect(one).toEqual([expect.objectContaining({ symbol: 'XRPUSDT', marginType: 'ISOLATED', leverage: 8 })]);
    const encoded = `symbol=${encodeURIComponent('币安人生USDT')}`;
    const chinese = (await (await signedGet(sim, '/fapi/v1/symbolConfig', 'oneway', encoded)).json()) as ConfigRow[];
    expect(chinese).toEqual([expect.objectContaining({ symbol: '币安人生USDT', marginType: 'CROSSED', leverage: 10 })]);
    const unknown = await signedGet(sim, '/fapi/v1/symbolConfig', 'oneway', 'symbol=NOPEUSDT');
    expect([unknown.status, await unknown.json()]).toEqual([400, { code: -1121, msg: 'Invalid symbol.' }]);
  });

  it('follows setLeverage (which still pushes ACCOUNT_CONFIG_UPDATE) and setMarginType on a flat symbol', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('oneway');
    sim.control.setLeverage('oneway', 'BTCUSDT', 25);
    const config = await events.take<LiveEvent & { ac: { s: string; l: number } }>((m) => m.e === 'ACCOUNT_CONFIG_UPDATE');
    expect(config.ac).toEqual({ s: 'BTCUSDT', l: 25 });
    expect(() => sim.control.setMarginType('oneway', 'BTCUSDT', 'cross')).toThrow(/-4048/);
    sim.control.setMarginType('oneway', 'BNBUSDT', 'isolated');
    const rows = (await (await signedGet(sim, '/fapi/v1/symbolConfig', 'oneway')).json()) as ConfigRow[];
    expect(rows.find((r) => r.symbol === 'BTCUSDT')).toMatchObject({ leverage: 25, marginType: 'ISOLATED' });
    expect(rows.find((r) => r.symbol === 'BNBUSDT')).toMatchObject({ marginType: 'ISOLATED' });
    expect(sim.truth('oneway').find((r) => r.symbol === 'BNBUSDT')?.marginType).toBe('isolated');
  });
});

describe('REST errors like the real ones', () => {
  it('a bad signature is a JSON {code,msg} body', async () => {
    const { sim } = await start();
    const { apiKey } = sim.accounts[0]!;
    const response = await fetch(`${sim.urls.rest}/fapi/v1/symbolConfig?timestamp=${FROZEN_NOW}&signature=${'0'.repeat(64)}`, {
      headers: { 'X-MBX-APIKEY': apiKey },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ code: -1022, msg: 'Signature for this request is not valid.' });
  });

  it('REST spends the WS API budget: over it, 429 with Retry-After (s); ignoring that, 418 with Retry-After', async () => {
    const { sim, call } = await start({ weightLimit: 40 });
    // Handshake 5 + v1 position 10 = 15 on the WS API; then REST symbolConfig 5 each.
    await call('account.position', 'oneway');
    const counts: (string | null)[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6 && !limited; i++) {
      const response = await signedGet(sim, '/fapi/v1/symbolConfig', 'oneway');
      counts.push(response.headers.get('x-mbx-used-weight-1m'));
      if (response.status === 429) limited = response;
    }
    expect(counts).toEqual(['20', '25', '30', '35', '40', '45']);
    expect(limited!.status).toBe(429);
    // The frozen clock sits 30 s into its minute: the window ends in 30 s.
    expect(limited!.headers.get('retry-after')).toBe('30');
    expect(await limited!.json()).toMatchObject({ code: -1003 });
    const banned = await signedGet(sim, '/fapi/v1/symbolConfig', 'oneway');
    expect(banned.status).toBe(418);
    expect(banned.headers.get('retry-after')).toBe('120');
    expect(((await banned.json()) as { code: number }).code).toBe(-1003);
    // The WS API is banned as well: one budget, one ban.
    expect((await call('v2/account.position', 'oneway')).status).toBe(418);
  });
});
