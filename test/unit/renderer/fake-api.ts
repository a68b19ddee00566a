/**
 * A scriptable `window.perpdesk` for renderer tests: it implements the contract's `PerpdeskApi`,
 * records every call, lets a test decide when each invoke answers, and counts live listeners.
 */
import type { Alert } from '../../../shared/alerts';
import type { ConnectionStatus } from '../../../shared/connection';
import type { AppState, PerpdeskApi } from '../../../shared/ipc';
import {
  positionKey,
  type HedgeNet,
  type PositionRow,
  type PositionSide,
  type PositionsSummary,
  type PositionsView,
} from '../../../shared/position';
import { pushFor } from '../../../shared/positions-delta';
import type { PositionsPush } from '../../../shared/positions-push';
import { ok, type Result } from '../../../shared/result';
import type { ColumnPrefs, Settings } from '../../../shared/settings';
import type { SymbolInfo } from '../../../shared/symbols';
import type { TimelineEntry } from '../../../shared/timeline';
import { DEFAULT_ALERT_THRESHOLD_PCT, DEFAULT_MARGIN_RATIO_ALERT_PCT, POSITION_COLUMNS } from '../../../shared/ui-constants';

/** A promise the test resolves by hand, to hold an invoke call in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

type Answer<T> = Result<T> | Promise<Result<T>>;

/** What main holds: the state getState() answers, and the positions it then pushes as a full view. */
export type FakeState = AppState & { positions: PositionsView };

export class FakeApi {
  readonly calls = {
    getState: 0,
    listSymbols: 0,
    getTimeline: 0,
    exportCsv: 0,
    selectSymbol: [] as (string | null)[],
    setDemoAccount: [] as string[],
    setColumnPrefs: [] as ColumnPrefs[],
    setAlertThreshold: [] as number[],
    setMarginRatioAlert: [] as number[],
    ackPositions: [] as number[],
  };
  /** Order in which the bridge touched the API, to check it subscribes before it asks. */
  readonly log: string[] = [];
  /** Answers for the next getState() calls, in order; the last one repeats. */
  stateAnswers: Answer<FakeState>[];
  symbolsAnswer: Answer<SymbolInfo[]> = ok(SYMBOLS);
  selectAnswer: Answer<null> = ok(null);
  demoAnswer: Answer<null> = ok(null);
  timelineAnswer: Answer<TimelineEntry[]> = ok([]);
  settingsAnswer: Answer<null> = ok(null);
  exportAnswer: Answer<string | null> = ok('/home/trader/positions.csv');
  ackAnswer: Answer<null> = ok(null);
  /** Whether answering getState() pushes the full positions view, as main does. */
  pushPositionsOnState = true;

  private readonly positionListeners = new Set<(push: PositionsPush) => void>();
  private readonly connectionListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly alertListeners = new Set<(alerts: Alert[]) => void>();
  private readonly logListeners = new Set<(entry: TimelineEntry) => void>();

  constructor(state: FakeState) {
    this.stateAnswers = [ok(state)];
  }

  get listenerCount(): number {
    return this.positionListeners.size + this.connectionListeners.size + this.alertListeners.size + this.logListeners.size;
  }

  pushPositions(push: PositionsPush): void {
    for (const listener of this.positionListeners) listener(push);
  }

  /** The push that takes a receiver holding `prev` (null: a full view) to `next`. */
  pushView(prev: PositionsView | null, next: PositionsView): void {
    this.pushPositions(pushFor(prev, next));
  }

  /** Like main: the state answers without the positions, which follow as a full view. */
  private answerState(result: Result<FakeState>): Result<AppState> {
    if (!result.ok) return result;
    const { positions, ...state } = result.value;
    if (this.pushPositionsOnState) this.pushView(null, positions);
    return ok(state);
  }

  pushConnection(status: ConnectionStatus): void {
    for (const listener of this.connectionListeners) listener(status);
  }

  pushAlerts(alerts: Alert[]): void {
    for (const listener of this.alertListeners) listener(alerts);
  }

  pushLog(entry: TimelineEntry): void {
    for (const listener of this.logListeners) listener(entry);
  }

  readonly api: PerpdeskApi = {
    getState: () => {
      this.log.push('getState');
      this.calls.getState += 1;
      const answer = this.stateAnswers.length > 1 ? this.stateAnswers.shift() : this.stateAnswers[0];
      return Promise.resolve(answer!).then((result) => this.answerState(result));
    },
    listSymbols: () => {
      this.log.push('listSymbols');
      this.calls.listSymbols += 1;
      return Promise.resolve(this.symbolsAnswer);
    },
    ackPositions: (version) => {
      this.calls.ackPositions.push(version);
      return Promise.resolve(this.ackAnswer);
    },
    selectSymbol: (symbol) => {
      this.calls.selectSymbol.push(symbol);
      return Promise.resolve(this.selectAnswer);
    },
    setDemoAccount: (account) => {
      this.calls.setDemoAccount.push(account);
      return Promise.resolve(this.demoAnswer);
    },
    reconnect: () => Promise.resolve(ok(null)),
    getTimeline: () => {
      this.log.push('getTimeline');
      this.calls.getTimeline += 1;
      return Promise.resolve(this.timelineAnswer);
    },
    setAlertThreshold: (pct) => {
      this.calls.setAlertThreshold.push(pct);
      return Promise.resolve(this.settingsAnswer);
    },
    setMarginRatioAlert: (pct) => {
      this.calls.setMarginRatioAlert.push(pct);
      return Promise.resolve(this.settingsAnswer);
    },
    setColumnPrefs: (prefs) => {
      this.calls.setColumnPrefs.push(prefs);
      return Promise.resolve(this.settingsAnswer);
    },
    exportCsv: () => {
      this.calls.exportCsv += 1;
      return Promise.resolve(this.exportAnswer);
    },
    // The profile channels belong to the profile UI; the dashboard never calls them.
    listProfiles: () => Promise.resolve(ok({ profiles: [], activeId: null, keyStore: 'available' as const })),
    saveProfile: () => Promise.reject(new Error('not used by the dashboard')),
    deleteProfile: () => Promise.resolve(ok(null)),
    activateProfile: () => Promise.resolve(ok(null)),
    testConnection: () => Promise.resolve(ok({ ok: true, message: 'ok', openPositions: 0 })),
    onAlerts: (listener) => {
      this.log.push('onAlerts');
      this.alertListeners.add(listener);
      return () => this.alertListeners.delete(listener);
    },
    onLog: (listener) => {
      this.log.push('onLog');
      this.logListeners.add(listener);
      return () => this.logListeners.delete(listener);
    },
    onPositions: (listener) => {
      this.log.push('onPositions');
      this.positionListeners.add(listener);
      return () => this.positionListeners.delete(listener);
    },
    onConnection: (listener) => {
      this.log.push('onConnection');
      this.connectionListeners.add(listener);
      return () => this.connectionListeners.delete(listener);
    },
  };
}

