/**
 * `RunningSimulator.control`: the control commands as typed methods for in-process tests.
 * Each method builds the same command object `POST /__sim` receives and runs it through the
 * same validation, so both surfaces behave identically; a refused command throws
 * {@link SimControlError} instead of returning `{ ok: false }`.
 */
import type { AccountName, PositionSide } from './account-model';
import type { FillReceipt } from './account-book';
import type { ControlReply } from './control';
import type { LinkSelector } from './link-registry';
import type { MalformedVariant } from './malformed-frames';
import type { V1PositionRow } from './position-rows';
import type { TrafficStats } from './traffic';
import type { RetirableMethod, RetiredAs } from './retirement';

/** A control command the simulator refused (bad field, unknown symbol, nothing to expire…). */
export class SimControlError extends Error {
  override readonly name = 'SimControlError';
}

/** Arguments of {@link SimControl.fill}. Decimals are strings, as on the wire. */
export interface FillArgs {
  account: AccountName;
  symbol: string;
  side: 'BUY' | 'SELL';
  /** BOTH by default on the one-way account; LONG or SHORT required on the hedge account. */
  positionSide?: PositionSide;
  qty: string;
  /** Defaults to the current mark. */
  price?: string;
  /** Trades the order fills in, all at one transaction time (default 1). */
  trades?: number;
}

/** Arguments of {@link SimControl.adl}. */
export interface AdlArgs {
  account: AccountName;
  symbol: string;
  /** Needed only when both hedge legs are open. */
  positionSide?: PositionSide;
  /** Defaults to the whole leg. */
  qty?: string;
}

/** What {@link SimControl.pressMargin} did. */
export interface MarginPressResult {
  account: AccountName;
  /** The cross margin ratio reached, percent with 2 decimals. */
  ratioPct: number;
  /** The new marks by symbol (8-decimal strings). */
  marks: Record<string, string>;
}

/** The control operations. */
export interface SimControl {
  /** Runs a raw command object exactly as `POST /__sim` would; never throws. */
  run(command: unknown): ControlReply;
  /** Executes a fill: ORDER_TRADE_UPDATE then ACCOUNT_UPDATE on the account's user streams. */
  fill(args: FillArgs): FillReceipt;
  /** Auto-deleverages a leg at the mark: ORDER_TRADE_UPDATE (CALCULATED, adl_autoclose) then ACCOUNT_UPDATE. */
  adl(args: AdlArgs): FillReceipt;
  /**
   * A quoting bot on the account: ORDER_TRADE_UPDATE NEW / AMENDMENT / CANCELED / EXPIRED without
   * fills, `ordersPerSecond` (≤ 200) for `durationMs` (≤ 60 s); returns how many orders it sends.
   */
  quote(args: { account: AccountName; symbol: string; ordersPerSecond: number; durationMs: number }): number;
  /** Sends (or stops sending) `"bep":"0"` on the open rows of ACCOUNT_UPDATE. */
  bepZero(enabled: boolean): void;
  /** Position snapshots (v1 and v2 account.position) answer the state of `ms` ago; 0 stops it. */
  lagSnapshots(ms: number): void;
  /** Forces a mark (and runs the liquidation / margin-call checks it may trigger). */
  setMark(symbol: string, price: string): void;
  /**
   * Moves the marks of the account's cross positions (all together, proportionally) until its cross
   * margin ratio is `ratioPct` (± 0.5); the walk goes on from there. Throws when the account has no
   * cross position or the ratio cannot be reached.
   */
  pressMargin(account: AccountName, ratioPct: number): MarginPressResult;
  /** Changes leverage; pushes ACCOUNT_CONFIG_UPDATE. */
  setLeverage(account: AccountName, symbol: string, leverage: number): void;
  /** Changes a flat symbol's margin type (refused while it has a position, as Binance's -4048). */
  setMarginType(account: AccountName, symbol: string, marginType: 'isolated' | 'cross'): void;
  /** Closes connections with a 1001 close frame (`clean`, default) or destroys them (`abrupt`); returns how many. */
  dropConnections(args?: { kind?: LinkSelector; mode?: 'clean' | 'abrupt' }): number;
  /** Stops sending anything on connections, for `durationMs` or until {@link SimControl.unstall}; returns how many. */
  stall(args?: { kind?: LinkSelector; durationMs?: number }): number;
  /** Resumes stalled connections; returns how many. */
  unstall(args?: { kind?: LinkSelector }): number;
  /** Stops (default) or resumes answering client pings; returns how many connections. */
  withholdPongs(args?: { kind?: LinkSelector; withhold?: boolean }): number;
  /** Expires the account's listenKey now; returns it. */
  expireListenKey(account: AccountName): string;
  /** Sets the server clock's offset in ms; returns the new server time. */
  skewClock(ms: number): number;
  /** Forces 429 (ignoring it bans) or 418 on every origin; returns `retryAfter` (ms epoch). */
  rateLimit(args: { status: 429 | 418; retryAfterMs?: number }): number;
  /** Lifts forced limits, 429 windows and bans. */
  resetRateLimits(): void;
  /** Sends a bad frame on every market or private connection; returns how many. */
  malformed(args: { kind: 'market' | 'private'; variant: MalformedVariant }): number;
  /** Runs a funding round now. */
  settleFunding(): void;
  /** The account's v1 position rows. */
  truth(account: AccountName): V1PositionRow[];
  /** The account's current `v2/account.status` reply: totals, assets, positions. */
  accountTruth(account: AccountName): Record<string, unknown>;
  /** Retires a v1 account method: it answers -5000 "… is retired" (or, `as: 'unknown'`, an unknown method's error). */
  retireMethod(method: RetirableMethod, as?: RetiredAs): void;
  /** Brings back one retired method, or all; returns how many came back. */
  restoreMethod(method?: RetirableMethod): number;
  /** What the simulator has received so far: handshakes by route, WS API requests, REST requests. */
  stats(): TrafficStats;
}

