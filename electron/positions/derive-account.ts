/**
 * The account's figures, computed in exactly one place (derive.ts's sibling): from the last
 * `v2/account.status` read, the wallet balances the user stream announced since (`ACCOUNT_UPDATE`
 * `B`: `wb`, `cw`), and the live rows — so uPnL, maintenance margin, margin balance and the margin
 * ratio move with the mark between reads, as the exchange's own panel does.
 *
 * Per margin asset, from the open rows margined in it:
 * - uPnL = Σ row uPnL at the live mark; maintenance margin = Σ row maintenance margin (from the
 *   brackets: if any row of the asset has none, the read's figure for the asset is kept);
 * - initial margin = Σ |notional| / leverage of its positions + the read's open order initial margin;
 * - margin balance = wallet + uPnL; available = max(0, cross wallet + cross uPnL − cross initial margin);
 * - margin ratio = maintenance margin ÷ margin balance × 100 (liquidation at 100): null with nothing at
 *   stake, MARGIN_RATIO_CAP_PCT once the margin balance is gone.
 * `cross` is the same over the cross positions with the cross wallet: the ratio cross positions are
 * liquidated by. `total` is the USDT asset in single-asset mode; under Multi-Assets it is the read's
 * USD totals moved by the live change of each stablecoin asset at 1:1 (see multiAssetsFigures).
 */
import { MARGIN_RATIO_CAP_PCT, type AccountFigures, type AccountView } from '../../shared/account';
import type { PositionRow } from '../../shared/position';
import type { AccountAssetRead, AccountStatusRead, AccountTotalsRead } from '../exchange/account-types';

/** An open position as the account figures need it. */
export interface AccountLeg {
  /** `${symbol}:${positionSide}`. */
  readonly key: string;
  /** The margin asset of its symbol. */
  readonly asset: string;
  readonly cross: boolean;
  readonly unrealizedPnl: number;
  /** Null when the symbol's brackets are not known. */
  readonly maintMargin: number | null;
  /** |notional| / leverage at the mark; null when the leverage is not known. */
  readonly initialMargin: number | null;
}

/** A wallet balance newer than the read (an `ACCOUNT_UPDATE` `B` row). */
export interface LiveBalance {
  readonly walletBalance: number;
  readonly crossWalletBalance: number;
}

/** What the figures are computed from (account-state.ts keeps it). */
export interface AccountBasis {
  readonly read: AccountStatusRead;
  readonly multiAssets: boolean;
  /** Balances the stream announced after the read, by asset. */
  readonly balances: ReadonlyMap<string, LiveBalance>;
  /** Local time the read arrived (ms). */
  readonly readAt: number;
  /** Local time a balance event last moved the figures (ms; 0 when none). */
  readonly balanceAt: number;
}

/**
 * Assets counted at 1:1 with USD when moving a Multi-Assets account's USD totals between reads. Their
 * price differs from 1 by basis points; an asset not listed (BTC as collateral) keeps its read figure
 * until the next read, which re-prices it exactly.
 */
export const USD_STABLE_ASSETS: ReadonlySet<string> = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'BNFCR', 'USDE']);

/** The most assets listed (accountViewSchema bounds them). */
const MAX_ASSETS = 50;

/** The account legs of the open rows. */
export function accountLegs(rows: Iterable<PositionRow>, assetOf: (symbol: string) => string): AccountLeg[] {
  const legs: AccountLeg[] = [];
  for (const row of rows) {
    const leverage = Number(row.leverage);
    legs.push({
      key: row.key,
      asset: assetOf(row.symbol),
      cross: row.marginType === 'cross',
      unrealizedPnl: row.derived.unrealizedPnl,
      maintMargin: row.derived.maintMargin,
      initialMargin: leverage > 0 ? Math.abs(row.derived.notional) / leverage : null,
    });
  }
  return legs;
}

