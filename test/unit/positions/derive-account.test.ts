/**
 * The account figures (derive-account.ts): per asset, the cross part and the whole account from a
 * v2/account.status read, the stream's balances and the live rows — checked against figures worked
 * out by hand, and as a property: at the read's own marks the live figures are the read's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountAssetRead, AccountStatusRead, AccountTotalsRead } from '../../../electron/exchange/account-types';
import type { Bracket } from '../../../electron/positions/brackets';
import { derive } from '../../../electron/positions/derive';
import { accountLegs, deriveAccount, marginRatioPct, type AccountBasis, type LiveBalance } from '../../../electron/positions/derive-account';
import { buildRow } from '../../../electron/positions/row';
import { MARGIN_RATIO_CAP_PCT } from '../../../shared/account';
import { positionKey, type ExchangePosition, type PositionRow } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

const BRACKETS: readonly Bracket[] = [
  { notionalFloor: 0, notionalCap: 50_000, maintMarginRatio: 0.004, cum: 0 },
  { notionalFloor: 50_000, notionalCap: 1e12, maintMarginRatio: 0.005, cum: 50 },
];

interface Leg {
  symbol: string;
  side?: ExchangePosition['positionSide'];
  amount: number;
  entry: number;
  mark: number;
  leverage?: number;
  isolatedWallet?: number;
  brackets?: readonly Bracket[] | undefined;
}

function row(leg: Leg): PositionRow {
  const side = leg.side ?? 'BOTH';
  const position = v1Row({
    symbol: leg.symbol,
    positionSide: side,
    positionAmt: String(leg.amount),
    entryPrice: String(leg.entry),
    leverage: String(leg.leverage ?? 10),
    marginType: leg.isolatedWallet === undefined ? 'cross' : 'isolated',
    isolatedWallet: String(leg.isolatedWallet ?? 0),
  });
  const brackets = 'brackets' in leg ? leg.brackets : BRACKETS;
  return buildRow(positionKey(leg.symbol, side), position, derive(position, { markPrice: String(leg.mark), eventTime: 1 }, brackets), 1, null);
}

const assetOf = (symbol: string): string => (symbol.endsWith('USDC') ? 'USDC' : 'USDT');

/** What the exchange would report for these legs with `wallet` in the asset (its own formulas, by hand). */
function assetRead(asset: string, wallet: number, legs: readonly Leg[], openOrderInitial = 0): AccountAssetRead {
  const mine = legs.filter((leg) => assetOf(leg.symbol) === asset);
  const upnl = (leg: Leg): number => leg.amount * (leg.mark - leg.entry);
  const mm = (leg: Leg): number => {
    const notional = Math.abs(leg.amount * leg.mark);
    const bracket = BRACKETS.find((b) => notional >= b.notionalFloor && notional < b.notionalCap)!;
    return notional * bracket.maintMarginRatio - bracket.cum;
  };
  const im = (leg: Leg): number => Math.abs(leg.amount * leg.mark) / (leg.leverage ?? 10);
  const total = (pick: (leg: Leg) => number, only: (leg: Leg) => boolean = () => true): number =>
    mine.filter(only).reduce((sum, leg) => sum + pick(leg), 0);
  const cross = (leg: Leg): boolean => leg.isolatedWallet === undefined;
  const crossWallet = wallet - total((leg) => leg.isolatedWallet ?? 0, (leg) => !cross(leg));
  const crossUpnl = total(upnl, cross);
  const positionInitial = total(im);
  const available = Math.max(0, crossWallet + crossUpnl - total(im, cross) - openOrderInitial);
  const s = (value: number): string => value.toFixed(8);
  return {
    asset,
    walletBalance: s(wallet),
    unrealizedProfit: s(total(upnl)),
    marginBalance: s(wallet + total(upnl)),
    maintMargin: s(total(mm)),
    initialMargin: s(positionInitial + openOrderInitial),
    positionInitialMargin: s(positionInitial),
    openOrderInitialMargin: s(openOrderInitial),
    crossWalletBalance: s(crossWallet),
    crossUnPnl: s(crossUpnl),
    availableBalance: s(available),
    maxWithdrawAmount: s(Math.min(available, crossWallet)),
    updateTime: 0,
  };
}

