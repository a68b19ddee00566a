/**
 * The position engine: takes snapshots (on connect, on symbol change, periodically), applies mark
 * ticks between them, follows the mark prices of every open position plus the selected symbol, and
 * tells its owner when the view changed. The view itself is built lazily, at most once per change,
 * because ticks can arrive far faster than anyone looks at the view.
 *
 * Mark ticks are batched: `ws` delivers every frame of one socket read synchronously, so the ticks
 * wait (newest per symbol) for a microtask at the end of that read and are applied together — same
 * event-loop turn, no added latency. The batches go into a draft the engine alone holds, which is
 * finished into an immutable state only when something reads it (a view, another event), so a
 * saturated stream never copies the whole state per batch. Whatever reads the state first applies
 * the waiting ticks, which keeps every event in arrival order.
 */
import type { ExchangePosition, PositionsView } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import type { AccountUpdateBalance, AccountUpdatePosition } from '../exchange/user-events';
import type { MarkTick } from '../exchange/wire';
import { AccountTracker } from './account-tracker';
import { applyAccountUpdate, applyLeverage } from './account-update';
import { adlOf, applyBrackets, applyFundingIntervals, applyRowExtras, applySnapshot, forgetObserved, markPricesInto } from './reducer';
import { RequestLane } from './request-lane';
import { SideReads } from './side-reads';
import { SNAPSHOT_LAG_ALLOWANCE_MS, type EngineOptions } from './engine-options';
import { MarginAssets } from './margin-assets';
import { EVENT_REFRESH_FLOOR_MS, eventRefreshFloor, isPositionChangingExecution, refreshDelay } from './refresh-policy';
import { EMPTY_STATE, StateDraft, type Leg, type PositionsState } from './state';
import { TickBatch } from './tick-batch';
import { buildView } from './view';

export { SNAPSHOT_LAG_ALLOWANCE_MS, type EngineExchange, type EngineOptions } from './engine-options';

export class PositionEngine {
  /** The last finished state: immutable, possibly held by a view. Read it through `current()`. */
  private published: PositionsState = EMPTY_STATE;
  /** Mark batches applied since `published` was last read; nothing outside the engine sees it. */
  private draft: StateDraft | null = null;
  /** Ticks of the current socket read, the newest per symbol, applied at its end. */
  private readonly pendingTicks = new TickBatch();
  private flushScheduled = false;
  private selected: string | null = null;
  private version = 0;
  private snapshotAt: number | null = null;
  private cached: PositionsView | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  /** The snapshot request under way, with the session epoch it was asked for in. */
  private inFlight: { promise: Promise<void>; epoch: number } | null = null;
  private queued: { symbol: string | null } | null = null;
  private stopped = false;
  /** Bumped by stop() and reset(): a reply asked for in an older epoch belongs to a session that is
   * gone (another account, a dropped link) and is dropped, never merged into the new one. */
  private epoch = 0;
  /** Local time the last snapshot was asked for (the event refresh floor counts from it). */
  private lastSnapshotAt = -Infinity;
  private readonly assets = new MarginAssets();
  /** The account's balances, mode and last read. */
  private readonly account: AccountTracker;
  /** True when the last whole-account snapshot's open rows carried their ADL quantile (v2). */
  private snapshotsCarryAdl = false;
  private readonly sideReads: SideReads;
  /** Every request of this session epoch, one at a time (request-lane.ts); replaced with the epoch. */
  private lane = new RequestLane();

