/**
 * Builds v1 `account.position` rows from an account and the current marks. This one function
 * serves both the WS API reply and `RunningSimulator.truth()`, so tests compare the wire
 * against exactly what the exchange believes.
 */
import {
  type Account,
  type OpenPosition,
  type PositionSide,
  type SymbolSettings,
  crossWalletBalance,
  isCross,
  positionOf,
  settingsOf,
  sidesOf,
} from './account-model';
import { type Bracket, bracketsOf, maxNotionalAt } from './brackets';
import { type Dec, significantDecimalsOf } from './decimal';
import { integerText, money8, price8, quantity, trimmedPrice } from './format';
import { liquidationPrice } from './liquidation';
import {
  absNotional,
  breakEvenPrice,
  isolatedMargin,
  maintenanceMargin,
  notional,
  unrealizedPnl,
} from './position-math';
import type { SymbolSpec } from './symbols';

/** One row of a v1 `account.position` reply: the documented field set, in Binance's order. */
export interface V1PositionRow {
  symbol: string;
  positionAmt: string;
  entryPrice: string;
  breakEvenPrice: string;
  markPrice: string;
  unRealizedProfit: string;
  liquidationPrice: string;
  leverage: string;
  maxNotionalValue: string;
  marginType: 'isolated' | 'cross';
  isolatedMargin: string;
  isAutoAddMargin: 'true' | 'false';
  positionSide: PositionSide;
  notional: string;
  isolatedWallet: string;
  updateTime: number;
}

/** What the rows are computed against: the trading contracts and their current marks. */
export interface MarketView {
  /** Every trading contract, in listing order; rows are produced for these. */
  readonly symbols: readonly SymbolSpec[];
  readonly markOf: (symbol: string) => Dec;
}

/** Maintenance margin and uPnL of the cross legs, per symbol and in total. */
interface CrossBook {
  readonly wallet: Dec;
  readonly bySymbol: ReadonlyMap<string, { maintenance: Dec; unrealized: Dec }>;
  readonly maintenance: Dec;
  readonly unrealized: Dec;
}

/**
 * Rows for every trading symbol, or only `onlySymbol` (zero rows included, as v1 returns
 * them): one BOTH row per symbol in one-way mode, LONG then SHORT in hedge mode. Cross LPs
 * always see the whole account, whatever the filter.
 */
export function positionRows(account: Account, market: MarketView, onlySymbol?: string): V1PositionRow[] {
  const cross = crossBook(account, market);
  return market.symbols
    .filter((spec) => onlySymbol === undefined || spec.symbol === onlySymbol)
    .flatMap((spec) => symbolRows(account, spec, market.markOf(spec.symbol), cross));
}

function crossBook(account: Account, market: MarketView): CrossBook {
  const bySymbol = new Map<string, { maintenance: Dec; unrealized: Dec }>();
  let maintenance = 0n;
  let unrealized = 0n;
  for (const leg of account.positions) {
    if (!isCross(account, leg)) continue;
    const mark = market.markOf(leg.symbol);
    const brackets = bracketsOf(specOf(market, leg.symbol).brackets);
    const mm = maintenanceMargin(absNotional(leg.positionAmt, mark), brackets);
    const pnl = unrealizedPnl(leg.positionAmt, leg.entryPrice, mark);
    const sum = bySymbol.get(leg.symbol) ?? { maintenance: 0n, unrealized: 0n };
    bySymbol.set(leg.symbol, { maintenance: sum.maintenance + mm, unrealized: sum.unrealized + pnl });
    maintenance += mm;
    unrealized += pnl;
  }
  return { wallet: crossWalletBalance(account), bySymbol, maintenance, unrealized };
}

