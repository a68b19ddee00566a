/**
 * What the client reads from the exchange besides the streams: the symbol list (cached for a day),
 * position snapshots (positions-reader.ts: v1, else v2 + symbolConfig), notional brackets, and the
 * account's risk figures (issue 13): `v2/account.status` (v1 `account.status` once v2 is refused as
 * unknown), accountConfig, funding income (paged, funding-history.ts), ADL quantiles and funding
 * intervals (cached for an hour). Every read goes through the client's request gate; list replies are
 * read row by row and their drops counted and told once per connection (drop-report.ts); REST weight headers
 * update the usage shown.
 */
import type { SymbolInfo } from '../../shared/symbols';
import { readAccountStatus, type AccountStatusMethod } from './account-replies';
import type { AccountConfigRead, AccountStatusRead, AdlQuantiles, FundingIntervals, ReadPosition } from './account-types';
import type { ClientMetrics } from './client-options';
import { DropReport } from './drop-report';
import { isMethodGone } from './errors';
import { readFundingHistory, type FundingHistory } from './funding-history';
import { accountStatusResult, type WsApiContext } from './methods';
import { PositionReader, type PositionsApi } from './positions-reader';
import type { RequestGate } from './request-gate';
import { fetchExchangeInfo, fetchLeverageBrackets, fetchSymbolConfig, type RestContext } from './rest';
import { fetchAccountConfig, fetchAdlQuantiles, fetchFundingIncomePage, fetchFundingInfo } from './rest-account';
import { replyDropMessage, type RowDrops } from './rows';
import type { Signer } from './signing';
import { TtlCache } from './ttl-cache';
import type { UserEvent } from './user-events';
import type { Bracket } from './wire';

export interface AccountReadsDeps {
  restBase: string;
  signer: Signer;
  gate: RequestGate;
  metrics: ClientMetrics;
  now: () => number;
  serverNow: () => number;
  symbolsTtlMs: number;
  /** How long the funding intervals are reused (default an hour: they change rarely, and fundingInfo has its own IP limit). */
  fundingInfoTtlMs?: number;
  /** A WS API request on the current connection, through the gate. */
  ws<T>(send: (context: WsApiContext) => Promise<T>): Promise<T>;
  notice(kind: 'info' | 'error', message: string): void;
}

/** Funding intervals change a few times a year; fundingInfo shares a 500 per 5 min limit per IP. */
export const FUNDING_INFO_TTL_MS = 60 * 60_000;

export class AccountReads {
  private readonly symbolList: TtlCache<SymbolInfo[]>;
  private readonly intervals: TtlCache<FundingIntervals>;
  /** `v2/account.status` until the exchange refuses it as unknown, then v1 for the session. */
  private statusMethod: AccountStatusMethod = 'v2/account.status';
  private readonly drops: DropReport;
  private readonly reader: PositionReader;

  constructor(private readonly deps: AccountReadsDeps) {
    this.symbolList = new TtlCache(deps.now, deps.symbolsTtlMs);
    this.intervals = new TtlCache(deps.now, deps.fundingInfoTtlMs ?? FUNDING_INFO_TTL_MS);
    this.drops = new DropReport(
      (message) => deps.notice('error', message),
      (rows) => (deps.metrics.malformedRows += rows),
    );
    this.reader = new PositionReader({
      call: (send) => deps.ws(send),
      readSymbolConfig: () => this.rest((context) => fetchSymbolConfig(context, deps.signer)),
      onDrops: (source, drops) => this.reportDrops(source, drops),
      onSwitched: (message) => deps.notice('info', message),
    });
  }

  /** Which positions method the exchange is read with: v1 until it refuses it, then v2. */
  get positionsApi(): PositionsApi {
    return this.reader.positionsApi;
  }

  /** A REST request through the gate; `clockRetry` false for the clock request itself. */
  rest<T>(send: (context: RestContext) => Promise<T>, clockRetry = true): Promise<T> {
    const context: RestContext = {
      base: this.deps.restBase,
      serverNow: this.deps.serverNow,
      onUsedWeight: (count) => (this.deps.metrics.weightUsed = count),
    };
    return this.deps.gate.run(() => send(context), { clockRetry });
  }

