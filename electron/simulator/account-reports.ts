/**
 * The account replies besides v1 positions (PROTOCOL §4, §5): `v2/account.position` rows,
 * `account.balance` rows and `account.status` v1/v2, all from the same leg metrics as the v1
 * rows so every reply agrees with every other and with the liquidation engine.
 */
import { type Account, assetWallets, sidesOf, settingsOf } from './account-model';
import { bracketsOf, maxNotionalAt } from './brackets';
import { adlQuantiles } from './adl-quantile';
import { type Dec, significantDecimalsOf } from './decimal';
import { integerText, money8, price8, quantity, trimmedPrice } from './format';
import { type AccountMetrics, type LegMetrics, type MarketView, accountMetrics } from './leg-metrics';
import { breakEvenPrice, isolatedMargin } from './position-math';
import { type SymbolSpec, marginAssetOf } from './symbols';

/** One `v2/account.position` row, keys in the documented order. */
export interface V2PositionRow {
  symbol: string;
  positionSide: string;
  positionAmt: string;
  entryPrice: string;
  breakEvenPrice: string;
  markPrice: string;
  unRealizedProfit: string;
  liquidationPrice: string;
  isolatedMargin: string;
  notional: string;
  marginAsset: string;
  isolatedWallet: string;
  initialMargin: string;
  maintMargin: string;
  positionInitialMargin: string;
  openOrderInitialMargin: string;
  adl: number;
  bidNotional: string;
  askNotional: string;
  updateTime: number;
}

/** Assets other than USDT are listed with zero balances, as Binance lists every margin asset. */
const OTHER_ASSETS = ['BTC', 'BNB', 'USDC'];

/** The simulator's (fixed) account alias; Binance's are short random strings. */
const ACCOUNT_ALIAS = 'SgsRfWfT';

/**
 * v2 rows: only symbols with an open leg (PROTOCOL §4). In hedge mode the flat side of such a
 * symbol is still returned as a zero row, as the docs warn, so clients must filter on size.
 */
export function v2PositionRows(account: Account, market: MarketView, onlySymbol?: string): V2PositionRow[] {
  const metrics = accountMetrics(account, market);
  const open = new Set(metrics.legs.map((m) => m.leg.symbol));
  const quantiles = adlQuantiles(metrics);
  return market.symbols
    .filter((s) => open.has(s.symbol) && (onlySymbol === undefined || s.symbol === onlySymbol))
    .flatMap((spec) =>
      sidesOf(account.mode).map((side) => {
        const m = metrics.of(spec.symbol, side);
        return m ? openV2(m, quantiles.get(`${spec.symbol}:${side}`) ?? 0) : flatV2(spec, side, market.markOf(spec.symbol));
      }),
    );
}

/** An open leg's row; `adl` is the quantile adl-quantile.ts gives it (the same as `GET /fapi/v1/adlQuantile`). */
function openV2(m: LegMetrics, adl: number): V2PositionRow {
  const { leg } = m;
  return {
    symbol: leg.symbol,
    positionSide: leg.positionSide,
    positionAmt: quantity(leg.positionAmt, significantDecimalsOf(m.spec.stepSize)),
    entryPrice: trimmedPrice(leg.entryPrice),
    breakEvenPrice: trimmedPrice(breakEvenPrice(leg)),
    markPrice: price8(m.mark),
    unRealizedProfit: money8(m.unrealized),
    liquidationPrice: m.liquidationPrice > 0n ? price8(m.liquidationPrice) : '0',
    isolatedMargin: m.cross ? '0' : money8(isolatedMargin(leg.isolatedWallet, m.unrealized)),
    notional: money8(m.notional),
    marginAsset: marginAssetOf(m.spec),
    isolatedWallet: m.cross ? '0' : money8(leg.isolatedWallet),
    initialMargin: money8(m.initialMargin),
    maintMargin: money8(m.maintenance),
    positionInitialMargin: money8(m.initialMargin),
    openOrderInitialMargin: '0',
    adl,
    bidNotional: '0',
    askNotional: '0',
    updateTime: leg.updateTime,
  };
}

function flatV2(spec: SymbolSpec, side: string, mark: Dec): V2PositionRow {
  return {
    symbol: spec.symbol,
    positionSide: side,
    positionAmt: quantity(0n, significantDecimalsOf(spec.stepSize)),
    entryPrice: '0.0',
    breakEvenPrice: '0.0',
    markPrice: price8(mark),
    unRealizedProfit: money8(0n),
    liquidationPrice: '0',
    isolatedMargin: '0',
    notional: '0',
    marginAsset: marginAssetOf(spec),
    isolatedWallet: '0',
    initialMargin: '0',
    maintMargin: '0',
    positionInitialMargin: '0',
    openOrderInitialMargin: '0',
    adl: 0,
    bidNotional: '0',
    askNotional: '0',
    updateTime: 0,
  };
}

