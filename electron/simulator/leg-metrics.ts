/**
 * Everything derived from an account's open legs at the current marks: uPnL, notional,
 * margins and liquidation prices. One pass serves the v1/v2 position rows, balances, account
 * status, margin calls and the liquidation check, so they can never disagree.
 */
import { type Account, type OpenPosition, type SymbolSettings, crossWalletBalance, settingsOf } from './account-model';
import { bracketsOf } from './brackets';
import { type Dec, ONE, div } from './decimal';
import { liquidationPrice } from './liquidation';
import { absNotional, maintenanceMargin, notional, unrealizedPnl } from './position-math';
import type { SymbolSpec } from './symbols';

/** The trading contracts and their current marks. */
export interface MarketView {
  /** Every trading contract, in listing order. */
  readonly symbols: readonly SymbolSpec[];
  readonly markOf: (symbol: string) => Dec;
}

/** One open leg with its derived values. */
export interface LegMetrics {
  readonly leg: OpenPosition;
  readonly spec: SymbolSpec;
  readonly settings: SymbolSettings;
  readonly cross: boolean;
  readonly mark: Dec;
  readonly unrealized: Dec;
  /** Signed `amt × mark`. */
  readonly notional: Dec;
  readonly absNotional: Dec;
  readonly maintenance: Dec;
  /** `positionInitialMargin`: |notional| ÷ leverage at the mark. */
  readonly initialMargin: Dec;
  /** 0 when there is none (LP ≤ 0). */
  readonly liquidationPrice: Dec;
}

/** An account's legs with their metrics, plus the cross totals. */
export interface AccountMetrics {
  /** Open legs, in the account's order. */
  readonly legs: readonly LegMetrics[];
  readonly crossWallet: Dec;
  readonly crossMaintenance: Dec;
  readonly crossUnrealized: Dec;
  readonly crossInitialMargin: Dec;
  readonly totalUnrealized: Dec;
  readonly totalMaintenance: Dec;
  readonly totalInitialMargin: Dec;
  /** The leg of (symbol, side), if open. */
  of(symbol: string, side: string): LegMetrics | undefined;
}

const indexes = new WeakMap<readonly SymbolSpec[], ReadonlyMap<string, SymbolSpec>>();

/** Name → spec for a symbol list, built once per list (lists are long-lived constants). */
export function specIndex(symbols: readonly SymbolSpec[]): ReadonlyMap<string, SymbolSpec> {
  let index = indexes.get(symbols);
  if (!index) indexes.set(symbols, (index = new Map(symbols.map((s) => [s.symbol, s]))));
  return index;
}

/** Computes the metrics of every open leg of `account`. */
export function accountMetrics(account: Account, market: MarketView): AccountMetrics {
  const specs = specIndex(market.symbols);
  const base = account.positions.map((leg) => baseMetrics(account, leg, specs, market));
  const crossWallet = crossWalletBalance(account);
  let crossMaintenance = 0n;
  let crossUnrealized = 0n;
  let crossInitialMargin = 0n;
  let totalUnrealized = 0n;
  let totalMaintenance = 0n;
  let totalInitialMargin = 0n;
  const crossBySymbol = new Map<string, { maintenance: Dec; unrealized: Dec; legs: OpenPosition[] }>();
  for (const m of base) {
    totalUnrealized += m.unrealized;
    totalMaintenance += m.maintenance;
    totalInitialMargin += m.initialMargin;
    if (!m.cross) continue;
    crossMaintenance += m.maintenance;
    crossUnrealized += m.unrealized;
    crossInitialMargin += m.initialMargin;
    const own = crossBySymbol.get(m.leg.symbol) ?? { maintenance: 0n, unrealized: 0n, legs: [] };
    own.maintenance += m.maintenance;
    own.unrealized += m.unrealized;
    own.legs.push(m.leg);
    crossBySymbol.set(m.leg.symbol, own);
  }

  // Under cross, every leg of a symbol shares one LP (PROTOCOL §10); isolated legs each get their own.
  const sharedLp = new Map<string, Dec>();
  for (const [symbol, own] of crossBySymbol) {
    const spec = specs.get(symbol);
    if (!spec) continue;
    sharedLp.set(
      symbol,
      liquidationPrice({
        wallet: crossWallet,
        otherMaintenance: crossMaintenance - own.maintenance,
        otherUnrealized: crossUnrealized - own.unrealized,
        legs: own.legs,
        brackets: bracketsOf(spec.brackets),
        markPrice: market.markOf(symbol),
      }),
    );
  }
  const legs: LegMetrics[] = base.map((m) => ({
    ...m,
    liquidationPrice:
      sharedLp.get(m.leg.symbol) ??
      liquidationPrice({
        wallet: m.leg.isolatedWallet,
        otherMaintenance: 0n,
        otherUnrealized: 0n,
        legs: [m.leg],
        brackets: bracketsOf(m.spec.brackets),
        markPrice: m.mark,
      }),
  }));
  const byKey = new Map(legs.map((m) => [`${m.leg.symbol}:${m.leg.positionSide}`, m]));
  return {
    legs,
    crossWallet,
    crossMaintenance,
    crossUnrealized,
    crossInitialMargin,
    totalUnrealized,
    totalMaintenance,
    totalInitialMargin,
    of: (symbol, side) => byKey.get(`${symbol}:${side}`),
  };
}

function baseMetrics(
  account: Account,
  leg: OpenPosition,
  specs: ReadonlyMap<string, SymbolSpec>,
  market: MarketView,
): Omit<LegMetrics, 'liquidationPrice'> {
  const spec = specs.get(leg.symbol);
  if (!spec) throw new RangeError(`position in a symbol that does not trade: ${leg.symbol}`);
  const settings = settingsOf(account, leg.symbol);
  const mark = market.markOf(leg.symbol);
  const size = absNotional(leg.positionAmt, mark);
  return {
    leg,
    spec,
    settings,
    cross: settings.marginType === 'cross',
    mark,
    unrealized: unrealizedPnl(leg.positionAmt, leg.entryPrice, mark),
    notional: notional(leg.positionAmt, mark),
    absNotional: size,
    maintenance: maintenanceMargin(size, bracketsOf(spec.brackets)),
    initialMargin: div(size, BigInt(settings.leverage) * ONE),
  };
}
