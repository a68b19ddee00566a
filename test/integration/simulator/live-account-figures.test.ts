/**
 * The account figures against Binance's definitions (issue 13, README "Account figures"), recomputed
 * here from the exchange's own position rows and bracket table — never from the simulator's code:
 * `v2/account.status` totals and assets, `account.balance` rows, and the `B` rows of ACCOUNT_UPDATE
 * after fills, funding and margin moves. Amounts are compared in units of 1e-8, allowing one unit
 * of truncation per summed term.
 */
import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../electron/simulator';
import { control } from './helpers';
import { type LiveEvent, liveSimulators } from './live-helpers';
import { signedJson } from './rest-signing';

const start = liveSimulators();

/** An 8-decimal string as an integer of 1e-8 units (truncated beyond). */
function units(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole!) * 100_000_000n + BigInt(fraction.padEnd(8, '0').slice(0, 8));
  return negative ? -value : value;
}

/** Expects `actual` within `terms` units of `expected`. */
function near(actual: string, expected: bigint, terms: number, label: string): void {
  const diff = units(actual) - expected;
  expect(diff < 0n ? -diff : diff, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(BigInt(terms));
}

const sum = (values: bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

type Account = 'oneway' | 'hedge' | 'multi';

interface V2Row {
  symbol: string;
  positionSide: string;
  positionAmt: string;
  unRealizedProfit: string;
  notional: string;
  marginAsset: string;
  isolatedWallet: string;
  initialMargin: string;
  maintMargin: string;
}

interface Bracket {
  notionalCap: number;
  notionalFloor: number;
  maintMarginRatio: number;
  cum: number;
}

interface Status {
  [total: string]: unknown;
  assets: Record<string, string>[];
  positions: Record<string, string>[];
}

/** |notional| × MMR − cum of the bracket holding |notional| (PROTOCOL §10), from `GET /fapi/v1/leverageBracket`. */
function bracketMaint(notional: number, brackets: Bracket[]): number {
  const bracket = brackets.find((b) => notional >= b.notionalFloor && notional < b.notionalCap) ?? brackets[brackets.length - 1]!;
  return notional * bracket.maintMarginRatio - bracket.cum;
}

async function figures(sim: RunningSimulator, call: (method: string, account: Account) => Promise<{ result?: unknown }>, account: Account) {
  const rows = ((await call('v2/account.position', account)).result as V2Row[]).filter((r) => units(r.positionAmt) !== 0n);
  const status = (await call('v2/account.status', account)).result as Status;
  const balances = (await call('account.balance', account)).result as Record<string, string>[];
  const brackets = await signedJson<{ symbol: string; brackets: Bracket[] }[]>(sim, '/fapi/v1/leverageBracket', account);
  return { rows, status, balances, brackets: new Map(brackets.map((b) => [b.symbol, b.brackets])) };
}

function checkFigures(account: Account, sim: RunningSimulator, f: Awaited<ReturnType<typeof figures>>): void {
  const { rows, status, balances, brackets } = f;
  const total = (name: string): string => status[name] as string;
  const leverage = new Map(sim.truth(account).map((r) => [r.symbol, Number(r.leverage)]));
  const cross = rows.filter((r) => units(r.isolatedWallet) === 0n);
  const n = rows.length;
  // Each position's maintenance margin by the bracket formula, its initial margin |notional| ÷ leverage.
  for (const row of rows) {
    const notional = Math.abs(Number(row.notional));
    expect(Number(row.maintMargin)).toBeCloseTo(bracketMaint(notional, brackets.get(row.symbol)!), 6);
    expect(Number(row.initialMargin)).toBeCloseTo(notional / leverage.get(row.symbol)!, 6);
  }
  near(total('totalUnrealizedProfit'), sum(rows.map((r) => units(r.unRealizedProfit))), n, 'totalUnrealizedProfit');
  near(total('totalMaintMargin'), sum(rows.map((r) => units(r.maintMargin))), n, 'totalMaintMargin = Σ maint');
  near(total('totalInitialMargin'), sum(rows.map((r) => units(r.initialMargin))), n, 'totalInitialMargin');
  // Each printed figure is truncated on its own: the identity holds to one unit.
  near(total('totalMarginBalance'), units(total('totalWalletBalance')) + units(total('totalUnrealizedProfit')), 1, 'totalMarginBalance = wallet + uPnL');
  // cw = wallet − isolated wallets; cross uPnL over cross legs only.
  expect(units(total('totalCrossWalletBalance'))).toBe(units(total('totalWalletBalance')) - sum(rows.map((r) => units(r.isolatedWallet))));
  near(total('totalCrossUnPnl'), sum(cross.map((r) => units(r.unRealizedProfit))), n, 'totalCrossUnPnl');
  const available = units(total('totalCrossWalletBalance')) + units(total('totalCrossUnPnl')) - sum(cross.map((r) => units(r.initialMargin)));
  near(total('availableBalance'), available > 0n ? available : 0n, n, 'availableBalance');
  // Per asset, in its own asset; the totals are their sum (USD, stablecoins at 1).
  const held = status.assets.filter((a) => units(a.walletBalance!) !== 0n);
  expect(units(total('totalWalletBalance'))).toBe(sum(held.map((a) => units(a.walletBalance!))));
  for (const asset of held) {
    const own = rows.filter((r) => r.marginAsset === asset.asset);
    near(asset.unrealizedProfit!, sum(own.map((r) => units(r.unRealizedProfit))), own.length, `${asset.asset} unrealizedProfit`);
    near(asset.maintMargin!, sum(own.map((r) => units(r.maintMargin))), own.length, `${asset.asset} maintMargin`);
    near(asset.marginBalance!, units(asset.walletBalance!) + units(asset.unrealizedProfit!), 1, `${asset.asset} marginBalance`);
    expect(units(asset.crossWalletBalance!)).toBe(units(asset.walletBalance!) - sum(own.map((r) => units(r.isolatedWallet))));
    const balance = balances.find((b) => b.asset === asset.asset)!;
    expect([balance.balance, balance.crossWalletBalance, balance.crossUnPnl, balance.availableBalance]).toEqual([
      asset.walletBalance, asset.crossWalletBalance, asset.crossUnPnl, asset.availableBalance,
    ]);
  }
}

describe('account figures by Binance\'s definitions', () => {
  for (const scenario of ['oneway', 'mixed'] as const) {
    for (const account of ['oneway', 'hedge', 'multi'] as const) {
      it(`${scenario} scenario, ${account}: totals, assets and balance rows`, async () => {
        const { sim, call } = await start({ scenario });
        checkFigures(account, sim, await figures(sim, call, account));
      });
    }
  }

  it('accountTruth (in process and over POST /__sim) is the v2/account.status reply', async () => {
    const { sim, call } = await start({ control: true });
    sim.control.pressMargin('multi', 40);
    for (const account of ['oneway', 'hedge', 'multi'] as const) {
      const wire = (await call('v2/account.status', account)).result;
      expect(sim.accountTruth(account)).toEqual(wire);
      expect(sim.control.accountTruth(account)).toEqual(wire);
      expect((await control(sim, { command: 'accountTruth', account })).body).toEqual({ ok: true, status: wire });
    }
  });

  it('still hold after marks move, fills, funding and a liquidation', async () => {
    const { sim, call } = await start();
    sim.control.pressMargin('oneway', 70);
    sim.control.fill({ account: 'oneway', symbol: 'XRPUSDT', side: 'BUY', qty: '1000' });
    sim.control.settleFunding();
    sim.setMark('BTCUSDT', '90000'); // the isolated BTC long is liquidated
    for (const account of ['oneway', 'hedge', 'multi'] as const) checkFigures(account, sim, await figures(sim, call, account));
  });

  it('the demo accounts start as a trader’s would: a cross margin ratio of a few percent (1–40 %) and balance still available', async () => {
    const { sim, call } = await start();
    for (const account of ['oneway', 'hedge', 'multi'] as const) {
      const { rows, status } = await figures(sim, call, account);
      const cross = rows.filter((r) => units(r.isolatedWallet) === 0n);
      const crossMaint = cross.reduce((acc, r) => acc + Number(r.maintMargin), 0);
      const pct = (100 * crossMaint) / (Number(status.totalCrossWalletBalance) + Number(status.totalCrossUnPnl));
      expect(pct, account).toBeGreaterThanOrEqual(1);
      expect(pct, account).toBeLessThanOrEqual(40);
      expect(Number(status.availableBalance), account).toBeGreaterThan(0);
    }
    // Isolated positions to show on oneway and hedge; Multi-Assets mode supports cross margin only, as on Binance.
    expect(() => sim.control.setMarginType('multi', 'SOLUSDT', 'isolated')).toThrow(/Multi-Assets/);
    for (const account of ['oneway', 'hedge'] as const) {
      expect(sim.truth(account).some((r) => r.marginType === 'isolated' && units(r.positionAmt) !== 0n)).toBe(true);
    }
  });
});

describe('ACCOUNT_UPDATE balances', () => {
  type Update = LiveEvent & { a: { m: string; B: { a: string; wb: string; cw: string; bc: string }[]; P: { s: string; iw: string; mt: string }[] } };

  it('after an isolated fill: wb is the wallet, cw the wallet less every isolated wallet, bc 0', async () => {
    const { sim, call, userStream } = await start();
    const events = await userStream('oneway');
    sim.control.fill({ account: 'oneway', symbol: 'BTCUSDT', side: 'BUY', qty: '0.010' });
    const update = await events.take<Update>((m) => m.e === 'ACCOUNT_UPDATE');
    const { rows, status } = await figures(sim, call, 'oneway');
    expect(update.a.B).toEqual([
      { a: 'USDT', wb: status.totalWalletBalance, cw: status.totalCrossWalletBalance, bc: '0.00000000' },
    ]);
    expect(units(update.a.B[0]!.cw)).toBe(units(update.a.B[0]!.wb) - sum(rows.map((r) => units(r.isolatedWallet))));
    expect(update.a.P[0]).toMatchObject({ s: 'BTCUSDT', mt: 'isolated', iw: rows.find((r) => r.symbol === 'BTCUSDT')!.isolatedWallet });
  });

  it('after funding and after a liquidation: every update carries the B row of the wallet it moved', async () => {
    const { sim, call, userStream } = await start();
    const events = await userStream('hedge');
    sim.control.settleFunding();
    // Cross (BTC, BNB) together; then ETH LONG, ETH SHORT and XAU, each isolated, with its leg.
    const funding: Update[] = [];
    for (let i = 0; i < 4; i++) funding.push(await events.take<Update>((m) => m.e === 'ACCOUNT_UPDATE'));
    expect(funding.map((u) => u.a.m)).toEqual(['FUNDING_FEE', 'FUNDING_FEE', 'FUNDING_FEE', 'FUNDING_FEE']);
    const last = funding[3]!.a.B[0]!;
    const { status } = await figures(sim, call, 'hedge');
    expect([last.wb, last.cw]).toEqual([status.totalWalletBalance, status.totalCrossWalletBalance]);
    // Each update's wb moved by exactly its bc from the one before.
    for (let i = 1; i < funding.length; i++) {
      expect(units(funding[i]!.a.B[0]!.wb)).toBe(units(funding[i - 1]!.a.B[0]!.wb) + units(funding[i]!.a.B[0]!.bc));
    }
    sim.setMark('XAUUSDT', '3300'); // below the isolated gold long's LP (≈ 3367)
    const liquidation = await events.take<Update>((m) => m.e === 'ACCOUNT_UPDATE' && m.a.P.some((p) => p.s === 'XAUUSDT'));
    const after = await figures(sim, call, 'hedge');
    expect(liquidation.a.B).toEqual([
      { a: 'USDT', wb: after.status.totalWalletBalance, cw: after.status.totalCrossWalletBalance, bc: '0.00000000' },
    ]);
    // The isolated wallet went to the insurance fund: the cross wallet did not move.
    expect(liquidation.a.B[0]!.cw).toBe(last.cw);
  });
});