// --- Fixtures ----------------------------------------------------------------------------------------

export const SYMBOLS: SymbolInfo[] = [
  { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.10', stepSize: '0.001' },
  { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.01', stepSize: '0.001' },
  { symbol: 'SOLUSDT', baseAsset: 'SOL', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.010', stepSize: '1' },
];

export function positionRow(symbol: string, positionSide: PositionSide, positionAmt: string, markPrice = '100.0'): PositionRow {
  return {
    key: positionKey(symbol, positionSide),
    symbol,
    positionSide,
    positionAmt,
    entryPrice: '95.0',
    breakEvenPrice: '95.1',
    markPrice,
    unRealizedProfit: '5.0',
    liquidationPrice: '0',
    leverage: '10',
    maxNotionalValue: '1000000',
    marginType: 'cross',
    isolatedMargin: '0',
    isAutoAddMargin: 'false',
    notional: '100.0',
    isolatedWallet: '0',
    updateTime: 1_700_000_000_000,
    derived: {
      markPrice,
      markTime: 1_700_000_000_000,
      unrealizedPnl: 5,
      notional: 100,
      roePct: 50,
      margin: 10,
      maintMargin: 0.4,
      marginRatioPct: 4,
      liquidationDistancePct: 20,
      liquidationDistance: 20,
      fundingRate: null,
      nextFundingTime: null,
      fundingIntervalHours: null,
      estimatedFunding: null,
    },
    snapshotAt: 1_700_000_000_000,
    markAt: null,
  };
}

/** A row with some derived figures replaced (e.g. a new uPnL or liquidation distance). */
export function withDerived(row: PositionRow, derived: Partial<PositionRow['derived']>): PositionRow {
  return { ...row, derived: { ...row.derived, ...derived } };
}

export function summaryOf(rows: readonly PositionRow[]): PositionsSummary {
  const withDistance = rows.filter((row) => row.derived.liquidationDistancePct !== null);
  const worst = withDistance.sort((a, b) => a.derived.liquidationDistancePct! - b.derived.liquidationDistancePct!)[0];
  return {
    positions: rows.length,
    unrealizedPnl: rows.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0),
    notional: rows.reduce((sum, row) => sum + Math.abs(row.derived.notional), 0),
    worstLiquidationDistancePct: worst?.derived.liquidationDistancePct ?? null,
    worstKey: worst?.key ?? null,
  };
}

export function view(
  version: number,
  rows: PositionRow[],
  selectedSymbol: string | null = null,
  extra: { openSymbols?: string[]; hedgeNets?: HedgeNet[]; mode?: PositionsView['mode'] } = {},
): PositionsView {
  return {
    version,
    selectedSymbol,
    mode: extra.mode ?? 'oneway',
    rows,
    selectedMark: null,
    snapshotAt: 1_700_000_000_000,
    openSymbols: extra.openSymbols ?? [...new Set(rows.map((row) => row.symbol))],
    hedgeNets: extra.hedgeNets ?? [],
    summary: summaryOf(rows),
    account: null,
  };
}

export const SETTINGS: Settings = {
  alertThresholdPct: DEFAULT_ALERT_THRESHOLD_PCT,
  marginRatioAlertPct: DEFAULT_MARGIN_RATIO_ALERT_PCT,
  columns: { order: [...POSITION_COLUMNS], hidden: [] },
  selectedSymbol: null,
};

/** What main holds: getState() answers all but the positions, which follow as pushes. */
export function appState(positions: PositionsView, extra: Partial<AppState> = {}): FakeState {
  return { positions, connection: CONNECTION, settings: SETTINGS, alerts: [], ...extra };
}

export function alert(id: string, at: number, extra: Partial<Alert> = {}): Alert {
  return {
    id,
    kind: 'liquidation-proximity',
    severity: 'warning',
    symbol: 'BTCUSDT',
    key: 'BTCUSDT:BOTH',
    message: 'BTCUSDT long is 4.20% from its liquidation price.',
    at,
    ...extra,
  };
}

export const CONNECTION: ConnectionStatus = {
  state: 'live',
  environment: 'demo',
  profileName: 'Demo',
  demoAccount: 'oneway',
  latencyMs: 12,
  clockOffsetMs: -3,
  weightUsed: 20,
  weightLimit: 2400,
  lastMessageAt: 1_700_000_000_000,
  message: null,
};
