/**
 * The account endpoints over real sockets (issue 13): `GET /fapi/v1/income` books every funding
 * payment with the amount its FUNDING_FEE ACCOUNT_UPDATE carried (cross and isolated, each margin
 * asset), plus the realised PnL and commission of fills; `GET /fapi/v1/adlQuantile` agrees with the
 * v2 rows' `adl`; `GET /fapi/v1/accountConfig` describes the account; all three refuse a bad signature.
 */
import { describe, expect, it } from 'vitest';
import { FROZEN_NOW } from './helpers';
import { type LiveEvent, liveSimulators } from './live-helpers';
import { badlySignedGet, signedGet, signedJson } from './rest-signing';
import type { IncomeRow } from '../../../electron/simulator/income-ledger';

const start = liveSimulators();


interface BalanceRow {
  a: string;
  wb: string;
  cw: string;
  bc: string;
}

type FundingUpdate = LiveEvent & { a: { m: string; B: BalanceRow[]; P: { s: string; mt: string }[] } };

/** Adds 8-decimal amounts exactly (as integers of 1e-8). */
const sum8 = (values: string[]): string => {
  const total = values.reduce((acc, v) => acc + BigInt(v.replace('.', '')), 0n);
  const sign = total < 0n ? '-' : '';
  const digits = (total < 0n ? -total : total).toString().padStart(9, '0');
  return `${sign}${digits.slice(0, -8)}.${digits.slice(-8)}`;
};

