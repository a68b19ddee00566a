/**
 * What the engine knows of the account besides its positions: the last `v2/account.status` read,
 * the mode (`accountConfig.multiAssetsMargin`, kept current by ACCOUNT_CONFIG_UPDATE `ai`), and the
 * wallet balances `ACCOUNT_UPDATE` announced since (`B`: `wb`, `cw`). Pure functions, each returning
 * a new state.
 *
 * Ordering follows the positions (observed.ts): an account read knows each asset as of its own
 * `updateTime`, and every change up to its request time less the lag allowance (queries can lag the
 * stream, PROTOCOL §13.4). A `B` row newer than that replaces the read's wallet and cross wallet of
 * its asset; an older one, or one older than a `B` row already applied, changes nothing. Rows with
 * one `T` are ordered by `E`, then by arrival (§13.5).
 */
import type { AccountStatusRead } from '../exchange/account-types';
import type { AccountUpdateBalance } from '../exchange/user-events';
import type { AccountBasis, LiveBalance } from './derive-account';

/** A balance from the stream, and as of when. */
interface StreamBalance extends LiveBalance {
  /** Transaction time `T` and event time `E` of the update that carried it (exchange ms). */
  readonly time: number;
  readonly eventTime: number;
}

export interface AccountState {
  /** The last read, or null before the first of this session. */
  readonly read: AccountStatusRead | null;
  /** As of when the read is trusted to know every change (exchange ms). */
  readonly readKnowsAsOf: number;
  /** Local time the read arrived. */
  readonly readAt: number;
  /** Multi-Assets mode; false until the account's config says otherwise. */
  readonly multiAssets: boolean;
  /** Balances newer than the read, by asset. */
  readonly balances: ReadonlyMap<string, StreamBalance>;
  /** Local time a balance event last moved the figures (0: none). */
  readonly balanceAt: number;
}

export const EMPTY_ACCOUNT: AccountState = { read: null, readKnowsAsOf: -Infinity, readAt: 0, multiAssets: false, balances: new Map(), balanceAt: 0 };

export interface AccountReadInput {
  read: AccountStatusRead;
  /** The exchange's time when the request was sent, as estimated (ms). */
  serverTime: number;
  receivedAt: number;
  /** How far a query may lag the stream (ms; see SNAPSHOT_LAG_ALLOWANCE_MS). */
  lagAllowanceMs: number;
}

/** As of when the read knows `asset`: its trusted time, or the asset's own `updateTime` if newer. */
function knowsAsOf(state: Pick<AccountState, 'read' | 'readKnowsAsOf'>, asset: string): number {
  const updateTime = state.read?.assets.find((entry) => entry.asset === asset)?.updateTime ?? -Infinity;
  return Math.max(state.readKnowsAsOf, updateTime);
}

/** Installs a read; the stream's balances it does not know yet stay. */
export function applyAccountRead(state: AccountState, input: AccountReadInput): AccountState {
  const next = { ...state, read: input.read, readKnowsAsOf: input.serverTime - input.lagAllowanceMs, readAt: input.receivedAt };
  const balances = new Map([...state.balances].filter(([asset, balance]) => balance.time > knowsAsOf(next, asset)));
  return { ...next, balances };
}

/**
 * Applies the balance rows of one ACCOUNT_UPDATE (transaction time `time`, event time `eventTime`),
 * received at local `receivedAt`. Returns the same state when nothing is news.
 */
export function applyBalances(state: AccountState, rows: readonly AccountUpdateBalance[], time: number, eventTime: number, receivedAt: number): AccountState {
  let balances: Map<string, StreamBalance> | null = null;
  for (const row of rows) {
    if (time <= knowsAsOf(state, row.a)) continue;
    const held = (balances ?? state.balances).get(row.a);
    if (held !== undefined && (held.time > time || (held.time === time && held.eventTime > eventTime))) continue;
    const walletBalance = Number(row.wb);
    const crossWalletBalance = Number(row.cw);
    if (!Number.isFinite(walletBalance) || !Number.isFinite(crossWalletBalance)) continue;
    (balances ??= new Map(state.balances)).set(row.a, { walletBalance, crossWalletBalance, time, eventTime });
  }
  return balances === null ? state : { ...state, balances, balanceAt: receivedAt };
}

/** The account's mode as its config (or an `ai` event) says. */
export function applyMultiAssets(state: AccountState, multiAssets: boolean): AccountState {
  return state.multiAssets === multiAssets ? state : { ...state, multiAssets };
}

/**
 * After a reconnect the stream may have missed balance events: the next read is the truth, whatever
 * the old stream's times said (as forgetObserved does for positions). The balances stay shown until
 * then; a balance event of the new stream still wins over them.
 */
export function forgetStreamTimes(state: AccountState): AccountState {
  const balances = new Map([...state.balances].map(([asset, balance]) => [asset, { ...balance, time: -Infinity, eventTime: -Infinity }] as const));
  return { ...state, readKnowsAsOf: -Infinity, balances };
}

/** What derive-account needs, or null before the first read. */
export function accountBasis(state: AccountState): AccountBasis | null {
  if (state.read === null) return null;
  return { read: state.read, multiAssets: state.multiAssets, balances: state.balances, readAt: state.readAt, balanceAt: state.balanceAt };
}
