/**
 * Builds v1 `account.position` rows from an account and the current marks. This one function
 * serves both the WS API reply and `RunningSimulator.truth()`, so tests compare the wire
 * against exactly what the exchange believes.
 */
import { type Account, type PositionSide, type SymbolSettings, settingsOf, sidesOf } from './account-model';
import { type Bracket, bracketsOf, maxNotionalAt } from './brackets';
import { type Dec, significantDecimalsOf } from './decimal';
import { integerText, money8, price8, quantity, trimmedPrice } from './format';
import { type LegMetrics, type MarketView, accountMetrics } from './leg-metrics';
import { breakEvenPrice, isolatedMargin } from './position-math';
import type { SymbolSpec } from './symbols';

export type { MarketView } from './leg-metrics';

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

/**
 * Rows for every trading symbol, or only `onlySymbol` (zero rows included, as v1 returns
 * them): one BOTH row per symbol in one-way mode, LONG then SHORT in hedge mode. Cross LPs
 * always see the whole account, whatever the filter.
 */
export function positionRows(account: Account, market: MarketView, onlySymbol?: string): V1PositionRow[] {
  const metrics = accountMetrics(account, market);
  const sides = sidesOf(account.mode);
  return market.symbols
    .filter((spec) => onlySymbol === undefined || spec.symbol === onlySymbol)
    .flatMap((spec) => {
      const settings = settingsOf(account, spec.symbol);
      const brackets = bracketsOf(spec.brackets);
      const mark = market.markOf(spec.symbol);
      const stepDecimals = significantDecimalsOf(spec.stepSize);
      return sides.map((side) => {
        const common = commonFields(spec, settings, side, mark, brackets);
        const open = metrics.of(spec.symbol, side);
        return assemble(common, open ? openFields(open, stepDecimals) : flatFields(stepDecimals));
      });
    });
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

function openFields(m: LegMetrics, stepDecimals: number): LegFields {
  const { leg } = m;
  return {
    positionAmt: quantity(leg.positionAmt, stepDecimals),
    entryPrice: trimmedPrice(leg.entryPrice),
    breakEvenPrice: trimmedPrice(breakEvenPrice(leg)),
    unRealizedProfit: money8(m.unrealized),
    liquidationPrice: m.liquidationPrice > 0n ? price8(m.liquidationPrice) : '0',
    isolatedMargin: m.cross ? money8(0n) : money8(isolatedMargin(leg.isolatedWallet, m.unrealized)),
    notional: money8(m.notional),
    isolatedWallet: m.cross ? '0' : money8(leg.isolatedWallet),
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