/** Totals that are the sum of the assets at 1:1 (what the simulator reports under Multi-Assets). */
function totalsOf(assets: readonly AccountAssetRead[]): AccountTotalsRead {
  const sum = (pick: (asset: AccountAssetRead) => string): string => assets.reduce((total, asset) => total + Number(pick(asset)), 0).toFixed(8);
  return {
    totalWalletBalance: sum((a) => a.walletBalance),
    totalUnrealizedProfit: sum((a) => a.unrealizedProfit),
    totalMarginBalance: sum((a) => a.marginBalance),
    totalMaintMargin: sum((a) => a.maintMargin),
    totalInitialMargin: sum((a) => a.initialMargin),
    totalPositionInitialMargin: sum((a) => a.positionInitialMargin),
    totalOpenOrderInitialMargin: sum((a) => a.openOrderInitialMargin),
    totalCrossWalletBalance: sum((a) => a.crossWalletBalance),
    totalCrossUnPnl: sum((a) => a.crossUnPnl),
    availableBalance: sum((a) => a.availableBalance),
    maxWithdrawAmount: sum((a) => a.maxWithdrawAmount),
  };
}

function basis(assets: AccountAssetRead[], options: { multiAssets?: boolean; balances?: Map<string, LiveBalance>; totals?: AccountTotalsRead } = {}): AccountBasis {
  const read: AccountStatusRead = { totals: options.totals ?? totalsOf(assets), assets, positions: [] };
  return { read, multiAssets: options.multiAssets ?? false, balances: options.balances ?? new Map(), readAt: 10, balanceAt: 0 };
}

const view = (b: AccountBasis, legs: readonly Leg[]) => deriveAccount(b, accountLegs(legs.map(row), assetOf));