/** Totals shared by `account.balance` and `account.status`. */
interface Totals {
  readonly metrics: AccountMetrics;
  readonly available: Dec;
  readonly maxWithdraw: Dec;
  readonly updateTime: number;
}

function totals(account: Account, market: MarketView): Totals {
  const metrics = accountMetrics(account, market);
  const raw = metrics.crossWallet + metrics.crossUnrealized - metrics.crossInitialMargin;
  const available = raw > 0n ? raw : 0n;
  const withdrawable = available < metrics.crossWallet ? available : metrics.crossWallet;
  const updateTime = account.updateTime ?? Math.max(0, ...account.positions.map((p) => p.updateTime));
  return { metrics, available, maxWithdraw: withdrawable > 0n ? withdrawable : 0n, updateTime };
}

/** One asset's figures, shared by `account.balance` rows and `account.status` assets. */
interface AssetFigures {
  readonly asset: string;
  readonly wallet: Dec;
  readonly unrealized: Dec;
  readonly maintenance: Dec;
  readonly initialMargin: Dec;
  readonly crossWallet: Dec;
  readonly crossUnrealized: Dec;
  readonly available: Dec;
  readonly maxWithdraw: Dec;
  readonly updateTime: number;
}

const zeroFigures = (asset: string): AssetFigures => ({
  asset, wallet: 0n, unrealized: 0n, maintenance: 0n, initialMargin: 0n, crossWallet: 0n, crossUnrealized: 0n, available: 0n, maxWithdraw: 0n, updateTime: 0,
});

/**
 * Per-asset figures, USDT first. Single-asset: USDT carries the whole account, the other margin
 * assets are listed at zero. Multi-Assets (PROTOCOL §13.9): each asset carries its own wallet and
 * the positions margined in it; what is available is the shared pool's, capped by the asset.
 */
function assetFigures(account: Account, t: Totals): AssetFigures[] {
  if (!account.assetBalances) {
    const { metrics } = t;
    return [
      {
        asset: 'USDT', wallet: account.walletBalance, unrealized: metrics.totalUnrealized, maintenance: metrics.totalMaintenance,
        initialMargin: metrics.totalInitialMargin, crossWallet: metrics.crossWallet, crossUnrealized: metrics.crossUnrealized,
        available: t.available, maxWithdraw: t.maxWithdraw, updateTime: t.updateTime,
      },
      ...OTHER_ASSETS.map(zeroFigures),
    ];
  }
  const wallets = assetWallets(account);
  const held = [...wallets.keys()].sort((a, b) => (a === 'USDT' ? -1 : b === 'USDT' ? 1 : a.localeCompare(b)));
  const figures = held.map((asset): AssetFigures => {
    const legs = t.metrics.legs.filter((m) => marginAssetOf(m.spec) === asset);
    const sum = (pick: (m: LegMetrics) => Dec, only: (m: LegMetrics) => boolean = () => true): Dec =>
      legs.filter(only).reduce((total, m) => total + pick(m), 0n);
    const wallet = wallets.get(asset) ?? 0n;
    const crossWallet = wallet - sum((m) => m.leg.isolatedWallet, (m) => !m.cross);
    const crossUnrealized = sum((m) => m.unrealized, (m) => m.cross);
    const own = crossWallet + crossUnrealized - sum((m) => m.initialMargin, (m) => m.cross);
    const available = own < t.available ? (own > 0n ? own : 0n) : t.available;
    return {
      asset, wallet, unrealized: sum((m) => m.unrealized), maintenance: sum((m) => m.maintenance), initialMargin: sum((m) => m.initialMargin),
      crossWallet, crossUnrealized, available, maxWithdraw: available < crossWallet ? available : crossWallet > 0n ? crossWallet : 0n,
      updateTime: t.updateTime,
    };
  });
  return [...figures, ...OTHER_ASSETS.filter((a) => !wallets.has(a)).map(zeroFigures)];
}

/** `account.balance` / `v2/account.balance` rows (identical shapes), USDT first, one per asset. */
export function balanceRows(account: Account, market: MarketView): Record<string, unknown>[] {
  return assetFigures(account, totals(account, market)).map((f) => ({
    accountAlias: ACCOUNT_ALIAS,
    asset: f.asset,
    balance: money8(f.wallet),
    crossWalletBalance: money8(f.crossWallet),
    crossUnPnl: money8(f.crossUnrealized),
    availableBalance: money8(f.available),
    maxWithdrawAmount: money8(f.maxWithdraw),
    marginAvailable: true,
    updateTime: f.updateTime,
  }));
}

/** `GET /fapi/v1/accountConfig`, keys in the documented order; v1 `account.status` opens with the same flags. */
export interface AccountConfig {
  feeTier: number;
  canTrade: boolean;
  canDeposit: boolean;
  canWithdraw: boolean;
  dualSidePosition: boolean;
  updateTime: number;
  multiAssetsMargin: boolean;
  tradeGroupId: number;
}