  constructor(private readonly options: EngineOptions) {
    const live = (epoch: number): boolean => !this.stopped && epoch === this.epoch;
    const notice = (message: string): void => options.onReadNotice?.(message);
    const { exchange } = options;
    const inLane = <A extends unknown[], T>(send: ((...args: A) => Promise<T>) | undefined): ((...args: A) => Promise<T>) | undefined =>
      send === undefined ? undefined : (...args: A) => this.lane.run(() => send(...args));
    this.account = new AccountTracker({
      read: inLane(exchange.fetchAccountStatus?.bind(exchange)),
      now: options.now,
      live,
      lagAllowanceMs: () => options.snapshotLagAllowanceMs ?? SNAPSHOT_LAG_ALLOWANCE_MS,
      onChange: () => this.changed(),
      onNotice: notice,
    });
    this.sideReads = new SideReads({
      exchange: {
        fetchAccountConfig: inLane(exchange.fetchAccountConfig),
        fetchFundingIntervals: inLane(exchange.fetchFundingIntervals),
        fetchFundingIncome: inLane(exchange.fetchFundingIncome),
        fetchAdlQuantiles: inLane(exchange.fetchAdlQuantiles),
      },
      now: options.now,
      serverNow: options.serverNow,
      epoch: () => this.epoch,
      live,
      hasOpenPositions: () => this.current().rows.size > 0,
      snapshotsCarryAdl: () => this.snapshotsCarryAdl,
      weightUsage: () => options.weightUsage?.() ?? null,
      onConfig: (config) => this.account.multiAssets(config.multiAssetsMargin),
      onFundingIntervals: (intervals) => this.commit(applyFundingIntervals(this.current(), intervals)),
      onFundingToday: (bySymbol) => this.commit(applyRowExtras(this.current(), { fundingToday: bySymbol })),
      onAdl: (quantiles) => this.commit(applyRowExtras(this.current(), { adl: quantiles })),
      onNotice: notice,
      ...(options.fundingReadFloorMs === undefined ? {} : { fundingReadFloorMs: options.fundingReadFloorMs }),
      ...(options.adlIntervalMs === undefined ? {} : { adlIntervalMs: options.adlIntervalMs }),
    });
  }

  /** The current view; the same object until something changes. */
  view(): PositionsView {
    const state = this.current();
    this.cached ??= buildView(state, this.selected, this.version, this.snapshotAt, this.assets.of, this.account.view(state.rows.values(), this.assets.of));
    return this.cached;
  }

  get selectedSymbol(): string | null {
    return this.selected;
  }

  /** The client (re)connected: everything may have changed meanwhile, take a full snapshot. */
  connected(): void {
    this.stopped = false;
    // The stream may have missed events while the link was down (or the exchange restarted): what
    // was known before is no longer newer than a snapshot — the lag allowance is for a live stream —
    // so the snapshot that follows is the truth.
    this.commit(forgetObserved(this.current()));
    this.account.reconnected();
    this.scheduleRefresh();
    // The positions, then the brackets and the account (the figures on screen first), then the rest.
    const epoch = this.epoch;
    void this.snapshot(null).then(() => {
      if (!this.stopped && epoch === this.epoch) this.sideReads.connected();
    });
    if (this.current().brackets.size === 0) this.loadBrackets();
  }

  /** Brackets change rarely: read once per session; a failure only leaves margin ratios unknown. */
  private loadBrackets(): void {
    const epoch = this.epoch;
    const fetchBrackets = this.options.exchange.fetchBrackets?.bind(this.options.exchange);
    if (fetchBrackets === undefined) return;
    this.lane.run(fetchBrackets).then(
      (brackets) => {
        if (!this.stopped && epoch === this.epoch) this.commit(applyBrackets(this.current(), brackets));
      },
      () => undefined,
    );
  }