/** The account view: per asset, the cross part and the whole account (see the file comment). */
export function deriveAccount(basis: AccountBasis, legs: readonly AccountLeg[], lastMoveAt = 0): AccountView {
  const { read, multiAssets } = basis;
  const names = assetNames(read, basis.balances, legs);
  const assets = names.map((asset) => assetFigures(asset, read.assets.find((entry) => entry.asset === asset), legs, basis.balances.get(asset)));
  const usdt = assets.find((figures) => figures.own.currency === 'USDT') ?? assetFigures('USDT', undefined, [], undefined);
  const { total, cross } = multiAssets ? multiAssetsFigures(read.totals, assets) : { total: usdt.own, cross: usdt.cross };
  if (multiAssets) {
    // The pool is shared: an asset cannot offer more than the account has available.
    for (const figures of assets) figures.own.availableBalance = Math.min(figures.own.availableBalance, total.availableBalance);
  }
  return {
    multiAssets,
    total,
    cross,
    assets: assets.map((figures) => figures.own).filter((figures, index) => index === 0 || isHeld(figures)).slice(0, MAX_ASSETS),
    readAt: basis.readAt,
    updatedAt: Math.max(basis.readAt, basis.balanceAt, lastMoveAt),
  };
}

/**
 * Maintenance margin ÷ margin balance in percent: null when nothing is at stake, the cap when the
 * balance is gone (the ratio would divide by zero or turn negative), within 0–cap otherwise.
 */
export function marginRatioPct(maintMargin: number, marginBalance: number): number | null {
  if (!(maintMargin > 0)) return null;
  if (!(marginBalance > 0)) return MARGIN_RATIO_CAP_PCT;
  return Math.min(MARGIN_RATIO_CAP_PCT, (maintMargin / marginBalance) * 100);
}

/** One asset's figures and the cross part of them, plus the read's own, for the Multi-Assets deltas. */
interface AssetResult {
  own: AccountFigures;
  cross: AccountFigures;
  /** The same figures as the read stated them. */
  atRead: { wallet: number; crossWallet: number; unrealized: number; crossUnrealized: number; maint: number; initial: number; crossInitial: number };
}

function assetFigures(asset: string, entry: AccountAssetRead | undefined, allLegs: readonly AccountLeg[], live: LiveBalance | undefined): AssetResult {
  const legs = allLegs.filter((leg) => leg.asset === asset);
  const crossLegs = legs.filter((leg) => leg.cross);
  const isolatedLegs = legs.filter((leg) => !leg.cross);
  const read = parsedAsset(entry);
  const wallet = live?.walletBalance ?? read.wallet;
  const crossWallet = live?.crossWalletBalance ?? read.crossWallet;
  const unrealized = sum(legs, (leg) => leg.unrealizedPnl);
  const crossUnrealized = sum(crossLegs, (leg) => leg.unrealizedPnl);
  // Without the brackets of every position the live sum would undercount: the read's figure stands
  // (for the cross part: less what the isolated positions are known to need).
  const liveMaint = sumKnown(legs, (leg) => leg.maintMargin);
  const maint = liveMaint ?? read.maint;
  const crossMaint = sumKnown(crossLegs, (leg) => leg.maintMargin) ?? Math.max(0, read.maint - (sumKnown(isolatedLegs, (leg) => leg.maintMargin) ?? 0));
  const positionInitial = sumKnown(legs, (leg) => leg.initialMargin) ?? read.positionInitial;
  const crossPositionInitial =
    sumKnown(crossLegs, (leg) => leg.initialMargin) ?? Math.max(0, read.positionInitial - (sumKnown(isolatedLegs, (leg) => leg.initialMargin) ?? 0));
  const initial = positionInitial + read.openOrderInitial;
  const crossInitial = crossPositionInitial + read.openOrderInitial;
  const available = Math.max(0, crossWallet + crossUnrealized - crossInitial);
  const own = figures(asset, wallet, unrealized, maint, initial, available);
  const cross = figures(asset, crossWallet, crossUnrealized, crossMaint, crossInitial, available);
  const readCrossInitial = Math.max(0, read.initial - (sumKnown(isolatedLegs, (leg) => leg.initialMargin) ?? 0));
  return {
    own,
    cross,
    atRead: {
      wallet: read.wallet,
      crossWallet: read.crossWallet,
      unrealized: read.unrealized,
      crossUnrealized: read.crossUnrealized,
      maint: read.maint,
      initial: read.initial,
      crossInitial: readCrossInitial,
    },
  };
}

/**
 * A Multi-Assets account in USD: the read's totals, each moved by the live change of every stablecoin
 * asset since the read, at 1:1. This is an approximation — the exchange values USDC and the others at
 * their index price, a few basis points off 1 — that holds only between reads: every read replaces
 * the totals with the exchange's own. Other collateral (BTC, ETH…) keeps its read figure meanwhile.
 * Multi-Assets mode allows cross margin only, so the cross part is the account's cross wallet and
 * cross uPnL with the account's maintenance and initial margin.
 */