describe('account figures (derive-account.ts)', () => {
  it('single asset, all cross: margin balance, maintenance, available and the ratio, by hand', () => {
    // Long 1 BTC from 50 000 at 49 000: uPnL −1 000; notional 49 000 → MM 196, IM 4 900.
    const legs: Leg[] = [{ symbol: 'BTCUSDT', amount: 1, entry: 50_000, mark: 49_000 }];
    const account = view(basis([assetRead('USDT', 5_000, legs)]), legs);
    expect(account.multiAssets).toBe(false);
    expect(account.total.currency).toBe('USDT');
    expect(account.total.walletBalance).toBeCloseTo(5_000, 8);
    expect(account.total.unrealizedProfit).toBeCloseTo(-1_000, 8);
    expect(account.total.marginBalance).toBeCloseTo(4_000, 8);
    expect(account.total.maintMargin).toBeCloseTo(196, 8);
    expect(account.total.initialMargin).toBeCloseTo(4_900, 8);
    expect(account.total.availableBalance).toBe(0); // 5 000 − 1 000 − 4 900 < 0
    expect(account.total.marginRatioPct).toBeCloseTo((196 / 4_000) * 100, 8);
    expect(account.cross).toEqual(account.total);
    expect(account.readAt).toBe(10);
  });

  it('isolated and cross mixed: the cross part excludes the isolated wallet, uPnL and margins', () => {
    const legs: Leg[] = [
      { symbol: 'BTCUSDT', amount: 0.5, entry: 40_000, mark: 42_000 }, // cross: uPnL +1 000, n 21 000, MM 84, IM 2 100
      { symbol: 'ETHUSDT', amount: -10, entry: 3_000, mark: 3_100, isolatedWallet: 1_500 }, // isolated: uPnL −1 000, n 31 000, MM 124
    ];
    const account = view(basis([assetRead('USDT', 10_000, legs)]), legs);
    expect(account.total.marginBalance).toBeCloseTo(10_000, 8);
    expect(account.total.maintMargin).toBeCloseTo(84 + 124, 8);
    expect(account.cross.walletBalance).toBeCloseTo(8_500, 8);
    expect(account.cross.unrealizedProfit).toBeCloseTo(1_000, 8);
    expect(account.cross.marginBalance).toBeCloseTo(9_500, 8);
    expect(account.cross.maintMargin).toBeCloseTo(84, 8);
    expect(account.cross.initialMargin).toBeCloseTo(2_100, 8);
    expect(account.cross.availableBalance).toBeCloseTo(8_500 + 1_000 - 2_100, 8);
    expect(account.cross.marginRatioPct).toBeCloseTo((84 / 9_500) * 100, 8);
  });

  it('moves with the mark between reads: uPnL and maintenance margin at the live mark', () => {
    const atRead: Leg[] = [{ symbol: 'BTCUSDT', amount: 2, entry: 30_000, mark: 30_000 }];
    const b = basis([assetRead('USDT', 4_000, atRead)]);
    const later = view(b, [{ ...atRead[0]!, mark: 28_500 }]);
    expect(later.total.unrealizedProfit).toBeCloseTo(-3_000, 8);
    expect(later.total.marginBalance).toBeCloseTo(1_000, 8);
    // n 57 000 → bracket 2: 57 000 × 0.005 − 50 = 235.
    expect(later.total.maintMargin).toBeCloseTo(235, 8);
    expect(later.total.marginRatioPct).toBeCloseTo(23.5, 8);
  });

  it('keeps the read maintenance margin of an asset while a row of it has no brackets', () => {
    const legs: Leg[] = [
      { symbol: 'BTCUSDT', amount: 1, entry: 20_000, mark: 20_000 },
      { symbol: 'SOLUSDT', amount: 100, entry: 100, mark: 100, brackets: undefined },
    ];
    const read = { ...assetRead('USDT', 10_000, legs), maintMargin: '123.45000000' };
    const account = view(basis([read]), legs);
    expect(account.total.maintMargin).toBeCloseTo(123.45, 8);
    expect(account.total.marginRatioPct).toBeCloseTo((123.45 / 10_000) * 100, 8);
  });

  it('nothing at stake: no ratio; a margin balance gone: the cap', () => {
    const flat = view(basis([assetRead('USDT', 1_000, [])]), []);
    expect(flat.total.marginRatioPct).toBeNull();
    expect(flat.total.marginBalance).toBe(1_000);
    const legs: Leg[] = [{ symbol: 'BTCUSDT', amount: 1, entry: 50_000, mark: 40_000 }];
    const gone = view(basis([assetRead('USDT', 8_000, legs)]), legs);
    expect(gone.total.marginBalance).toBeCloseTo(-2_000, 8);
    expect(gone.total.marginRatioPct).toBe(MARGIN_RATIO_CAP_PCT);
    expect(gone.total.availableBalance).toBe(0);
    expect(marginRatioPct(0, 0)).toBeNull();
    expect(marginRatioPct(5, 0)).toBe(MARGIN_RATIO_CAP_PCT);
    expect(marginRatioPct(20_000, 1)).toBe(MARGIN_RATIO_CAP_PCT);
  });

  it('a stream balance replaces the read wallet and cross wallet of its asset', () => {
    const legs: Leg[] = [{ symbol: 'BTCUSDT', amount: 1, entry: 50_000, mark: 50_000 }];
    const balances = new Map([['USDT', { walletBalance: 6_000, crossWalletBalance: 6_000 }]]);
    const account = view(basis([assetRead('USDT', 5_000, legs)], { balances }), legs);
    expect(account.total.walletBalance).toBe(6_000);
    expect(account.total.marginBalance).toBeCloseTo(6_000, 8);
    expect(account.cross.availableBalance).toBeCloseTo(6_000 - 5_000, 8);
  });

  it('Multi-Assets: per-asset figures in their own asset, totals in USD moved by the live stablecoin change', () => {
    const atRead: Leg[] = [
      { symbol: 'BTCUSDT', amount: 1, entry: 50_000, mark: 50_000 },
      { symbol: 'ETHUSDC', amount: 10, entry: 3_000, mark: 3_000 },
    ];
    const assets = [assetRead('USDT', 10_000, atRead), assetRead('USDC', 5_000, atRead), { ...assetRead('BTC', 0, []), walletBalance: '0.10000000' }];
    // The exchange values BTC collateral in USD (here at 60 000): totals are not the 1:1 sum.
    const totals = { ...totalsOf(assets.slice(0, 2)), totalWalletBalance: String(15_000 + 6_000), totalCrossWalletBalance: String(15_000 + 6_000) };
    const b = basis(assets, { multiAssets: true, totals });
    const same = view(b, atRead);
    expect(same.multiAssets).toBe(true);
    expect(same.total.currency).toBe('USD');
    expect(same.total.walletBalance).toBeCloseTo(21_000, 8);
    expect(same.assets.map((a) => a.currency)).toEqual(['USDT', 'BTC', 'USDC']);
    expect(same.assets.find((a) => a.currency === 'BTC')?.walletBalance).toBeCloseTo(0.1, 10);

    const moved = view(b, [{ ...atRead[0]!, mark: 49_000 }, { ...atRead[1]!, mark: 3_100 }]);
    expect(moved.assets[0]!.unrealizedProfit).toBeCloseTo(-1_000, 8);
    expect(moved.assets.find((a) => a.currency === 'USDC')!.unrealizedProfit).toBeCloseTo(1_000, 8);
    expect(moved.total.unrealizedProfit).toBeCloseTo(0, 8);
    expect(moved.total.marginBalance).toBeCloseTo(21_000, 8);
    // MM: 49 000 × 0.004 = 196 and 31 000 × 0.004 = 124 (they were 200 and 120).
    expect(moved.total.maintMargin).toBeCloseTo(196 + 124, 8);
    expect(moved.total.marginRatioPct).toBeCloseTo((320 / 21_000) * 100, 8);
    expect(moved.cross.maintMargin).toBeCloseTo(moved.total.maintMargin, 8);
  });

  it('property: at the read marks the live figures equal the read; a mark move shifts uPnL by amount × move', () => {
    const legArb = fc.record({
      symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT'),
      amount: fc.double({ min: -5, max: 5, noNaN: true }).filter((x) => Math.abs(x) > 0.001),
      entry: fc.double({ min: 10, max: 60_000, noNaN: true }),
      mark: fc.double({ min: 10, max: 60_000, noNaN: true }),
      leverage: fc.integer({ min: 1, max: 125 }),
      isolated: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(legArb, { selector: (leg) => leg.symbol, minLength: 0, maxLength: 4 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        (generated, wallet, move) => {
          const legs: Leg[] = generated.map(({ isolated, ...leg }) => (isolated === undefined ? leg : { ...leg, isolatedWallet: isolated }));
          const read = assetRead('USDT', wallet, legs);
          const account = view(basis([read]), legs);
          const tolerance = 1e-6 * Math.max(1, wallet, ...legs.map((leg) => Math.abs(leg.amount * leg.mark)));
          const near = (value: number, text: string): boolean => Math.abs(value - Number(text)) <= tolerance;
          expect(near(account.total.walletBalance, read.walletBalance)).toBe(true);
          expect(near(account.total.unrealizedProfit, read.unrealizedProfit)).toBe(true);
          expect(near(account.total.marginBalance, read.marginBalance)).toBe(true);
          expect(near(account.total.maintMargin, read.maintMargin)).toBe(true);
          expect(near(account.total.initialMargin, read.initialMargin)).toBe(true);
          expect(near(account.cross.walletBalance, read.crossWalletBalance)).toBe(true);
          expect(near(account.cross.unrealizedProfit, read.crossUnPnl)).toBe(true);
          expect(near(account.total.availableBalance, read.availableBalance)).toBe(true);
          const ratio = account.total.marginRatioPct;
          expect(ratio === null || (ratio >= 0 && ratio <= MARGIN_RATIO_CAP_PCT)).toBe(true);

          const shifted = view(basis([read]), legs.map((leg) => ({ ...leg, mark: leg.mark * (1 + move) })));
          const expected = Number(read.unrealizedProfit) + legs.reduce((sum, leg) => sum + leg.amount * leg.mark * move, 0);
          expect(Math.abs(shifted.total.unrealizedProfit - expected)).toBeLessThanOrEqual(tolerance);
          expect(shifted.total.walletBalance).toBe(account.total.walletBalance);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lists USDT first and leaves out assets that hold nothing', () => {
    const account = view(basis([assetRead('USDT', 0, []), assetRead('USDC', 0, []), assetRead('FDUSD', 3, [])]), []);
    expect(account.assets.map((a) => a.currency)).toEqual(['USDT', 'FDUSD']);
  });
});