describe('GET /fapi/v1/income', () => {
  for (const account of ['oneway', 'hedge', 'multi'] as const) {
    it(`${account}: every funding payment appears with the amount its ACCOUNT_UPDATE carried`, async () => {
      const { sim, userStream } = await start();
      const events = await userStream(account);
      sim.control.settleFunding();
      const rows = await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', account, 'incomeType=FUNDING_FEE');
      expect(rows.length).toBeGreaterThan(0);
      const isolated = new Set(sim.truth(account).filter((r) => r.marginType === 'isolated' && Number(r.positionAmt) !== 0).map((r) => r.symbol));
      const crossRows = rows.filter((r) => !isolated.has(r.symbol));
      const isolatedRows = rows.filter((r) => isolated.has(r.symbol));
      const updates: FundingUpdate[] = [];
      for (let i = 0; i < isolatedRows.length + (crossRows.length > 0 ? 1 : 0); i++) {
        updates.push(await events.take<FundingUpdate>((m) => m.e === 'ACCOUNT_UPDATE'));
      }
      expect(updates.every((u) => u.a.m === 'FUNDING_FEE')).toBe(true);
      // Cross payments: one balance-only update, its bc per asset the sum of that asset's rows.
      const crossUpdate = updates.find((u) => u.a.P.length === 0);
      if (crossRows.length > 0) {
        expect(crossUpdate).toBeDefined();
        for (const balance of crossUpdate!.a.B) {
          expect(sum8(crossRows.filter((r) => r.asset === balance.a).map((r) => r.income))).toBe(balance.bc);
        }
        expect(new Set(crossRows.map((r) => r.asset))).toEqual(new Set(crossUpdate!.a.B.map((b) => b.a)));
      }
      // Isolated payments: one update per leg, with the leg; its bc is that leg's row (both hedge legs may be isolated).
      for (const symbol of isolated) {
        const legUpdates = updates.filter((u) => u.a.P[0]?.s === symbol);
        expect(legUpdates.every((u) => u.a.B.length === 1 && u.a.P[0]!.mt === 'isolated')).toBe(true);
        const fromStream = legUpdates.map((u) => `${u.a.B[0]!.a} ${u.a.B[0]!.bc}`).sort();
        expect(isolatedRows.filter((r) => r.symbol === symbol).map((r) => `${r.asset} ${r.income}`).sort()).toEqual(fromStream);
      }
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(['symbol', 'incomeType', 'income', 'asset', 'info', 'time', 'tranId', 'tradeId']);
        expect(row).toMatchObject({ incomeType: 'FUNDING_FEE', info: 'FUNDING_FEE', time: FROZEN_NOW, tradeId: '' });
        expect(row.income).toMatch(/^-?\d+\.\d{8}$/);
        expect(Number.isSafeInteger(row.tranId)).toBe(true);
      }
      expect(new Set(rows.map((r) => r.tranId)).size).toBe(rows.length);
    });
  }

  it('books the realised PnL and the commission of a fill, with its trade id; filters by symbol and type', async () => {
    const { sim } = await start();
    // Buy back 0.010 of the oneway ETH short (−3.500 @ 3712.45, cross) at 3700.
    const receipt = sim.control.fill({ account: 'oneway', symbol: 'ETHUSDT', side: 'BUY', qty: '0.010', price: '3700' });
    const rows = await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', 'oneway', 'symbol=ETHUSDT');
    const realized = rows.find((r) => r.incomeType === 'REALIZED_PNL')!;
    const commission = rows.find((r) => r.incomeType === 'COMMISSION')!;
    // 0.01 × (3712.45 − 3700) = 0.1245
    expect(realized).toMatchObject({ symbol: 'ETHUSDT', income: '0.12450000', asset: 'USDT', tradeId: String(receipt.tradeId) });
    // 0.01 × 3700 × 0.0004 = 0.0148
    expect(commission).toMatchObject({ income: '-0.01480000', tradeId: String(receipt.tradeId) });
    const onlyFees = await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', 'oneway', 'incomeType=COMMISSION');
    expect(onlyFees.map((r) => r.incomeType)).toEqual(['COMMISSION']);
    expect(await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', 'oneway', 'symbol=BTCUSDT')).toEqual([]);
  });

  it('oldest first, paged by page and limit; the 7-day default window; explicit bounds inclusive', async () => {
    let now = FROZEN_NOW;
    const { sim } = await start({ now: () => now });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      now = FROZEN_NOW + i * 3_600_000;
      times.push(now);
      sim.control.settleFunding();
    }
    const all = await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', 'hedge', 'incomeType=FUNDING_FEE&symbol=BTCUSDT', now);
    // BTCUSDT: a LONG and a SHORT leg on hedge, one row each per round.
    expect(all.map((r) => r.time)).toEqual(times.flatMap((t) => [t, t]));
    const page2 = await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', 'hedge', 'incomeType=FUNDING_FEE&symbol=BTCUSDT&limit=3&page=2', now);
    expect(page2).toEqual(all.slice(3, 6));
    const bounded = await signedJson<IncomeRow[]>(
      sim, '/fapi/v1/income', 'hedge', `symbol=BTCUSDT&startTime=${times[1]}&endTime=${times[2]}`, now,
    );
    expect(bounded.map((r) => r.time)).toEqual([times[1], times[1], times[2], times[2]]);
    // Eight days later, the default window no longer reaches the rounds.
    now = times[4]! + 8 * 86_400_000;
    expect(await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', 'hedge', '', now)).toEqual([]);
    expect((await signedJson<IncomeRow[]>(sim, '/fapi/v1/income', 'hedge', `startTime=${times[0]}`, now)).length).toBeGreaterThan(0);
  });

  it('refuses an unknown income type, a bad limit and a malformed time, and costs weight 30', async () => {
    const { sim } = await start();
    const unknown = await signedGet(sim, '/fapi/v1/income', 'oneway', 'incomeType=BONUS');
    expect([unknown.status, await unknown.json()]).toEqual([400, { code: -1130, msg: "Data sent for parameter 'incomeType' is not valid." }]);
    const tooMany = await signedGet(sim, '/fapi/v1/income', 'oneway', 'limit=1001');
    expect(((await tooMany.json()) as { code: number }).code).toBe(-1130);
    const malformed = await signedGet(sim, '/fapi/v1/income', 'oneway', 'startTime=yesterday');
    expect(((await malformed.json()) as { code: number }).code).toBe(-1100);
    const known = await signedGet(sim, '/fapi/v1/income', 'oneway', 'incomeType=TRANSFER');
    expect(await known.json()).toEqual([]);
    // The WS API handshake (5) plus four income requests (30 each).
    expect(known.headers.get('x-mbx-used-weight-1m')).toBe('125');
  });
});

