/**
 * The Multi-Assets demo account (PROTOCOL §13.9): USDT and USDC wallets, positions margined in
 * each, per-asset balances and ACCOUNT_UPDATE `B` rows, USD totals, `multiAssetsMargin: true`.
 */
import { describe, expect, it } from 'vitest';
import { liveSimulators } from './live-helpers';

const start = liveSimulators();

type Row = Record<string, unknown>;

describe('the multi account', () => {
  it('lists BTCUSDC margined in USDC and reports each position\'s marginAsset in v2', async () => {
    const { sim, call } = await start();
    const info = (await (await fetch(`${sim.urls.rest}/fapi/v1/exchangeInfo`)).json()) as { symbols: Row[] };
    expect(info.symbols.find((s) => s.symbol === 'BTCUSDC')).toMatchObject({ quoteAsset: 'USDC', marginAsset: 'USDC', status: 'TRADING' });
    const rows = (await call('v2/account.position', 'multi')).result as Row[];
    expect(rows.map((r) => [r.symbol, r.positionAmt, r.marginAsset])).toEqual([
      ['ETHUSDT', '1.500', 'USDT'],
      ['BTCUSDC', '-0.080', 'USDC'],
    ]);
  });

  it('account.balance per asset; account.status in USD with multiAssetsMargin true', async () => {
    const { call } = await start();
    const balances = (await call('account.balance', 'multi')).result as Row[];
    const byAsset = new Map(balances.map((b) => [b.asset, b]));
    expect(balances[0]!.asset).toBe('USDT');
    // ETH 1.5 × (3650 − 3590.10) = +89.85 in USDT; BTCUSDC −0.08 × (104230 − 105100) = +69.6 in USDC.
    expect(byAsset.get('USDT')).toMatchObject({ balance: '900.00000000', crossWalletBalance: '900.00000000', crossUnPnl: '89.85000000' });
    expect(byAsset.get('USDC')).toMatchObject({ balance: '600.00000000', crossWalletBalance: '600.00000000', crossUnPnl: '69.60000000' });
    const status = (await call('account.status', 'multi')).result as Row & { assets: Row[] };
    expect(status).toMatchObject({ multiAssetsMargin: true, totalWalletBalance: '1500.00000000', totalUnrealizedProfit: '159.45000000' });
    expect(status.assets.find((a) => a.asset === 'USDC')).toMatchObject({ walletBalance: '600.00000000', unrealizedProfit: '69.60000000' });
    const single = (await call('account.status', 'oneway')).result as Row;
    expect(single.multiAssetsMargin).toBe(false);
  });

  it('a USDC fill moves the USDC wallet only, and ACCOUNT_UPDATE carries a USDC B row', async () => {
    const { sim, userStream, call } = await start();
    const events = await userStream('multi');
    // Buy back 0.030 @ 104 000: realised 0.03 × (105100 − 104000) = 33; fee 0.03 × 104000 × 0.0004 = 1.248.
    sim.control.fill({ account: 'multi', symbol: 'BTCUSDC', side: 'BUY', qty: '0.030', price: '104000' });
    const update = await events.take<{ e: string; a: { B: Row[]; P: Row[] } }>((m) => m.e === 'ACCOUNT_UPDATE');
    expect(update.a.B).toEqual([{ a: 'USDC', wb: '631.75200000', cw: '631.75200000', bc: '0.00000000' }]);
    expect(update.a.P).toEqual([expect.objectContaining({ s: 'BTCUSDC', pa: '-0.05' })]);
    const balances = (await call('account.balance', 'multi')).result as Row[];
    expect(balances.find((b) => b.asset === 'USDT')!.balance).toBe('900.00000000');
    expect(balances.find((b) => b.asset === 'USDC')!.balance).toBe('631.75200000');
    const status = (await call('v2/account.status', 'multi')).result as Row;
    expect(status.totalWalletBalance).toBe('1531.75200000');
  });

  it('funding settles per asset: one B row each', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('multi');
    sim.control.settleFunding();
    const update = await events.take<{ e: string; a: { m: string; B: Row[] } }>((m) => m.e === 'ACCOUNT_UPDATE');
    expect(update.a.m).toBe('FUNDING_FEE');
    expect(update.a.B.map((b) => b.a).sort()).toEqual(['USDC', 'USDT']);
    // ETH long pays 1.5 × 3650 × 0.0001 = 0.5475 USDT; BTCUSDC short receives 0.08 × 104230 × 0.00008 = 0.6670720 USDC.
    expect(update.a.B.find((b) => b.a === 'USDT')!.bc).toBe('-0.54750000');
    expect(update.a.B.find((b) => b.a === 'USDC')!.bc).toBe('0.66707200');
  });

  it('a margin call covers the cross positions of both assets', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('multi');
    // Just short of the shared liquidation price: the margin ratio is over 80 %, nothing is liquidated.
    const lp = Number(sim.truth('multi').find((r) => r.symbol === 'BTCUSDC')!.liquidationPrice);
    // Both wallets (USD 1,500) back the short: its LP is beyond what the USDC wallet and uPnL alone carry.
    expect(lp).toBeGreaterThan(104_230 + (600 + 69.6) / 0.08);
    sim.setMark('BTCUSDC', (lp - 100).toFixed(1));
    const call = await events.take<{ e: string; cw?: string; p: Row[] }>((m) => m.e === 'MARGIN_CALL', 3_000);
    expect(call.cw).toBeDefined();
    expect(call.p.map((p) => p.s)).toContain('BTCUSDC');
    expect(sim.truth('multi').find((r) => r.symbol === 'BTCUSDC')!.positionAmt).toBe('-0.080');
  });
});
