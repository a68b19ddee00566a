/**
 * REST `GET /fapi/v1/premiumIndex` (public) and the signed `GET /fapi/v1/leverageBracket`
 * (PROTOCOL §5), with all three key types.
 */
import { createHmac, createPrivateKey, sign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimKeyCredentials, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW } from './helpers';

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator({ now: () => FROZEN_NOW, markIntervalMs: 60_000 });
});
afterEach(async () => {
  await sim.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${sim.urls.rest}${path}`, { headers });

/** Signs a query string the REST way: the text as sent, then `&signature=` (URL-encoded). */
function signedQuery(query: string, key: SimKeyCredentials): string {
  const signature =
    key.keyType === 'HMAC'
      ? createHmac('sha256', key.secret).update(query).digest('hex')
      : sign(key.keyType === 'RSA' ? 'sha256' : null, Buffer.from(query), createPrivateKey(key.privateKeyPem)).toString('base64');
  return `${query}&signature=${encodeURIComponent(signature)}`;
}

const keyOf = (keyType: SimKeyCredentials['keyType']) => sim.keys.find((k) => k.name === 'oneway' && k.keyType === keyType)!;

describe('GET /fapi/v1/premiumIndex', () => {
  it('with a symbol: one object matching the mark, weight 1', async () => {
    const response = await get('/fapi/v1/premiumIndex?symbol=BTCUSDT');
    expect(response.headers.get('x-mbx-used-weight-1m')).toBe('1');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['symbol', 'markPrice', 'indexPrice', 'estimatedSettlePrice', 'lastFundingRate', 'interestRate', 'nextFundingTime', 'time']);
    expect(body).toMatchObject({ symbol: 'BTCUSDT', markPrice: '104250.00000000', lastFundingRate: '0.00010000', interestRate: '0.00010000', time: FROZEN_NOW });
    expect(body.nextFundingTime).toBe(Date.UTC(2026, 0, 15, 16));
    sim.setMark('BTCUSDT', '100000');
    expect(((await (await get('/fapi/v1/premiumIndex?symbol=BTCUSDT')).json()) as { markPrice: string }).markPrice).toBe('100000.00000000');
  });

  it('without a symbol: every trading contract, weight 10; delivery contracts have no funding', async () => {
    const response = await get('/fapi/v1/premiumIndex');
    expect(response.headers.get('x-mbx-used-weight-1m')).toBe('10');
    const body = (await response.json()) as { symbol: string; lastFundingRate: string; nextFundingTime: number }[];
    expect(body.map((e) => e.symbol)).toEqual(sim.truth('oneway').map((r) => r.symbol));
    expect(body.find((e) => e.symbol === 'BTCUSDT_261225')).toMatchObject({ lastFundingRate: '', nextFundingTime: 0 });
  });

  it('an unknown symbol is 400 / -1121', async () => {
    const response = await get('/fapi/v1/premiumIndex?symbol=NOPEUSDT');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
  });
});

describe('GET /fapi/v1/leverageBracket (signed)', () => {
  it.each(['HMAC', 'ED25519', 'RSA'] as const)('%s: the symbol\'s brackets as numbers', async (keyType) => {
    const key = keyOf(keyType);
    const response = await get(`/fapi/v1/leverageBracket?${signedQuery(`symbol=BTCUSDT&timestamp=${FROZEN_NOW}`, key)}`, { 'X-MBX-APIKEY': key.apiKey });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { symbol: string; brackets: Record<string, number>[] };
    expect(body.symbol).toBe('BTCUSDT');
    expect(body.brackets[0]).toEqual({ bracket: 1, initialLeverage: 125, notionalCap: 300000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 });
    expect(body.brackets[1]).toEqual({ bracket: 2, initialLeverage: 100, notionalCap: 800000, notionalFloor: 300000, maintMarginRatio: 0.005, cum: 300 });
  });

  it('without a symbol: an array for every trading contract', async () => {
    const key = keyOf('HMAC');
    const response = await get(`/fapi/v1/leverageBracket?${signedQuery(`timestamp=${FROZEN_NOW}&recvWindow=5000`, key)}`, { 'X-MBX-APIKEY': key.apiKey });
    const body = (await response.json()) as { symbol: string }[];
    expect(body.map((e) => e.symbol)).toEqual(sim.truth('oneway').map((r) => r.symbol));
  });

  it('refuses what Binance refuses', async () => {
    const key = keyOf('HMAC');
    const query = signedQuery(`symbol=BTCUSDT&timestamp=${FROZEN_NOW}`, key);
    const cases: [string, Record<string, string>, number, number][] = [
      [query, {}, 401, -2014],
      [query, { 'X-MBX-APIKEY': 'W'.repeat(64) }, 401, -2015],
      [`symbol=BTCUSDT&timestamp=${FROZEN_NOW}`, { 'X-MBX-APIKEY': key.apiKey }, 400, -1102],
      [query.replace('BTCUSDT', 'ETHUSDT'), { 'X-MBX-APIKEY': key.apiKey }, 400, -1022],
      [signedQuery(`symbol=BTCUSDT&timestamp=${FROZEN_NOW - 6000}`, key), { 'X-MBX-APIKEY': key.apiKey }, 400, -1021],
      [signedQuery(`symbol=NOPEUSDT&timestamp=${FROZEN_NOW}`, key), { 'X-MBX-APIKEY': key.apiKey }, 400, -1121],
      [query, { 'X-MBX-APIKEY': keyOf('ED25519').apiKey }, 400, -1022], // hex HMAC on an Ed25519 key
    ];
    for (const [q, headers, status, code] of cases) {
      const response = await get(`/fapi/v1/leverageBracket?${q}`, headers);
      expect([response.status, ((await response.json()) as { code: number }).code], q).toEqual([status, code]);
    }
  });
});
