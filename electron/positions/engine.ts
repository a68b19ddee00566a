/**
 * The position engine: takes snapshots (on connect, on symbol change, periodically), applies mark
 * ticks between them, follows the mark prices of every open position plus the selected symbol, and
 * tells its owner when the view changed. The view itself is built lazily, at most once per change,
 * because ticks can arrive far faster than anyone looks at the view.
 */
import type { ExchangePosition, PositionsView } from '../../shared/position';
import type { AccountUpdatePosition } from '../exchange/user-events';
import { applyAccountUpdate, applyLeverage } from './account-update';
import type { Bracket } from './brackets';
import { applyBrackets, applyMarkPrice, applySnapshot, EMPTY_STATE, type PositionsState } from './reducer';
import { refreshDelay } from './refresh-policy';
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
  private state: PositionsState = EMPTY_STATE;
  private selected: string | null = null;
  private version = 0;
  private snapshotAt: number | null = null;
  private cached: PositionsView | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  /** Account updates that arrived while a snapshot was in flight, replayed after it. */
  private buffered: Array<{ changes: readonly AccountUpdatePosition[]; time: number }> = [];
  private queued: { symbol: string | null } | null = null;
  private stopped = false;

  constructor(private readonly options: EngineOptions) {}

  /** The current view; the same object until something changes. */
  view(): PositionsView {
    this.cached ??= buildView(this.state, this.selected, this.version, this.snapshotAt);
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
    if (this.state.brackets.size === 0) this.loadBrackets();
  }

  /** Brackets change rarely: read once per session; a failure only leaves margin ratios unknown. */
  private loadBrackets(): void {
    this.options.exchange.fetchBrackets?.().then(
      (brackets) => {
        if (!this.stopped) this.commit(applyBrackets(this.state, brackets));
      },
      () => undefined,
    );
  }

  /** A mark tick from the stream. */
  tick(tick: { symbol: string; markPrice: string; eventTime: number }): void {
    this.commit(applyMarkPrice(this.state, tick, this.options.now()));
  }

  /**
   * Changed positions from an ACCOUNT_UPDATE (transaction time `time`): merged at once, and a
   * snapshot follows shortly to bring the liquidation price, which the stream does not carry.
   */
  accountUpdate(changes: readonly AccountUpdatePosition[], time: number): void {
    if (this.inFlight !== null) this.buffered.push({ changes, time });
    this.commit(applyAccountUpdate(this.state, changes, time, this.options.now()));
    this.refreshSoon();
  }

  /** A leverage change (ACCOUNT_CONFIG_UPDATE). */
  leverageChanged(symbol: string, leverage: number): void {
    this.commit(applyLeverage(this.state, symbol, leverage));
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
    this.buffered = [];
  }

  /** Forgets every position (the account changed). */
  reset(): void {
    this.state = EMPTY_STATE;
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
    let next = applySnapshot(this.state, { rows, receivedAt, serverTime: Math.round(this.options.serverNow()), symbol });
    // Events newer than the snapshot's rows win; those it already covers change nothing.
    for (const event of this.buffered) next = applyAccountUpdate(next, event.changes, event.time, receivedAt);
    this.buffered = [];
    this.commit(next);
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
    for (const row of this.state.rows.values()) symbols.add(row.symbol);
    if (this.selected !== null) symbols.add(this.selected);
    this.options.exchange.followMarks(symbols);
  }

  private commit(next: PositionsState): void {
    if (next === this.state) return;
    this.state = next;
    this.changed();
  }

  private changed(): void {
    this.version++;
    this.cached = null;
    this.options.onChange();
  }
}