  /** A mark tick from the stream: applied with the rest of its socket read, in a microtask. */
  tick(tick: MarkTick): void {
    this.pendingTicks.add(tick);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flushTicks();
    });
  }

  /** The exchange's symbol list: each symbol's margin asset, which totals are kept apart by. */
  symbolsLoaded(symbols: readonly Pick<SymbolInfo, 'symbol' | 'marginAsset'>[]): void {
    if (this.assets.load(symbols)) this.changed();
  }

  /** The margin asset of `symbol` (for messages that name a currency). */
  marginAssetOf(symbol: string): string {
    return this.assets.of(symbol);
  }

  /**
   * Changed positions from an ACCOUNT_UPDATE (transaction time `time`, event time `eventTime`):
   * merged at once, and a snapshot follows shortly to bring the liquidation price, which the stream
   * does not carry. A position it opens is followed on the mark stream at once.
   */
  accountUpdate(changes: readonly AccountUpdatePosition[], time: number, eventTime: number = time): void {
    if (changes.length === 0) return;
    // Arriving while a snapshot is in flight needs no buffering: the reducer knows as of when each
    // position is known, so the snapshot keeps what this event says if it is newer (observed.ts).
    const before = this.current();
    const after = applyAccountUpdate(before, changes, time, this.options.now(), eventTime);
    this.commit(after);
    if (!sameKeys(before.legs, after.legs)) this.followMarks();
    this.refreshSoon();
  }

  /**
   * The balances of an ACCOUNT_UPDATE (`B`: wallet and cross wallet per asset, transaction time
   * `time`, event time `eventTime`): the account figures move at once; older news changes nothing.
   * A FUNDING_FEE event (`reason`) also has today's funding read again shortly.
   */
  balanceUpdate(balances: readonly AccountUpdateBalance[], time: number, eventTime: number = time, reason?: string): void {
    this.account.balances(balances, time, eventTime);
    if (reason === 'FUNDING_FEE' && !this.stopped) this.sideReads.fundingFee();
  }

  /** ACCOUNT_CONFIG_UPDATE `ai`: the Multi-Assets mode changed; the config is read again to be sure. */
  multiAssetsChanged(multiAssets: boolean): void {
    this.account.multiAssets(multiAssets);
    if (!this.stopped) this.sideReads.configChanged();
    this.refreshSoon();
  }

  /** An ORDER_TRADE_UPDATE: only a fill can have changed a position, and only a fill costs a snapshot. */
  orderUpdate(executionType: string): void {
    if (isPositionChangingExecution(executionType)) this.refreshSoon();
  }

  /** A leverage change (ACCOUNT_CONFIG_UPDATE). */
  leverageChanged(symbol: string, leverage: number): void {
    this.commit(applyLeverage(this.current(), symbol, leverage));
    this.refreshSoon();
  }

  /**
   * Something happened on the account (a fill, a margin call): re-read it shortly, once. Requests
   * are coalesced — one timer, whatever arrives meanwhile — and kept a floor apart from the last
   * snapshot, a floor that rises with the weight in use (refresh-policy.ts).
   */
  refreshSoon(): void {
    if (this.stopped || this.debounceTimer !== null) return;
    const floor = eventRefreshFloor(this.options.eventRefreshFloorMs ?? EVENT_REFRESH_FLOOR_MS, this.options.weightUsage?.() ?? null);
    const debounce = this.options.eventDebounceMs ?? 250;
    const delay = Math.max(debounce, this.lastSnapshotAt + floor - this.options.now());
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.snapshot(null);
    }, delay);
  }

  /** Shows one symbol (or all, with null): its rows are re-read at once and its mark followed. */
  select(symbol: string | null): Promise<void> {
    if (symbol === this.selected) return Promise.resolve();
    this.selected = symbol;
    this.changed();
    this.followMarks();
    return symbol === null ? Promise.resolve() : this.snapshot(symbol);
  }

  /** Stops periodic work; state is kept so the view stays on screen while disconnected. */
  stop(): void {
    this.stopped = true;
    this.epoch++;
    this.lane = new RequestLane();
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.refreshTimer = null;
    this.debounceTimer = null;
    this.queued = null;
    this.sideReads.stop();
  }

  /** Forgets every position and the account's figures (the account changed). */
  reset(): void {
    this.epoch++;
    this.lane = new RequestLane();
    this.queued = null;
    this.sideReads.reset();
    this.account.reset();
    this.snapshotsCarryAdl = false;
    // Ticks still waiting belong to the account being forgotten.
    this.pendingTicks.clear();
    this.draft = null;
    this.published = EMPTY_STATE;
    this.snapshotAt = null;
    this.changed();
  }

  /** Takes one snapshot; concurrent requests are serialised and collapsed (one may be queued). */
  snapshot(symbol: string | null): Promise<void> {
    // A request from an older epoch is not waited for: its reply will be dropped, so this one starts
    // at once (the old one settles on its own and no longer counts as in flight).
    if (this.inFlight !== null && this.inFlight.epoch === this.epoch) {
      // A queued whole-account snapshot covers any symbol snapshot.
      this.queued = this.queued === null || symbol === null ? { symbol } : this.queued;
      return this.inFlight.promise;
    }
    const epoch = this.epoch;
    const run = this.runSnapshot(symbol, epoch).finally(() => {
      if (this.inFlight?.promise !== run) return;
      this.inFlight = null;
      const next = this.queued;
      this.queued = null;
      if (next !== null && !this.stopped) void this.snapshot(next.symbol);
    });
    this.inFlight = { promise: run, epoch };
    return run;
  }

  private async runSnapshot(symbol: string | null, epoch: number): Promise<void> {
    this.lastSnapshotAt = this.options.now();
    // The reply knows every change up to about the moment of the request (on the exchange's clock).
    const requestedAt = Math.round(this.options.serverNow());
    let rows: ExchangePosition[];
    try {
      rows = await this.lane.run(() => this.options.exchange.fetchPositions(symbol ?? undefined));
    } catch (error) {
      // After stop() (account switch, lost link) a failing in-flight request is expected, not news.
      if (!this.stopped && epoch === this.epoch) this.options.onSnapshotError(error);
      return;
    }
    if (this.stopped || epoch !== this.epoch) return;
    const receivedAt = this.options.now();
    const lagAllowanceMs = this.options.snapshotLagAllowanceMs ?? SNAPSHOT_LAG_ALLOWANCE_MS;
    this.commit(applySnapshot(this.current(), { rows, receivedAt, serverTime: requestedAt, symbol, lagAllowanceMs }));
    if (symbol === null) {
      this.snapshotAt = receivedAt;
      this.snapshotsCarryAdl = rows.some((row) => adlOf(row) !== null);
      this.changed();
      // The account is read with every whole-account snapshot (one more request, same cadence), as
      // soon as the positions are in rather than beside them: requests in flight together all meet
      // a rate limit, and one sent inside a 429 window is what gets an IP banned (PROTOCOL §9). The
      // ADL quantiles, when due, follow it for the same reason.
      void this.account.read(epoch, Math.round(this.options.serverNow())).then(() => {
        if (!this.stopped && epoch === this.epoch) this.sideReads.snapshotLoaded();
      });
    }
    this.followMarks();
    // A reply that lagged the stream left some liquidation price unknown: ask again (floored).
    if (symbol === null && [...this.current().rows.values()].some((row) => row.liquidationPending === true)) this.refreshSoon();
  }

  /** Periodic snapshots, spaced by the refresh policy (slower as the weight budget fills). */
  private scheduleRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    const delay = refreshDelay(this.options.refreshIntervalMs ?? 5_000, this.options.weightUsage?.() ?? null);
    this.refreshTimer = setTimeout(() => {
      if (this.stopped) return;
      void this.snapshot(null);
      this.scheduleRefresh();
    }, delay);
  }

  /** Mark prices follow the open positions plus the selected symbol. */
  private followMarks(): void {
    const symbols = new Set<string>();
    for (const row of this.current().rows.values()) symbols.add(row.symbol);
    if (this.selected !== null) symbols.add(this.selected);
    this.options.exchange.followMarks(symbols);
  }

  /**
   * The state with every tick received so far, finished: immutable from here on (the next batch
   * opens a new draft). Every reader goes through here, so no event overtakes a waiting tick.
   */
  private current(): PositionsState {
    this.flushTicks();
    if (this.draft !== null) {
      this.published = this.draft.finish();
      this.draft = null;
    }
    return this.published;
  }

  private flushTicks(): void {
    if (this.pendingTicks.size === 0) return;
    this.draft ??= new StateDraft(this.published);
    const changed = markPricesInto(this.draft, this.pendingTicks.take(), this.options.now());
    if (changed) this.changed();
  }

  /** Installs a state a reducer made from `current()`. */
  private commit(next: PositionsState): void {
    if (next === this.published) return;
    this.published = next;
    this.changed();
  }

  private changed(): void {
    this.version++;
    this.cached = null;
    this.options.onChange();
  }
}

/** True when two legs indexes hold the same symbols (the marks to follow did not change). */
function sameKeys(a: ReadonlyMap<string, readonly Leg[]>, b: ReadonlyMap<string, readonly Leg[]>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const symbol of a.keys()) if (!b.has(symbol)) return false;
  return true;
}