function symbolRows(account: Account, spec: SymbolSpec, mark: Dec, cross: CrossBook): V1PositionRow[] {
  const settings = settingsOf(account, spec.symbol);
  const brackets = bracketsOf(spec.brackets);
  const legs = sidesOf(account.mode).map((side) => ({ side, leg: positionOf(account, spec.symbol, side) }));
  const open = legs.flatMap(({ leg }) => (leg ? [leg] : []));

  // Under cross, every leg of the symbol shares one LP; isolated legs each get their own.
  const crossMargin = settings.marginType === 'cross';
  const own = cross.bySymbol.get(spec.symbol) ?? { maintenance: 0n, unrealized: 0n };
  const sharedLp = crossMargin
    ? liquidationPrice({
        wallet: cross.wallet,
        otherMaintenance: cross.maintenance - own.maintenance,
        otherUnrealized: cross.unrealized - own.unrealized,
        legs: open,
        brackets,
        markPrice: mark,
      })
    : undefined;
  const isolatedLp = (leg: OpenPosition): Dec =>
    liquidationPrice({
      wallet: leg.isolatedWallet,
      otherMaintenance: 0n,
      otherUnrealized: 0n,
      legs: [leg],
      brackets,
      markPrice: mark,
    });

  const stepDecimals = significantDecimalsOf(spec.stepSize);
  return legs.map(({ side, leg }) => {
    const common = commonFields(spec, settings, side, mark, brackets);
    if (!leg) return assemble(common, flatFields(stepDecimals));
    const lp = sharedLp ?? isolatedLp(leg);
    return assemble(common, openFields(leg, mark, stepDecimals, lp, crossMargin));
  });
}

function specOf(market: MarketView, symbol: string): SymbolSpec {
  const spec = market.symbols.find((s) => s.symbol === symbol);
  if (!spec) throw new RangeError(`position in a symbol that does not trade: ${symbol}`);
  return spec;
}

/** Fields that depend on the symbol and its settings only. */
type CommonFields = Pick<
  V1PositionRow,
  'symbol' | 'markPrice' | 'leverage' | 'maxNotionalValue' | 'marginType' | 'isAutoAddMargin' | 'positionSide'
>;

/** Fields that depend on the leg. */
type LegFields = Omit<V1PositionRow, keyof CommonFields>;

function commonFields(
  spec: SymbolSpec,
  settings: SymbolSettings,
  side: PositionSide,
  mark: Dec,
  brackets: readonly Bracket[],
): CommonFields {
  return {
    symbol: spec.symbol,
    markPrice: price8(mark),
    leverage: String(settings.leverage),
    maxNotionalValue: integerText(maxNotionalAt(brackets, settings.leverage)),
    marginType: settings.marginType,
    isAutoAddMargin: settings.isAutoAddMargin ? 'true' : 'false',
    positionSide: side,
  };
}

function openFields(leg: OpenPosition, mark: Dec, stepDecimals: number, lp: Dec, cross: boolean): LegFields {
  const pnl = unrealizedPnl(leg.positionAmt, leg.entryPrice, mark);
  return {
    positionAmt: quantity(leg.positionAmt, stepDecimals),
    entryPrice: trimmedPrice(leg.entryPrice),
    breakEvenPrice: trimmedPrice(breakEvenPrice(leg.positionAmt, leg.entryPrice)),
    unRealizedProfit: money8(pnl),
    liquidationPrice: lp > 0n ? price8(lp) : '0',
    isolatedMargin: cross ? money8(0n) : money8(isolatedMargin(leg.isolatedWallet, pnl)),
    notional: money8(notional(leg.positionAmt, mark)),
    isolatedWallet: cross ? '0' : money8(leg.isolatedWallet),
    updateTime: leg.updateTime,
  };
}

/** A flat leg, printed the way Binance prints one (see the fixtures). */
function flatFields(stepDecimals: number): LegFields {
  return {
    positionAmt: quantity(0n, stepDecimals),
    entryPrice: '0.0',
    breakEvenPrice: '0.0',
    unRealizedProfit: money8(0n),
    liquidationPrice: '0',
    isolatedMargin: money8(0n),
    notional: '0',
    isolatedWallet: '0',
    updateTime: 0,
  };
}

/** Writes the keys in the documented reply's order, so the JSON reads like Binance's. */
function assemble(c: CommonFields, l: LegFields): V1PositionRow {
  return {
    symbol: c.symbol,
    positionAmt: l.positionAmt,
    entryPrice: l.entryPrice,
    breakEvenPrice: l.breakEvenPrice,
    markPrice: c.markPrice,
    unRealizedProfit: l.unRealizedProfit,
    liquidationPrice: l.liquidationPrice,
    leverage: c.leverage,
    maxNotionalValue: c.maxNotionalValue,
    marginType: c.marginType,
    isolatedMargin: l.isolatedMargin,
    isAutoAddMargin: c.isAutoAddMargin,
    positionSide: c.positionSide,
    notional: l.notional,
    isolatedWallet: l.isolatedWallet,
    updateTime: l.updateTime,
  };
}

