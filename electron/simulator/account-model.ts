/**
 * The account model: plain immutable data plus pure helpers. No sockets, no clock, no
 * formatting: fills, funding and liquidation are functions `Account → Account` (fills.ts,
 * funding.ts, risk.ts), unit-tested the same way.
 */
import type { Dec } from './decimal';

/** The demo accounts: one-way and hedge (single-asset, USDT) and `multi` (Multi-Assets mode, one-way). */
export type AccountName = 'oneway' | 'hedge' | 'multi';

/** `BOTH` in one-way mode; `LONG`/`SHORT` in hedge mode. */
export type PositionSide = 'BOTH' | 'LONG' | 'SHORT';

/** Margin type as `account.position` spells it. */
export type MarginType = 'isolated' | 'cross';

/** Binance position mode (`dualSidePosition` false / true). */
export type PositionMode = 'oneway' | 'hedge';

/** Per-symbol settings; both hedge legs of a symbol share them, as on Binance. */
export interface SymbolSettings {
  readonly leverage: number;
  readonly marginType: MarginType;
  readonly isAutoAddMargin: boolean;
}

/** One non-zero position leg. */
export interface OpenPosition {
  readonly symbol: string;
  readonly positionSide: PositionSide;
  /** Signed size: positive long, negative short (SHORT legs are always negative). */
  readonly positionAmt: Dec;
  readonly entryPrice: Dec;
  /** Margin assigned to an isolated leg; 0 for cross. */
  readonly isolatedWallet: Dec;
  readonly updateTime: number;
  /** `cr` of ACCOUNT_UPDATE: realised PnL accumulated by fills of this leg, before fees. */
  readonly cumulativeRealized?: Dec;
  /**
   * Σ buys × price − Σ sells × price since the leg opened (signed; fees excluded): the
   * break-even's numerator (position-math.ts). Absent: opened in one go at `entryPrice`.
   */
  readonly costBasis?: Dec;
}

/** A USDT-margined single-asset account, or a Multi-Assets one (`assetBalances`). */
export interface Account {
  readonly name: AccountName;
  readonly mode: PositionMode;
  /**
   * Total wallet balance, isolated wallets included: USDT in single-asset mode, USD in
   * Multi-Assets mode (the sum of `assetBalances`, stablecoins valued 1:1).
   */
  readonly walletBalance: Dec;
  /**
   * Multi-Assets mode (PROTOCOL §13.9): the wallet of each margin asset. Margin is shared across
   * assets; PnL, fees and funding of a position settle in its symbol's margin asset.
   */
  readonly assetBalances?: ReadonlyMap<string, Dec>;
  /** Symbols without an entry use {@link DEFAULT_SETTINGS}. */
  readonly settings: ReadonlyMap<string, SymbolSettings>;
  /** Open legs only; flat legs are implied for every other (symbol, side). */
  readonly positions: readonly OpenPosition[];
  /** When the balance last changed (fills, funding); `account.balance` reports it. */
  readonly updateTime?: number;
}

/** The wallet of each asset: `assetBalances`, or the USDT wallet of a single-asset account. */
export function assetWallets(account: Account): ReadonlyMap<string, Dec> {
  return account.assetBalances ?? new Map([['USDT', account.walletBalance]]);
}

/**
 * Moves an account's per-asset wallets by `deltas` (asset → signed change) after a transition
 * changed `walletBalance` by their sum. No-op for single-asset accounts.
 */
export function withAssetDeltas(account: Account, deltas: ReadonlyMap<string, Dec>): Account {
  if (!account.assetBalances) return account;
  const balances = new Map(account.assetBalances);
  for (const [asset, delta] of deltas) balances.set(asset, (balances.get(asset) ?? 0n) + delta);
  return { ...account, assetBalances: balances };
}

/** Binance's defaults for a symbol never configured: 20× cross. */
export const DEFAULT_SETTINGS: SymbolSettings = { leverage: 20, marginType: 'cross', isAutoAddMargin: false };

/** The settings in force for a symbol. */
export function settingsOf(account: Account, symbol: string): SymbolSettings {
  return account.settings.get(symbol) ?? DEFAULT_SETTINGS;
}

/** The position sides every symbol has rows for in this mode. */
export function sidesOf(mode: PositionMode): readonly PositionSide[] {
  return mode === 'oneway' ? ['BOTH'] : ['LONG', 'SHORT'];
}

/** The open leg for (symbol, side), if any. */
export function positionOf(account: Account, symbol: string, side: PositionSide): OpenPosition | undefined {
  return account.positions.find((p) => p.symbol === symbol && p.positionSide === side);
}

/** Whether a leg trades on the shared cross wallet. */
export function isCross(account: Account, position: OpenPosition): boolean {
  return settingsOf(account, position.symbol).marginType === 'cross';
}

/**
 * The cross wallet balance: the wallet less what is locked in isolated legs. Realised PnL,
 * fees and funding move `walletBalance` itself.
 */
export function crossWalletBalance(account: Account): Dec {
  return account.positions.reduce(
    (wallet, p) => (isCross(account, p) ? wallet : wallet - p.isolatedWallet),
    account.walletBalance,
  );
}

/**
 * One asset's wallet and cross wallet — the wallet less the isolated wallets of the legs margined
 * in that asset — as ACCOUNT_UPDATE's `wb` and `cw` report them. A single-asset account's only
 * asset carries the whole wallet.
 */
export function assetWalletOf(account: Account, asset: string, assetOf: (symbol: string) => string): { wallet: Dec; cross: Dec } {
  const wallet = account.assetBalances ? (account.assetBalances.get(asset) ?? 0n) : account.walletBalance;
  const isolated = account.positions
    .filter((p) => !isCross(account, p) && (!account.assetBalances || assetOf(p.symbol) === asset))
    .reduce((sum, p) => sum + p.isolatedWallet, 0n);
  return { wallet, cross: wallet - isolated };
}

/**
 * Problems that would make an account impossible on Binance (wrong sides for the mode,
 * a SHORT leg with a positive size, an isolated leg without margin, duplicates). Empty when
 * the account is consistent. Used on the demo data and, later, after every transition.
 */
export function accountProblems(account: Account): string[] {
  const problems: string[] = [];
  const allowed = sidesOf(account.mode);
  const seen = new Set<string>();
  for (const p of account.positions) {
    const key = `${p.symbol}:${p.positionSide}`;
    if (seen.has(key)) problems.push(`${key}: duplicate leg`);
    seen.add(key);
    if (!allowed.includes(p.positionSide)) problems.push(`${key}: side not allowed in ${account.mode} mode`);
    if (p.positionAmt === 0n) problems.push(`${key}: zero size stored as open`);
    if (p.positionSide === 'LONG' && p.positionAmt < 0n) problems.push(`${key}: LONG leg with negative size`);
    if (p.positionSide === 'SHORT' && p.positionAmt > 0n) problems.push(`${key}: SHORT leg with positive size`);
    if (p.entryPrice <= 0n) problems.push(`${key}: entry price must be positive`);
    const cross = isCross(account, p);
    if (cross && p.isolatedWallet !== 0n) problems.push(`${key}: cross leg with an isolated wallet`);
    if (!cross && p.isolatedWallet <= 0n) problems.push(`${key}: isolated leg without margin`);
  }
  return problems;
}
