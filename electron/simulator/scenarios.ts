/**
 * Start-up data sets (`scenario` option). Every scenario has the demo accounts `oneway`, `hedge`
 * and `multi` (Multi-Assets), so clients and tests can always rely on them:
 * - `oneway` / `hedge`: the standard demo book (accounts.ts). The two names select the same
 *   data; they exist so scripts can say which account they are about.
 * - `mixed`: the standard book plus legs that exercise more cases: high leverage near
 *   liquidation, isolated and cross side by side, hedge symbols with one side only.
 * - `large`: the standard contracts plus `symbols` generated perpetuals, each with positions
 *   on both accounts (benchmarks, throughput tests).
 */
import type { Account, AccountName, MarginType, OpenPosition, PositionSide, SymbolSettings } from './account-model';
import { demoAccounts } from './accounts';
import { ONE, dec, div, mul, quantize, toFixed } from './decimal';
import { generatedSymbols } from './generated-symbols';
import { SYMBOLS, type SymbolSpec } from './symbols';

/** The scenario names. */
export type ScenarioName = 'oneway' | 'hedge' | 'mixed' | 'large';

/** The names, for validation. */
export const SCENARIO_NAMES: readonly ScenarioName[] = ['oneway', 'hedge', 'mixed', 'large'];

/** What a scenario starts with. */
export interface Scenario {
  /** Every contract exchangeInfo lists. */
  readonly listed: readonly SymbolSpec[];
  readonly accounts: Record<AccountName, Account>;
}

const HOUR = 3_600_000;

/** Builds a scenario; `symbolCount` is used by `large` only. */
export function buildScenario(name: ScenarioName, openedAt: number, symbolCount: number): Scenario {
  const standard = demoAccounts(openedAt);
  switch (name) {
    case 'oneway':
    case 'hedge':
      return { listed: SYMBOLS, accounts: standard };
    case 'mixed':
      return { listed: SYMBOLS, accounts: mixed(standard, openedAt) };
    case 'large':
      return large(standard, openedAt, symbolCount);
  }
}

/** A leg whose isolated wallet (if isolated) is its initial margin at entry. */
function leg(
  symbol: string,
  positionSide: PositionSide,
  amount: string,
  entry: string,
  settings: SymbolSettings,
  updateTime: number,
): OpenPosition {
  const positionAmt = dec(amount);
  const entryPrice = dec(entry);
  const margin = quantize(div(mul(positionAmt < 0n ? -positionAmt : positionAmt, entryPrice), BigInt(settings.leverage) * ONE), 8, 'truncate');
  return {
    symbol,
    positionSide,
    positionAmt,
    entryPrice,
    isolatedWallet: settings.marginType === 'isolated' ? margin : 0n,
    updateTime,
  };
}

const settings = (leverage: number, marginType: MarginType): SymbolSettings => ({ leverage, marginType, isAutoAddMargin: false });

function mixed(standard: Record<AccountName, Account>, openedAt: number): Record<AccountName, Account> {
  const at = (hoursAgo: number): number => openedAt - hoursAgo * HOUR;
  const onewaySettings = new Map(standard.oneway.settings);
  const doge = settings(50, 'isolated');
  const link = settings(25, 'cross');
  const ada = settings(3, 'isolated');
  onewaySettings.set('DOGEUSDT', doge).set('LINKUSDT', link).set('ADAUSDT', ada);
  const hedgeSettings = new Map(standard.hedge.settings);
  const sol = settings(15, 'cross');
  const avax = settings(40, 'isolated');
  const pepe = settings(10, 'isolated');
  hedgeSettings.set('SOLUSDT', sol).set('AVAXUSDT', avax).set('1000PEPEUSDT', pepe);
  // The added isolated legs bring their own margin: the wallets grow by it, so the cross part
  // (and its margin ratio) stays what the standard book has.
  const withMargin = (account: Account, legs: readonly OpenPosition[]): Account => ({
    ...account,
    walletBalance: account.walletBalance + legs.reduce((sum, l) => sum + l.isolatedWallet, 0n),
    positions: [...account.positions, ...legs],
  });
  const onewayLegs = [
    // 50× isolated long a little under water: under 1 % above its liquidation price.
    leg('DOGEUSDT', 'BOTH', '20000', '0.2330000', doge, at(1)),
    leg('LINKUSDT', 'BOTH', '-120.50', '18.950', link, at(40)),
    leg('ADAUSDT', 'BOTH', '15000', '0.69500', ada, at(70)),
  ];
  const hedgeLegs = [
    // One side only: the SHORT row of SOL stays flat.
    leg('SOLUSDT', 'LONG', '25', '176.1000', sol, at(15)),
    leg('AVAXUSDT', 'SHORT', '-300', '30.8000', avax, at(2)),
    leg('1000PEPEUSDT', 'LONG', '4000000', '0.0118000', pepe, at(6)),
    leg('1000PEPEUSDT', 'SHORT', '-1500000', '0.0131000', pepe, at(4)),
  ];
  return {
    oneway: { ...withMargin(standard.oneway, onewayLegs), settings: onewaySettings },
    hedge: { ...withMargin(standard.hedge, hedgeLegs), settings: hedgeSettings },
    multi: standard.multi,
  };
}

/** About this much notional per generated leg. */
const LEG_NOTIONAL = 1000;

function large(standard: Record<AccountName, Account>, openedAt: number, count: number): Scenario {
  const generated = generatedSymbols(count);
  const onewaySettings = new Map(standard.oneway.settings);
  const hedgeSettings = new Map(standard.hedge.settings);
  const onewayLegs: OpenPosition[] = [...standard.oneway.positions];
  const hedgeLegs: OpenPosition[] = [...standard.hedge.positions];
  generated.forEach((spec, k) => {
    const i = k + 1;
    const mark = Number(spec.initialMark);
    const qty = Math.max(0.1, Math.round((LEG_NOTIONAL / mark) * 10) / 10).toFixed(1);
    const entry = (value: number): string => toFixed(dec((mark * value).toFixed(4)), 4);
    const time = openedAt - (i % 48) * HOUR;
    const one = settings(10, i % 4 === 0 ? 'isolated' : 'cross');
    onewaySettings.set(spec.symbol, one);
    onewayLegs.push(leg(spec.symbol, 'BOTH', i % 2 === 0 ? qty : `-${qty}`, entry(1 + ((i % 7) - 3) / 100), one, time));
    const both = settings(10, i % 5 === 0 ? 'isolated' : 'cross');
    hedgeSettings.set(spec.symbol, both);
    hedgeLegs.push(leg(spec.symbol, 'LONG', qty, entry(1 - (i % 5) / 100), both, time));
    if (i % 2 === 0) hedgeLegs.push(leg(spec.symbol, 'SHORT', `-${qty}`, entry(1 + (i % 3) / 100), both, time));
  });
  // Enough wallet that hundreds of small legs never liquidate the cross account as a whole.
  const wallet = dec(String(1_000_000 + count * 2 * LEG_NOTIONAL));
  return {
    listed: [...SYMBOLS, ...generated],
    accounts: {
      oneway: { ...standard.oneway, walletBalance: wallet, settings: onewaySettings, positions: onewayLegs },
      hedge: { ...standard.hedge, walletBalance: wallet, settings: hedgeSettings, positions: hedgeLegs },
      multi: standard.multi,
    },
  };
}