/** The account's configuration: fee tier 0 (the simulator's only tier), every permission, its mode. */
export function accountConfig(account: Account): AccountConfig {
  return {
    feeTier: 0,
    canTrade: true,
    canDeposit: true,
    canWithdraw: true,
    dualSidePosition: account.mode === 'hedge',
    updateTime: 0, // documented as reserved ("ignore")
    multiAssetsMargin: account.assetBalances !== undefined,
    tradeGroupId: -1, // not in a trade group
  };
}

/** v1 `account.status` carries the flags but not the position mode. */
function withoutMode(config: AccountConfig): Omit<AccountConfig, 'dualSidePosition'> {
  const { dualSidePosition: _mode, ...rest } = config;
  return rest;
}

/** `account.status` (v1: permissions, all symbols) or `v2/account.status` (open symbols only). */
export function accountStatus(account: Account, market: MarketView, version: 1 | 2): Record<string, unknown> {
  const t = totals(account, market);
  const { metrics } = t;
  const marginBalance = account.walletBalance + metrics.totalUnrealized;
  const sums = {
    totalInitialMargin: money8(metrics.totalInitialMargin),
    totalMaintMargin: money8(metrics.totalMaintenance),
    totalWalletBalance: money8(account.walletBalance),
    totalUnrealizedProfit: money8(metrics.totalUnrealized),
    totalMarginBalance: money8(marginBalance),
    totalPositionInitialMargin: money8(metrics.totalInitialMargin),
    totalOpenOrderInitialMargin: money8(0n),
    totalCrossWalletBalance: money8(metrics.crossWallet),
    totalCrossUnPnl: money8(metrics.crossUnrealized),
    availableBalance: money8(t.available),
    maxWithdrawAmount: money8(t.maxWithdraw),
  };
  // Totals are USD (the sum of the assets at 1:1) in Multi-Assets mode, USDT otherwise (PROTOCOL §5).
  const assets = assetFigures(account, t).map((f) => ({
    asset: f.asset,
    walletBalance: money8(f.wallet),
    unrealizedProfit: money8(f.unrealized),
    marginBalance: money8(f.wallet + f.unrealized),
    maintMargin: money8(f.maintenance),
    initialMargin: money8(f.initialMargin),
    positionInitialMargin: money8(f.initialMargin),
    openOrderInitialMargin: money8(0n),
    crossWalletBalance: money8(f.crossWallet),
    crossUnPnl: money8(f.crossUnrealized),
    availableBalance: money8(f.available),
    maxWithdrawAmount: money8(f.maxWithdraw),
    marginAvailable: true,
    updateTime: f.updateTime,
  }));
  if (version === 2) {
    return { ...sums, assets, positions: metrics.legs.map(v2StatusPosition) };
  }
  return {
    ...withoutMode(accountConfig(account)),
    ...sums,
    assets,
    positions: v1StatusPositions(account, market, metrics),
  };
}

function v2StatusPosition(m: LegMetrics): Record<string, unknown> {
  const { leg } = m;
  return {
    symbol: leg.symbol,
    positionSide: leg.positionSide,
    positionAmt: quantity(leg.positionAmt, significantDecimalsOf(m.spec.stepSize)),
    unrealizedProfit: money8(m.unrealized),
    isolatedMargin: m.cross ? '0' : money8(isolatedMargin(leg.isolatedWallet, m.unrealized)),
    notional: money8(m.notional),
    isolatedWallet: m.cross ? '0' : money8(leg.isolatedWallet),
    initialMargin: money8(m.initialMargin),
    maintMargin: money8(m.maintenance),
    updateTime: leg.updateTime,
  };
}

/** v1 lists every symbol on every side of the mode, zero rows included (PROTOCOL §5). */
function v1StatusPositions(account: Account, market: MarketView, metrics: AccountMetrics): Record<string, unknown>[] {
  return market.symbols.flatMap((spec) => {
    const settings = settingsOf(account, spec.symbol);
    const maxNotional = integerText(maxNotionalAt(bracketsOf(spec.brackets), settings.leverage));
    const stepDecimals = significantDecimalsOf(spec.stepSize);
    return sidesOf(account.mode).map((side) => {
      const m = metrics.of(spec.symbol, side);
      return {
        symbol: spec.symbol,
        initialMargin: m ? money8(m.initialMargin) : '0',
        maintMargin: m ? money8(m.maintenance) : '0',
        unrealizedProfit: money8(m ? m.unrealized : 0n),
        positionInitialMargin: m ? money8(m.initialMargin) : '0',
        openOrderInitialMargin: '0',
        leverage: String(settings.leverage),
        isolated: settings.marginType === 'isolated',
        entryPrice: m ? trimmedPrice(m.leg.entryPrice) : '0.00000',
        maxNotional,
        bidNotional: '0',
        askNotional: '0',
        positionSide: side,
        positionAmt: quantity(m ? m.leg.positionAmt : 0n, stepDecimals),
        updateTime: m ? m.leg.updateTime : 0,
      };
    });
  });
}
