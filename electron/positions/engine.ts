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
import type { AccountUpdatePosition } from '../exchange/user-events';
import type { MarkTick } from '../exchange/wire';
import { applyAccountUpdate, applyLeverage } from './account-update';
import type { Bracket } from './brackets';
import { applyBrackets, applySnapshot, markPricesInto } from './reducer';
import { refreshDelay } from './refresh-policy';
import { EMPTY_STATE, StateDraft, type PositionsState } from './state';
import { TickBatch } from './tick-batch';
import { buildView } from './view';

/** What the engine needs from the exchange client. */
export interface EngineExchange {
  fetchPositions(symbol?: string): Promise<ExchangePosition[]>;
  followMarks(symbols: Iterable<string>): void;
  /** Notional brackets per symbol, for maintenance margin (optional: without them it stays unknown). */
  fetchBrackets?(): Promise<ReadonlyMap<string, readonly Bracket[]>>;
}

export interface EngineOptions {
  exchange: EngineExchange;
  /** Local clock (ms). */
  now: () => number;
  /** The exchange's clock as estimated (ms). */
  serverNow: () => number;
  /** Something in the view changed; call `view()` to read it. */
  onChange: () => void;
  /** A snapshot failed; the owner decides (retry later, or stop on an auth failure). */
  onSnapshotError: (error: unknown) => void;
  /** Cadence of full snapshots while connected: the liquidation price of cross positions moves with
   * other positions' PnL and the stream does not carry it (PROTOCOL §10). */
  refreshIntervalMs?: number;
  /** Share of the request weight budget in use (0–1), or null when unknown: the cadence slows as it rises. */
  weightUsage?: () => number | null;
  /** Quiet time after an account event before the snapshot that refreshes liquidation prices (ms). */
  eventDebounceMs?: number;
}

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
  private inFlight: Promise<void> | null = null;
  private queued: { symbol: string | null } | null = null;
  private stopped = false;

  constructor(private readonly options: EngineOptions) {}

  /** The current view; the same object until something changes. */
  view(): PositionsView {
    const state = this.current();
    this.cached ??= buildView(state, this.selected, this.version, this.snapshotAt);
    return this.cached;
  }

  get selectedSymbol(): string | null {
    return this.selected;
  }

  /** The client (re)connected: everything may have changed meanwhile, take a full snapshot. */
  connected(): void {
    this.stopped = false;
    this.scheduleRefresh();
    void this.snapshot(null);
    if (this.current().brackets.size === 0) this.loadBrackets();
  }

  /** Brackets change rarely: read once per session; a failure only leaves margin ratios unknown. */
  private loadBrackets(): void {
    this.options.exchange.fetchBrackets?.().then(
      (brackets) => {
        if (!this.stopped) this.commit(applyBrackets(this.current(), brackets));
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

  /**
   * Changed positions from an ACCOUNT_UPDATE (transaction time `time`): merged at once, and a
   * snapshot follows shortly to bring the liquidation price, which the stream does not carry.
   */
  accountUpdate(changes: readonly AccountUpdatePosition[], time: number): void {
    // Arriving while a snapshot is in flight needs no buffering: the reducer knows as of when each
    // position is known, so the snapshot keeps what this event says if it is newer (observed.ts).
    this.commit(applyAccountUpdate(this.current(), changes, time, this.options.now()));
    this.refreshSoon();
  }

  /** A leverage change (ACCOUNT_CONFIG_UPDATE). */
  leverageChanged(symbol: string, leverage: number): void {
    this.commit(applyLeverage(this.current(), symbol, leverage));
    this.refreshSoon();
  }

  /** Something happened on the account (a fill, a margin call): re-read it shortly, once. */
  refreshSoon(): void {
    if (this.stopped || this.debounceTimer !== null) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.snapshot(null);
    }, this.options.eventDebounceMs ?? 250);
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
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.refreshTimer = null;
    this.debounceTimer = null;
    this.queued = null;
  }

  /** Forgets every position (the account changed). */
  reset(): void {
    // Ticks still waiting belong to the account being forgotten.
    this.pendingTicks.clear();
    this.draft = null;
    this.published = EMPTY_STATE;
    this.snapshotAt = null;
    this.changed();
  }

  /** Takes one snapshot; concurrent requests are serialised and collapsed (one may be queued). */
  snapshot(symbol: string | null): Promise<void> {
    if (this.inFlight !== null) {
      // A queued whole-account snapshot covers any symbol snapshot.
      this.queued = this.queued === null || symbol === null ? { symbol } : this.queued;
      return this.inFlight;
    }
    this.inFlight = this.runSnapshot(symbol).finally(() => {
      this.inFlight = null;
      const next = this.queued;
      this.queued = null;
      if (next !== null && !this.stopped) void this.snapshot(next.symbol);
    });
    return this.inFlight;
  }

  private async runSnapshot(symbol: string | null): Promise<void> {
    // The reply knows every change up to the moment of the request (on the exchange's clock).
    const requestedAt = Math.round(this.options.serverNow());
    let rows: ExchangePosition[];
    try {
      rows = await this.options.exchange.fetchPositions(symbol ?? undefined);
    } catch (error) {
      // After stop() (account switch, lost link) a failing in-flight request is expected, not news.
      if (!this.stopped) this.options.onSnapshotError(error);
      return;
    }
    if (this.stopped) return;
    const receivedAt = this.options.now();
    this.commit(applySnapshot(this.current(), { rows, receivedAt, serverTime: requestedAt, symbol }));
    if (symbol === null) {
      this.snapshotAt = receivedAt;
      this.changed();
    }
    this.followMarks();
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
