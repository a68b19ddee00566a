/**
 * The reads the engine makes beside position snapshots, each on its own schedule:
 * - the account's config (Multi-Assets mode) at connect and when ACCOUNT_CONFIG_UPDATE `ai` says it changed;
 * - funding intervals (`fundingInfo`) once per session;
 * - funding income since 00:00 UTC at connect, after FUNDING_FEE balance events (coalesced, and kept a
 *   floor apart that rises with the weight in use: the income history costs weight 30) and at the
 *   UTC day change;
 * - ADL quantiles (`adlQuantile`) every 30 s while positions are open — the exchange updates them
 *   every 30 s — unless the position snapshots carry them (`v2/account.position` rows have `adl`).
 * A reply from an older session (epoch) is dropped; a failed read keeps what was known and is told
 * once until that read succeeds again.
 */
import type { AccountConfigRead, AdlQuantiles, FundingIncomeRead, FundingIntervals } from '../exchange/account-types';
import { eventRefreshFloor } from './refresh-policy';

/** The exchange reads these need (all optional: an exchange without one simply lacks its figures). */
export interface SideReadsExchange {
  // Function-valued properties, not methods: they are called unbound.
  fetchAccountConfig?: () => Promise<AccountConfigRead>;
  fetchFundingIntervals?: () => Promise<FundingIntervals>;
  /** FUNDING_FEE income rows from `startTime` (exchange ms) on. */
  fetchFundingIncome?: (startTime: number) => Promise<FundingIncomeRead[]>;
  fetchAdlQuantiles?: () => Promise<AdlQuantiles>;
}

export interface SideReadsOptions {
  exchange: SideReadsExchange;
  now: () => number;
  /** The exchange's clock as estimated (ms): the UTC day is the exchange's. */
  serverNow: () => number;
  /** The session epoch now (the engine's). */
  epoch: () => number;
  /** True while connected and in `epoch`. */
  live: (epoch: number) => boolean;
  hasOpenPositions: () => boolean;
  /** True when the position snapshots carry each row's ADL quantile themselves. */
  snapshotsCarryAdl: () => boolean;
  weightUsage: () => number | null;
  onConfig: (config: AccountConfigRead) => void;
  onFundingIntervals: (intervals: FundingIntervals) => void;
  /** Funding per symbol since `dayStart` (exchange ms, 00:00 UTC). */
  onFundingToday: (bySymbol: ReadonlyMap<string, number>, dayStart: number) => void;
  onAdl: (quantiles: AdlQuantiles) => void;
  /** A read failed (said once until it succeeds again). */
  onNotice: (message: string) => void;
  /** Least time between funding income reads while the weight budget is roomy (ms). */
  fundingReadFloorMs?: number;
  /** Quiet time after a FUNDING_FEE event before the income read (ms): fees of every position arrive together. */
  fundingDebounceMs?: number;
  adlIntervalMs?: number;
}

/** The exchange recomputes ADL quantiles every 30 s. */
export const ADL_INTERVAL_MS = 30_000;
/** Income history costs weight 30: six snapshots' worth, so it is floored further apart. */
export const FUNDING_READ_FLOOR_MS = 10_000;
const DAY_MS = 86_400_000;

/** 00:00 UTC of the day holding `time` (ms). */
export function startOfUtcDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** Funding per symbol from income rows at or after `dayStart`; rows that are no number are skipped. */
export function fundingBySymbol(rows: readonly FundingIncomeRead[], dayStart: number): Map<string, number> {
  const bySymbol = new Map<string, number>();
  for (const row of rows) {
    const income = Number(row.income);
    if (row.time < dayStart || !Number.isFinite(income)) continue;
    bySymbol.set(row.symbol, (bySymbol.get(row.symbol) ?? 0) + income);
  }
  return bySymbol;
}

type ReadName = 'config' | 'intervals' | 'funding' | 'adl';

export class SideReads {
  private intervalsLoaded = false;
  private fundingTimer: NodeJS.Timeout | null = null;
  private dayTimer: NodeJS.Timeout | null = null;
  private adlTimer: NodeJS.Timeout | null = null;
  private fundingInFlight = false;
  private fundingAgain = false;
  private lastFundingReadAt = -Infinity;
  private lastAdlReadAt = -Infinity;
  /** Reads whose failure was told and that have not succeeded since. */
  private readonly failing = new Set<ReadName>();

  constructor(private readonly options: SideReadsOptions) {}

  /** A (re)connection: the config and today's funding are read, the day change and ADL polling scheduled. */
  connected(): void {
    this.readConfig();
    if (!this.intervalsLoaded) this.readIntervals();
    this.readFunding();
    this.scheduleDayChange();
    this.scheduleAdl(this.adlIntervalMs());
  }

  /** The account's Multi-Assets mode changed (ACCOUNT_CONFIG_UPDATE `ai`): read the config again. */
  configChanged(): void {
    this.readConfig();
  }

