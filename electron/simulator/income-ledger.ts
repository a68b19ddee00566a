/**
 * The income history of each account (`GET /fapi/v1/income`): every wallet movement the book
 * makes — funding payments, realised PnL and commissions of fills, the isolated margin lost to
 * the insurance fund on a liquidation — booked at the moment the book makes it, with the very
 * amount the ACCOUNT_UPDATE of that change carried. History is bounded per account (the live
 * exchange keeps three months; a demo needs far less), oldest rows dropped first.
 */
import type { AccountName } from './account-model';
import type { Dec } from './decimal';
import { money8 } from './format';

/** The income types the model books (a subset of Binance's list; see {@link INCOME_TYPES}). */
export type BookedIncomeType = 'FUNDING_FEE' | 'REALIZED_PNL' | 'COMMISSION' | 'INSURANCE_CLEAR';

/**
 * Every `incomeType` the endpoint accepts, as the USDⓈ-M "Get Income History" page lists them
 * (its own spelling `DELIVERED_SETTELMENT` included). Types the model never books answer `[]`;
 * anything else is refused.
 */
export const INCOME_TYPES: ReadonlySet<string> = new Set([
  'TRANSFER', 'WELCOME_BONUS', 'REALIZED_PNL', 'FUNDING_FEE', 'COMMISSION', 'INSURANCE_CLEAR', 'REFERRAL_KICKBACK',
  'COMMISSION_REBATE', 'API_REBATE', 'CONTEST_REWARD', 'CROSS_COLLATERAL_TRANSFER', 'OPTIONS_PREMIUM_FEE',
  'OPTIONS_SETTLE_PROFIT', 'INTERNAL_TRANSFER', 'AUTO_EXCHANGE', 'DELIVERED_SETTELMENT', 'COIN_SWAP_DEPOSIT',
  'COIN_SWAP_WITHDRAW', 'POSITION_LIMIT_INCREASE_FEE', 'STRATEGY_UMFUTURES_TRANSFER', 'FEE_RETURN', 'BFUSD_REWARD',
]);

/** One booked movement, before formatting. */
export interface IncomeEntry {
  readonly symbol: string;
  readonly incomeType: BookedIncomeType;
  /** Signed: positive into the wallet, negative out of it. */
  readonly amount: Dec;
  readonly asset: string;
  readonly time: number;
  /** The fill's trade id (REALIZED_PNL, COMMISSION); absent otherwise. */
  readonly tradeId?: number;
}

/** One `GET /fapi/v1/income` row, keys in the documented order. */
export interface IncomeRow {
  symbol: string;
  incomeType: string;
  income: string;
  asset: string;
  info: string;
  time: number;
  tranId: number;
  tradeId: string;
}

/** What a query selects; bounds inclusive, as the docs say. */
export interface IncomeQuery {
  readonly symbol?: string;
  readonly incomeType?: string;
  readonly startTime: number;
  readonly endTime: number;
  /** 1-based. */
  readonly page: number;
  readonly limit: number;
}

/** Rows kept per account. */
export const MAX_INCOME_ROWS = 10_000;

/** The bounded, per-account income history. */
export class IncomeLedger {
  private readonly rows = new Map<AccountName, IncomeRow[]>();
  private nextTranId = 9_689_322_400;

  constructor(private readonly capacity: number = MAX_INCOME_ROWS) {}

  /** Books one movement; a zero amount is no movement and books nothing. */
  book(account: AccountName, entry: IncomeEntry): void {
    if (entry.amount === 0n) return;
    let list = this.rows.get(account);
    if (!list) this.rows.set(account, (list = []));
    list.push({
      symbol: entry.symbol,
      incomeType: entry.incomeType,
      income: money8(entry.amount),
      asset: entry.asset,
      // Binance repeats the type in `info` for trade-related rows (the documented examples).
      info: entry.incomeType,
      time: entry.time,
      tranId: this.nextTranId++,
      tradeId: entry.tradeId === undefined ? '' : String(entry.tradeId),
    });
    // Dropping in batches keeps booking O(1) amortised on a long-running demo.
    if (list.length > this.capacity + this.capacity / 10) list.splice(0, list.length - this.capacity);
  }

  /** The rows a query selects, oldest first, one page of them. */
  query(account: AccountName, q: IncomeQuery): IncomeRow[] {
    const list = this.rows.get(account) ?? [];
    const kept = list.length > this.capacity ? list.slice(list.length - this.capacity) : list;
    const selected = kept.filter(
      (r) =>
        r.time >= q.startTime &&
        r.time <= q.endTime &&
        (q.symbol === undefined || r.symbol === q.symbol) &&
        (q.incomeType === undefined || r.incomeType === q.incomeType),
    );
    const from = (q.page - 1) * q.limit;
    return selected.slice(from, from + q.limit);
  }
}