/** Builds the typed surface over a command runner. */
export function createControlApi(run: (command: unknown) => ControlReply): SimControl {
  const call = (command: Record<string, unknown>): Record<string, unknown> => {
    // Drop undefined fields so optional arguments stay optional in the strict schema.
    const clean = Object.fromEntries(Object.entries(command).filter(([, value]) => value !== undefined));
    const reply = run(clean);
    if (!reply.ok) throw new SimControlError(reply.error);
    return reply;
  };
  const count = (command: Record<string, unknown>, field: string): number => call(command)[field] as number;
  return {
    run,
    fill: (args) => {
      const { ok: _ok, ...receipt } = call({ command: 'fill', ...args });
      return receipt as unknown as FillReceipt;
    },
    adl: (args) => {
      const { ok: _ok, ...receipt } = call({ command: 'adl', ...args });
      return receipt as unknown as FillReceipt;
    },
    quote: (args) => count({ command: 'quote', ...args }, 'orders'),
    bepZero: (enabled) => void call({ command: 'bepZero', enabled }),
    lagSnapshots: (ms) => void call({ command: 'lagSnapshots', ms }),
    setMark: (symbol, price) => void call({ command: 'setMark', symbol, price }),
    pressMargin: (account, ratioPct) => {
      const { ok: _ok, ...result } = call({ command: 'pressMargin', account, ratioPct });
      return result as unknown as MarginPressResult;
    },
    setLeverage: (account, symbol, leverage) => void call({ command: 'setLeverage', account, symbol, leverage }),
    setMarginType: (account, symbol, marginType) => void call({ command: 'setMarginType', account, symbol, marginType }),
    dropConnections: (args = {}) => count({ command: 'dropConnections', ...args }, 'dropped'),
    stall: (args = {}) => count({ command: 'stall', ...args }, 'stalled'),
    unstall: (args = {}) => count({ command: 'unstall', ...args }, 'resumed'),
    withholdPongs: (args = {}) => count({ command: 'withholdPongs', ...args }, 'affected'),
    expireListenKey: (account) => call({ command: 'expireListenKey', account }).listenKey as string,
    skewClock: (ms) => count({ command: 'skewClock', ms }, 'serverTime'),
    rateLimit: (args) => count({ command: 'rateLimit', ...args }, 'retryAfter'),
    resetRateLimits: () => void call({ command: 'resetRateLimits' }),
    malformed: (args) => count({ command: 'malformed', ...args }, 'sent'),
    settleFunding: () => void call({ command: 'settleFunding' }),
    retireMethod: (method, as) => void call({ command: 'retireMethod', method, as }),
    restoreMethod: (method) => count({ command: 'restoreMethod', method }, 'restored'),
    truth: (account) => call({ command: 'truth', account }).rows as V1PositionRow[],
    accountTruth: (account) => call({ command: 'accountTruth', account }).status as Record<string, unknown>,
    stats: () => {
      const { ok: _ok, ...stats } = call({ command: 'stats' });
      return stats as unknown as TrafficStats;
    },
  };
}