  /** A FUNDING_FEE balance event: read today's income shortly, once for a burst. */
  fundingFee(): void {
    if (this.fundingTimer !== null) return;
    const floor = eventRefreshFloor(this.options.fundingReadFloorMs ?? FUNDING_READ_FLOOR_MS, this.options.weightUsage());
    const delay = Math.max(this.options.fundingDebounceMs ?? 1_000, this.lastFundingReadAt + floor - this.options.now());
    this.fundingTimer = setTimeout(() => {
      this.fundingTimer = null;
      this.readFunding();
    }, delay);
  }

  /** Stops every timer (the link dropped or the session ends); what was read stays. */
  stop(): void {
    for (const timer of [this.fundingTimer, this.dayTimer, this.adlTimer]) if (timer !== null) clearTimeout(timer);
    this.fundingTimer = this.dayTimer = this.adlTimer = null;
    this.fundingAgain = false;
  }

  /** Another account: everything is read anew. */
  reset(): void {
    this.stop();
    this.intervalsLoaded = false;
    this.lastAdlReadAt = -Infinity;
    this.failing.clear();
  }

  private readConfig(): void {
    const read = this.options.exchange.fetchAccountConfig;
    if (read !== undefined) this.run('config', () => read(), (config) => this.options.onConfig(config));
  }

  private readIntervals(): void {
    const read = this.options.exchange.fetchFundingIntervals;
    if (read === undefined) return;
    this.run('intervals', () => read(), (intervals) => {
      this.intervalsLoaded = true;
      this.options.onFundingIntervals(intervals);
    });
  }

  /** One income read at a time; a request meanwhile runs once more after it (the fee may be newer). */
  private readFunding(): void {
    const read = this.options.exchange.fetchFundingIncome;
    if (read === undefined) return;
    if (this.fundingInFlight) {
      this.fundingAgain = true;
      return;
    }
    this.fundingInFlight = true;
    this.lastFundingReadAt = this.options.now();
    const dayStart = startOfUtcDay(this.options.serverNow());
    this.run(
      'funding',
      () => read(dayStart),
      (rows) => this.options.onFundingToday(fundingBySymbol(rows, dayStart), dayStart),
      () => {
        this.fundingInFlight = false;
        if (!this.fundingAgain) return;
        this.fundingAgain = false;
        if (this.options.live(this.options.epoch())) this.fundingFee();
      },
    );
  }

  /** At 00:00 UTC (the exchange's clock) "today" starts again. */
  private scheduleDayChange(): void {
    if (this.dayTimer !== null) clearTimeout(this.dayTimer);
    const now = this.options.serverNow();
    // A second past midnight, so the exchange's day has surely turned too.
    const delay = startOfUtcDay(now) + DAY_MS - now + 1_000;
    const epoch = this.options.epoch();
    this.dayTimer = setTimeout(() => {
      this.dayTimer = null;
      if (!this.options.live(epoch)) return;
      this.readFunding();
      this.scheduleDayChange();
    }, delay);
  }

  /**
   * A whole-account snapshot is in: positions may have opened, so the quantiles are read now if the
   * last read is older than the exchange's 30 s update (the first one right after connect).
   */
  snapshotLoaded(): void {
    if (this.options.now() - this.lastAdlReadAt >= this.adlIntervalMs()) this.readAdl();
  }

  private adlIntervalMs(): number {
    return this.options.adlIntervalMs ?? ADL_INTERVAL_MS;
  }

  /** ADL quantiles every interval while positions are open and the snapshots do not carry them. */
  private scheduleAdl(delay: number): void {
    if (this.adlTimer !== null) clearTimeout(this.adlTimer);
    if (this.options.exchange.fetchAdlQuantiles === undefined) return;
    const epoch = this.options.epoch();
    this.adlTimer = setTimeout(() => {
      this.adlTimer = null;
      if (!this.options.live(epoch)) return;
      this.readAdl();
      this.scheduleAdl(this.adlIntervalMs());
    }, delay);
  }

  private readAdl(): void {
    const read = this.options.exchange.fetchAdlQuantiles;
    if (read === undefined || !this.options.hasOpenPositions() || this.options.snapshotsCarryAdl()) return;
    this.lastAdlReadAt = this.options.now();
    this.run('adl', () => read(), (quantiles) => this.options.onAdl(quantiles));
  }

  /** Runs a read in the current epoch; its result is used only if that epoch is still live. */
  private run<T>(name: ReadName, read: () => Promise<T>, use: (result: T) => void, settled?: () => void): void {
    const epoch = this.options.epoch();
    read().then(
      (result) => {
        settled?.();
        if (!this.options.live(epoch)) return;
        this.failing.delete(name);
        use(result);
      },
      (error: unknown) => {
        settled?.();
        if (!this.options.live(epoch) || this.failing.has(name)) return;
        this.failing.add(name);
        this.options.onNotice(`${READ_NAMES[name]} could not be read (${error instanceof Error ? error.message : String(error)}); the last figures stay.`);
      },
    );
  }
}

const READ_NAMES: Readonly<Record<ReadName, string>> = {
  config: 'The account configuration (Multi-Assets mode)',
  intervals: 'The funding intervals',
  funding: "Today's funding income",
  adl: 'The ADL quantiles',
};
