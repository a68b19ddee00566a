/**
 * The account methods besides v1 positions (PROTOCOL §4, §5): v2/account.position,
 * account.balance v1/v2 and account.status v1/v2, checked against the truth and each other.
 */
import { describe, expect, it } from 'vitest';
import { type RunningSimulator, type V1PositionRow } from '../../../electron/simulator';
import { eachTestFrozenSimulatorWithPeer, FROZEN_NOW, type Peer, type SignedParams, sign } from './helpers';

let sim: RunningSimulator;
let peer: Peer;
eachTestFrozenSimulatorWithPeer((started, opened) => {
  sim = started;
  peer = opened;
});

async function call<T = unknown>(method: string, name: 'oneway' | 'hedge', extra: SignedParams = {}): Promise<T> {
  const { apiKey, secret } = sim.accounts.find((a) => a.name === name)!;
  const reply = await peer.call({ id: method, method, params: sign({ apiKey, timestamp: FROZEN_NOW, ...extra }, secret) });
  expect(reply.status).toBe(200);
  expect(reply.rateLimits?.[0]?.rateLimitType).toBe('REQUEST_WEIGHT');
  return reply.result as T;
}

const V2_FIELDS = [
  'symbol', 'positionSide', 'positionAmt', 'entryPrice', 'breakEvenPrice', 'markPrice', 'unRealizedProfit',
  'liquidationPrice', 'isolatedMargin', 'notional', 'marginAsset', 'isolatedWallet', 'initialMargin', 'maintMargin',
  'positionInitialMargin', 'openOrderInitialMargin', 'adl', 'bidNotional', 'askNotional', 'updateTime',
];

type Row = Record<string, string | number>;