describe('GET /fapi/v1/adlQuantile', () => {
  it('one entry per symbol with a position, the same quantile the v2 rows show', async () => {
    const { sim, call } = await start();
    for (const account of ['oneway', 'hedge', 'multi'] as const) {
      const entries = await signedJson<{ symbol: string; adlQuantile: Record<string, number> }[]>(sim, '/fapi/v1/adlQuantile', account);
      const rows = (await call('v2/account.position', account)).result as { symbol: string; positionSide: string; positionAmt: string; adl: number }[];
      const open = rows.filter((r) => Number(r.positionAmt) !== 0);
      expect(entries.map((e) => e.symbol)).toEqual([...new Set(open.map((r) => r.symbol))]);
      for (const row of open) {
        const entry = entries.find((e) => e.symbol === row.symbol)!;
        expect(entry.adlQuantile[row.positionSide]).toBe(row.adl);
      }
    }
  });

  it('hedge + cross: HEDGE (0) instead of BOTH, LONG and SHORT equal when both are open; isolated: BOTH', async () => {
    const { sim } = await start();
    const entries = await signedJson<{ symbol: string; adlQuantile: Record<string, number> }[]>(sim, '/fapi/v1/adlQuantile', 'hedge');
    const btc = entries.find((e) => e.symbol === 'BTCUSDT')!.adlQuantile;
    expect(Object.keys(btc)).toEqual(['LONG', 'SHORT', 'HEDGE']);
    expect(btc.HEDGE).toBe(0);
    expect(btc.LONG).toBe(btc.SHORT);
    const gold = entries.find((e) => e.symbol === 'XAUUSDT')!.adlQuantile;
    expect(Object.keys(gold)).toEqual(['LONG', 'SHORT', 'BOTH']);
    expect([gold.SHORT, gold.BOTH]).toEqual([0, 0]);
    const one = await signedJson<unknown[]>(sim, '/fapi/v1/adlQuantile', 'hedge', 'symbol=XAUUSDT');
    expect(one).toEqual([entries.find((e) => e.symbol === 'XAUUSDT')]);
    const bad = await signedGet(sim, '/fapi/v1/adlQuantile', 'hedge', 'symbol=NOPEUSDT');
    expect(((await bad.json()) as { code: number }).code).toBe(-1121);
  });

  it('a winning leg climbs the queue when its mark moves its way', async () => {
    const { sim } = await start();
    const quantile = async () =>
      (await signedJson<{ symbol: string; adlQuantile: Record<string, number> }[]>(sim, '/fapi/v1/adlQuantile', 'multi', 'symbol=ETHUSDT'))[0]!.adlQuantile.BOTH;
    sim.setMark('ETHUSDT', '3500'); // the long loses: last in the queue
    expect(await quantile()).toBe(0);
    sim.setMark('ETHUSDT', '5500'); // far in profit at 20×: first in the queue
    expect(await quantile()).toBe(4);
  });
});

describe('GET /fapi/v1/accountConfig', () => {
  it('says each account\'s position mode and Multi-Assets mode, in the documented shape', async () => {
    const { sim } = await start();
    const expected = {
      oneway: { dualSidePosition: false, multiAssetsMargin: false },
      hedge: { dualSidePosition: true, multiAssetsMargin: false },
      multi: { dualSidePosition: false, multiAssetsMargin: true },
    };
    for (const [account, mode] of Object.entries(expected) as [keyof typeof expected, (typeof expected)['oneway']][]) {
      const config = await signedJson<Record<string, unknown>>(sim, '/fapi/v1/accountConfig', account);
      expect(config).toEqual({ feeTier: 0, canTrade: true, canDeposit: true, canWithdraw: true, ...mode, updateTime: 0, tradeGroupId: -1 });
      expect(Object.keys(config)).toEqual(['feeTier', 'canTrade', 'canDeposit', 'canWithdraw', 'dualSidePosition', 'updateTime', 'multiAssetsMargin', 'tradeGroupId']);
    }
  });
});

describe('the new endpoints are signed', () => {
  for (const path of ['/fapi/v1/income', '/fapi/v1/adlQuantile', '/fapi/v1/accountConfig']) {
    it(`${path} refuses a bad signature (-1022) and a missing key (-2014)`, async () => {
      const { sim } = await start();
      const bad = await badlySignedGet(sim, path, 'oneway');
      expect([bad.status, await bad.json()]).toEqual([400, { code: -1022, msg: 'Signature for this request is not valid.' }]);
      const anonymous = await fetch(`${sim.urls.rest}${path}?timestamp=${FROZEN_NOW}`);
      expect(((await anonymous.json()) as { code: number }).code).toBe(-2014);
    });
  }
});

describe('hostile params', () => {
  it('any value in any income or adlQuantile param gets 200 or a 400 {code,msg}, never a failure', async () => {
    const { sim } = await start({ weightLimit: 1_000_000 });
    const values = ['', '-1', '1e309', 'NaN', '9'.repeat(40), '%00', '币安人生USDT', '<script>', 'FUNDING_FEE,COMMISSION', ' 5', '0x10'];
    const params = ['symbol', 'incomeType', 'startTime', 'endTime', 'page', 'limit'];
    for (const name of params) {
      for (const value of values) {
        const response = await signedGet(sim, '/fapi/v1/income', 'oneway', `${name}=${encodeURIComponent(value)}`);
        const body = (await response.json()) as unknown;
        if (response.status === 200) expect(Array.isArray(body), `${name}=${value}`).toBe(true);
        else {
          expect(response.status, `${name}=${value}`).toBe(400);
          const error = body as { code: unknown; msg: unknown };
          expect(Object.keys(error)).toEqual(['code', 'msg']);
          expect([typeof error.code, typeof error.msg]).toEqual(['number', 'string']);
        }
      }
    }
    for (const value of values) {
      const response = await signedGet(sim, '/fapi/v1/adlQuantile', 'hedge', `symbol=${encodeURIComponent(value)}`);
      expect([200, 400]).toContain(response.status);
    }
  });
});