  /** Rows a `source` reply dropped: counted, and told once per kind and connection. */
  private reportDrops(source: string, drops: RowDrops): void {
    this.drops.add(source, drops.count, () => replyDropMessage(source, drops));
  }

  /** Every listed symbol, fetched once a day. */
  symbols(): Promise<SymbolInfo[]> {
    return this.symbolList.get(() =>
      this.rest((context) => fetchExchangeInfo(context)).then((read) => {
        this.reportDrops('exchangeInfo', read.dropped);
        this.deps.metrics.weightLimit ??= read.weightLimit;
        return read.symbols;
      }),
    );
  }

  /**
   * The funding interval of every symbol `fundingInfo` lists, reused for an hour (unlisted symbols
   * are 8 h: account-replies.ts `fundingIntervalHours`).
   */
  fundingIntervals(): Promise<FundingIntervals> {
    return this.intervals.get(() =>
      this.rest((context) => fetchFundingInfo(context)).then(({ read, dropped }) => {
        this.reportDrops('fundingInfo', dropped);
        return read;
      }),
    );
  }

  /** The account's positions (or one symbol's), v1-shaped whichever method the exchange serves. */
  fetchPositions(symbol?: string): Promise<ReadPosition[]> {
    return this.reader.fetch(symbol);
  }

  /** Notional brackets per symbol (signed REST). */
  async leverageBrackets(): Promise<Map<string, Bracket[]>> {
    const read = await this.rest((context) => fetchLeverageBrackets(context, this.deps.signer));
    this.reportDrops('leverageBracket', read.dropped);
    return read.brackets;
  }

  /**
   * The account's totals, assets and positions with margin figures: `v2/account.status`, or v1
   * `account.status` for the rest of the session once the exchange refuses v2 as unknown (said once).
   * A reply without readable totals is an error; odd asset or position rows are dropped and told.
   */
  async accountStatus(): Promise<AccountStatusRead> {
    const method = this.statusMethod;
    try {
      return await this.readStatus(method);
    } catch (error) {
      if (method !== 'v2/account.status' || !isMethodGone(error)) throw error;
      if (this.statusMethod === 'v2/account.status') {
        this.statusMethod = 'account.status';
        this.deps.notice('info', 'The exchange does not serve v2/account.status: account figures now come from account.status (v1).');
      }
      return this.readStatus('account.status');
    }
  }

  private async readStatus(method: AccountStatusMethod): Promise<AccountStatusRead> {
    const { read, dropped } = readAccountStatus(await this.deps.ws((context) => accountStatusResult(context, method)), method);
    this.reportDrops(method, dropped);
    return read;
  }

  /** The account's modes (signed REST accountConfig): Multi-Assets and hedge mode. */
  accountConfig(): Promise<AccountConfigRead> {
    return this.rest((context) => fetchAccountConfig(context, this.deps.signer));
  }

  /**
   * Every funding payment since `startTime` (exchange ms), each once, oldest first: `income` pages of
   * 1000 rows (weight 30 each), at most ten; a longer history is told on the timeline and returned as read.
   */
  async fundingIncome(startTime: number): Promise<FundingHistory['rows']> {
    const history = await readFundingHistory((from) => this.rest((context) => fetchFundingIncomePage(context, this.deps.signer, from)), startTime);
    this.reportDrops('income', history.dropped);
    if (!history.complete) {
      this.deps.notice('error', `The funding history since ${new Date(startTime).toISOString()} is longer than PerpDesk reads at once: the latest payments are missing from funding totals.`);
    }
    return history.rows;
  }

  /** ADL quantiles 0–4 of every position, keyed `${symbol}:${positionSide}` (signed REST adlQuantile). */
  async adlQuantiles(): Promise<AdlQuantiles> {
    const { read, dropped } = await this.rest((context) => fetchAdlQuantiles(context, this.deps.signer));
    this.reportDrops('adlQuantile', dropped);
    return read;
  }

  /** Every user event the client sees (ACCOUNT_CONFIG_UPDATE keeps the v2 config current). */
  onUserEvent(event: UserEvent): void {
    this.reader.onUserEvent(event);
  }

  /**
   * Events may have been missed: the v2 config is re-read. On a new connection (`fresh`), drops may be
   * told on the timeline again.
   */
  newConnection(fresh: boolean): void {
    if (fresh) this.drops.reset();
    this.reader.onReconnected();
  }
}