describe('v2/account.position', () => {
  it('returns only symbols with a position, in the v2 field set, agreeing with v1', async () => {
    const rows = await call<Row[]>('v2/account.position', 'oneway');
    expect(rows.map((r) => r.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', '币安人生USDT']);
    const v1 = sim.truth('oneway');
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(V2_FIELDS);
      expect(typeof row.adl).toBe('number');
      const same = v1.find((r) => r.symbol === row.symbol)!;
      for (const key of ['positionAmt', 'entryPrice', 'breakEvenPrice', 'markPrice', 'unRealizedProfit', 'liquidationPrice', 'notional', 'updateTime'] as const) {
        expect(row[key], `${row.symbol} ${key}`).toBe(same[key]);
      }
    }
    // ETH: −3.5 at mark 3650, 20×: positionInitialMargin = 12 775 / 20; maintenance = 12 775 × 0.5 % (bracket 1, cum 0).
    const eth = rows.find((r) => r.symbol === 'ETHUSDT')!;
    expect(eth).toMatchObject({ initialMargin: '638.75000000', positionInitialMargin: '638.75000000', maintMargin: '63.87500000', marginAsset: 'USDT', isolatedWallet: '0' });
  });

  it('hedge: both sides of a symbol with a position, the flat side as a zero row; SHORT negative', async () => {
    const rows = await call<Row[]>('v2/account.position', 'hedge');
    expect(rows.map((r) => `${r.symbol}:${r.positionSide}:${r.positionAmt}`)).toEqual([
      'BTCUSDT:LONG:0.150', 'BTCUSDT:SHORT:-0.080', 'ETHUSDT:LONG:2.000', 'ETHUSDT:SHORT:-1.200', 'BNBUSDT:LONG:6.00', 'BNBUSDT:SHORT:0.00',
      'XAUUSDT:LONG:0.500', 'XAUUSDT:SHORT:0.000',
    ]);
    expect(rows.find((r) => r.positionSide === 'SHORT' && r.symbol === 'BTCUSDT')!.notional).toMatch(/^-/);
  });

  it('with symbol: that symbol only, [] when it has no position', async () => {
    expect((await call<Row[]>('v2/account.position', 'oneway', { symbol: 'XRPUSDT' })).map((r) => r.symbol)).toEqual(['XRPUSDT']);
    expect(await call('v2/account.position', 'oneway', { symbol: 'DOGEUSDT' })).toEqual([]);
  });
});

describe('account.balance and account.status', () => {
  it('account.balance and v2/account.balance: identical USDT-first rows', async () => {
    const v1 = await call<Row[]>('account.balance', 'oneway');
    const v2 = await call<Row[]>('v2/account.balance', 'oneway');
    expect(v2).toEqual(v1);
    expect(v1.map((r) => r.asset)).toEqual(['USDT', 'BTC', 'BNB', 'USDC']);
    expect(Object.keys(v1[0]!)).toEqual([
      'accountAlias', 'asset', 'balance', 'crossWalletBalance', 'crossUnPnl', 'availableBalance', 'maxWithdrawAmount', 'marginAvailable', 'updateTime',
    ]);
    // Wallet 4 700 less the isolated wallets 2545.865 + 1507.5; cross uPnL: ETH −3.5 × (3650 − 3712.45) + SOL 40 × (182.5 − 178.245)
    // + 币安人生 8000 × (0.1924 − 0.1895).
    expect(v1[0]).toMatchObject({ balance: '7500.00000000', crossWalletBalance: '3446.63500000', crossUnPnl: '411.97500000', marginAvailable: true });
  });

  it('account.status v1: permissions, totals, and every symbol on every side', async () => {
    const status = await call<Record<string, unknown>>('account.status', 'hedge');
    expect(status).toMatchObject({ feeTier: 0, canTrade: true, multiAssetsMargin: false, totalWalletBalance: '3500.00000000' });
    const positions = status.positions as Row[];
    const symbols = new Set(sim.truth('hedge').map((r: V1PositionRow) => r.symbol));
    expect(positions.length).toBe(symbols.size * 2);
    expect(new Set(positions.map((p) => p.positionSide))).toEqual(new Set(['LONG', 'SHORT']));
    const eth = positions.find((p) => p.symbol === 'ETHUSDT' && p.positionSide === 'LONG')!;
    expect(eth).toMatchObject({ isolated: true, leverage: '10', positionAmt: '2.000', entryPrice: '3598.12' });
    const totals = status as Record<string, string>;
    expect(Number(totals.totalMarginBalance)).toBeCloseTo(Number(totals.totalWalletBalance) + Number(totals.totalUnrealizedProfit), 6);
  });

  it('v2/account.status: the same totals, no permission fields, open legs only', async () => {
    const v1 = await call<Record<string, unknown>>('account.status', 'oneway');
    const v2 = await call<Record<string, unknown>>('v2/account.status', 'oneway');
    expect(v2).not.toHaveProperty('canTrade');
    expect(v2).not.toHaveProperty('feeTier');
    for (const key of ['totalWalletBalance', 'totalUnrealizedProfit', 'totalMaintMargin', 'availableBalance']) expect(v2[key]).toBe(v1[key]);
    expect(v2.assets).toEqual(v1.assets);
    const positions = v2.positions as Row[];
    expect(positions.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', '币安人生USDT']);
    expect(Object.keys(positions[0]!)).toEqual([
      'symbol', 'positionSide', 'positionAmt', 'unrealizedProfit', 'isolatedMargin', 'notional', 'isolatedWallet', 'initialMargin', 'maintMargin', 'updateTime',
    ]);
  });

  it('every account method is USER_DATA (weight 5): unsigned calls are refused', async () => {
    for (const method of ['v2/account.position', 'account.balance', 'v2/account.balance', 'account.status', 'v2/account.status']) {
      const reply = await peer.call({ id: method, method, params: { timestamp: FROZEN_NOW } });
      expect(reply.error?.code, method).toBe(-1102);
    }
    const first = await peer.call({ id: 'w1', method: 'session.status' });
    await call('account.balance', 'oneway');
    const second = await peer.call({ id: 'w2', method: 'session.status' });
    expect(second.rateLimits![0]!.count - first.rateLimits![0]!.count).toBe(5 + 2);
  });
});