function multiAssetsFigures(totals: AccountTotalsRead, assets: readonly AssetResult[]): { total: AccountFigures; cross: AccountFigures } {
  const delta = { wallet: 0, crossWallet: 0, unrealized: 0, crossUnrealized: 0, maint: 0, initial: 0, crossInitial: 0 };
  for (const { own, cross, atRead } of assets) {
    if (!USD_STABLE_ASSETS.has(own.currency)) continue;
    delta.wallet += own.walletBalance - atRead.wallet;
    delta.crossWallet += cross.walletBalance - atRead.crossWallet;
    delta.unrealized += own.unrealizedProfit - atRead.unrealized;
    delta.crossUnrealized += cross.unrealizedProfit - atRead.crossUnrealized;
    delta.maint += own.maintMargin - atRead.maint;
    delta.initial += own.initialMargin - atRead.initial;
    delta.crossInitial += cross.initialMargin - atRead.crossInitial;
  }
  const n = (text: string): number => finite(Number(text));
  const maint = n(totals.totalMaintMargin) + delta.maint;
  const initial = n(totals.totalInitialMargin) + delta.initial;
  const available = Math.max(0, n(totals.availableBalance) + delta.crossWallet + delta.crossUnrealized - delta.crossInitial);
  const total = figures('USD', n(totals.totalWalletBalance) + delta.wallet, n(totals.totalUnrealizedProfit) + delta.unrealized, maint, initial, available);
  const cross = figures('USD', n(totals.totalCrossWalletBalance) + delta.crossWallet, n(totals.totalCrossUnPnl) + delta.crossUnrealized, maint, initial, available);
  return { total, cross };
}

function figures(currency: string, wallet: number, unrealized: number, maint: number, initial: number, available: number): AccountFigures {
  const marginBalance = wallet + unrealized;
  return {
    currency,
    walletBalance: finite(wallet),
    unrealizedProfit: finite(unrealized),
    marginBalance: finite(marginBalance),
    maintMargin: finite(maint),
    initialMargin: finite(initial),
    availableBalance: finite(available),
    marginRatioPct: marginRatioPct(finite(maint), finite(marginBalance)),
  };
}

/** The read's figures of one asset as numbers (zero for an asset it does not list). */
function parsedAsset(entry: AccountAssetRead | undefined) {
  const n = (text: string | undefined): number => (text === undefined ? 0 : finite(Number(text)));
  return {
    wallet: n(entry?.walletBalance),
    crossWallet: n(entry?.crossWalletBalance),
    unrealized: n(entry?.unrealizedProfit),
    crossUnrealized: n(entry?.crossUnPnl),
    maint: n(entry?.maintMargin),
    initial: n(entry?.initialMargin),
    positionInitial: n(entry?.positionInitialMargin),
    openOrderInitial: n(entry?.openOrderInitialMargin),
  };
}

/** USDT first, then the others by name: the read's assets, those with live balances, those with positions. */
function assetNames(read: AccountStatusRead, balances: ReadonlyMap<string, LiveBalance>, legs: readonly AccountLeg[]): string[] {
  const names = new Set<string>(['USDT']);
  for (const entry of read.assets) names.add(entry.asset);
  for (const asset of balances.keys()) names.add(asset);
  for (const leg of legs) names.add(leg.asset);
  return [...names].sort((a, b) => (a === 'USDT' ? -1 : b === 'USDT' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** True when an asset holds anything worth a line (the exchange lists every margin asset, most at zero). */
function isHeld(figures: AccountFigures): boolean {
  return figures.walletBalance !== 0 || figures.unrealizedProfit !== 0 || figures.maintMargin !== 0 || figures.initialMargin !== 0;
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += pick(item);
  return total;
}

/** The sum when every item has a value, else null. */
function sumKnown<T>(items: readonly T[], pick: (item: T) => number | null): number | null {
  let total = 0;
  for (const item of items) {
    const value = pick(item);
    if (value === null) return null;
    total += value;
  }
  return total;
}

/** A figure the schema accepts: an exchange string that is no finite number counts as 0. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
