/**
 * The renderer's only link to main. It is the one subscriber to `window.perpdesk` and the one writer
 * of IPC data into the store; components read the store and call the actions exported at the end.
 * Every failure main reports (or a broken IPC call) becomes store state, never an exception.
 */
import type { Alert } from '../../shared/alerts';
import type { DemoAccount } from '../../shared/connection';
import type { AppState as MainState, PerpdeskApi } from '../../shared/ipc';
import type { PositionsView } from '../../shared/position';
import { applyPush } from '../../shared/positions-delta';
import type { PositionsPush } from '../../shared/positions-push';
import type { Result } from '../../shared/result';
import type { ColumnPrefs, Settings } from '../../shared/settings';
import { dismissAlert as dismissInSlice, replaceAlerts } from './alerts';
import { updateBadges } from './badges';
import { normalizeColumns } from './column-prefs';
import { ALERT_THRESHOLD_MAX_PCT, ALERT_THRESHOLD_MIN_PCT, MARGIN_RATIO_ALERT_MAX_PCT, MARGIN_RATIO_ALERT_MIN_PCT } from '../../shared/ui-constants';
import { recordRows } from './sparklines';
import { patchUi, symbolsSlice, type AppStore, type UiSlice } from './store';
import { mergeTimeline } from './timeline';

interface Bridge {
  readonly api: PerpdeskApi;
  readonly store: AppStore;
  readonly now: () => number;
  disposed: boolean;
  /** The `getState()` in flight: concurrent resync requests share it instead of piling up. */
  loading: Promise<void> | null;
  /** Grows with every symbol choice, so only the newest choice's answer is acted on. */
  selectionSeq: number;
}

export interface BridgeOptions {
  /** The clock that stamps sparkline samples; tests pass their own. */
  readonly now?: () => number;
}

/** The running bridge; the actions below talk to it. One per window. */
let active: Bridge | null = null;

/**
 * Connects the store to main: subscribes to the pushes, then loads the state, the symbol list and
 * the connection timeline. Returns a function that removes every listener and ignores answers
 * still in flight.
 */
export function startBridge(api: PerpdeskApi, store: AppStore, options: BridgeOptions = {}): () => void {
  if (active !== null) throw new Error('startBridge: a bridge is already running; dispose it first');
  const bridge: Bridge = { api, store, now: options.now ?? Date.now, disposed: false, loading: null, selectionSeq: 0 };
  active = bridge;
  // Subscribe before asking, so no push can slip between main's answer and the subscription.
  const unsubscribers = [
    api.onPositions((push) => onPositionsPush(bridge, push)),
    api.onConnection((connection) => store.setState({ connection })),
    api.onAlerts((list) => store.setState(({ alerts }) => ({ alerts: replaceAlerts(alerts, list) }))),
    api.onLog((entry) => store.setState(({ timeline }) => ({ timeline: mergeTimeline(timeline, [entry]) }))),
  ];
  void loadState(bridge);
  void loadSymbols(bridge);
  void loadTimeline(bridge);
  return () => {
    if (bridge.disposed) return;
    bridge.disposed = true;
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (active === bridge) active = null;
  };
}

// --- Incoming data -----------------------------------------------------------------------------------

/**
 * One version of the positions per push: applied to the view held, then acknowledged, which lets
 * main send the next one (it keeps one version in flight). A delta that does not fit the view held
 * means a push was missed (or it arrived before the first full view): asking for the state makes
 * main send the full view again.
 */
function onPositionsPush(bridge: Bridge, push: PositionsPush): void {
  const view = applyPush(bridge.store.getState().positions, push);
  if (view === null) {
    void loadState(bridge);
    return;
  }
  setView(bridge, view);
  void acknowledge(bridge, view.version);
}

/** Tells main a version was applied. Without the ack main sends nothing more: a failed one resyncs. */
async function acknowledge(bridge: Bridge, version: number): Promise<void> {
  const result = await settle(() => bridge.api.ackPositions(version));
  if (!bridge.disposed && !result.ok) void loadState(bridge);
}

function setView(bridge: Bridge, view: PositionsView): void {
  const now = bridge.now();
  bridge.store.setState(({ ui, positions, sparks, badges }) => {
    const confirmed = ui.pendingSelection !== null && ui.pendingSelection.symbol === view.selectedSymbol;
    return {
      positions: view,
      sparks: recordRows(sparks, positions?.rows ?? null, view.rows, now),
      badges: updateBadges(badges, view),
      ui: patchUi(ui, { loadError: null, ...(confirmed ? { pendingSelection: null } : {}) }),
    };
  });
}

function loadState(bridge: Bridge): Promise<void> {
  bridge.loading ??= fetchState(bridge).finally(() => {
    bridge.loading = null;
  });
  return bridge.loading;
}

/**
 * Asks main for the state; main answers without the positions and sends them as a full view on the
 * positions channel (until it arrives, a first load shows the loading state).
 */
async function fetchState(bridge: Bridge): Promise<void> {
  const result = await settle(() => bridge.api.getState());
  if (bridge.disposed) return;
  if (!result.ok) {
    setUi(bridge, { loadError: result.error });
    return;
  }
  const state: MainState = result.value;
  bridge.store.setState(({ alerts }) => ({
    connection: state.connection,
    settings: state.settings,
    alerts: replaceAlerts(alerts, state.alerts),
  }));
}

async function loadSymbols(bridge: Bridge): Promise<void> {
  const result = await settle(() => bridge.api.listSymbols());
  if (bridge.disposed) return;
  if (result.ok) {
    bridge.store.setState(({ ui }) => ({ symbols: symbolsSlice(result.value), ui: patchUi(ui, { symbolsError: null }) }));
  } else {
    setUi(bridge, { symbolsError: result.error });
  }
}

/** The timeline so far; pushes that arrived meanwhile are merged, not lost. A failure leaves it as is. */
async function loadTimeline(bridge: Bridge): Promise<void> {
  const result = await settle(() => bridge.api.getTimeline());
  if (bridge.disposed || !result.ok) return;
  bridge.store.setState(({ timeline }) => ({ timeline: mergeTimeline(timeline, result.value) }));
}

function setUi(bridge: Bridge, patch: Partial<UiSlice>): void {
  bridge.store.setState(({ ui }) => ({ ui: patchUi(ui, patch) }));
}

/** Invoke calls answer with a Result; a throw or a rejection (a broken bridge) is turned into one too. */
async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'IPC_FAILED', message: `No answer from the app: ${message}` } };
  }
}

// --- Actions for components --------------------------------------------------------------------------

function running(): Bridge {
  if (active === null) throw new Error('the bridge is not running: call startBridge() first');
  return active;
}

/** Asks main to show one symbol (null: all positions). The chooser shows the choice while main works. */
export async function selectSymbol(symbol: string | null): Promise<void> {
  const bridge = running();
  const seq = ++bridge.selectionSeq;
  setUi(bridge, { pendingSelection: { symbol }, actionError: null });
  const result = await settle(() => bridge.api.selectSymbol(symbol));
  // A newer choice supersedes this one; its own answer settles the chooser.
  if (bridge.disposed || seq !== bridge.selectionSeq) return;
  if (!result.ok) {
    setUi(bridge, { pendingSelection: null, actionError: result.error });
  } else if (bridge.store.getState().positions?.selectedSymbol === symbol) {
    // The view already shows it (its push came first, or nothing had to change).
    setUi(bridge, { pendingSelection: null });
  }
}

/** Demo mode: switches the simulator between its one-way, hedge and Multi-Assets accounts. */
export async function setDemoAccount(account: DemoAccount): Promise<void> {
  const bridge = running();
  setUi(bridge, { actionError: null });
  const result = await settle(() => bridge.api.setDemoAccount(account));
  if (!bridge.disposed && !result.ok) setUi(bridge, { actionError: result.error });
}

/**
 * Applies a settings change at once and asks main to persist it. If main refuses, the change is
 * undone, unless a newer change has replaced it meanwhile.
 */
async function changeSettings<K extends keyof Settings>(
  key: K,
  value: Settings[K],
  persist: (api: PerpdeskApi) => Promise<Result<null>>,
): Promise<boolean> {
  const bridge = running();
  const before = bridge.store.getState().settings;
  if (before === null) return false; // nothing loaded yet: the controls are not shown
  bridge.store.setState(({ settings, ui }) => ({
    settings: settings === null ? settings : { ...settings, [key]: value },
    ui: patchUi(ui, { actionError: null }),
  }));
  const result = await settle(() => persist(bridge.api));
  if (bridge.disposed) return false;
  if (result.ok) return true;
  bridge.store.setState(({ settings, ui }) => ({
    settings: settings !== null && settings[key] === value ? { ...settings, [key]: before[key] } : settings,
    ui: patchUi(ui, { actionError: result.error }),
  }));
  return false;
}

/** Which columns the table shows, in which order (main persists them). */
export function setColumnPrefs(prefs: ColumnPrefs): Promise<boolean> {
  const normalized = normalizeColumns(prefs);
  return changeSettings('columns', normalized, (api) => api.setColumnPrefs(normalized));
}

/** The liquidation-distance alert threshold, in percent of the mark. Out-of-range values are refused here. */
export function setAlertThreshold(pct: number): Promise<boolean> {
  if (!Number.isFinite(pct) || pct < ALERT_THRESHOLD_MIN_PCT || pct > ALERT_THRESHOLD_MAX_PCT) {
    setUi(running(), {
      actionError: {
        code: 'INVALID_THRESHOLD',
        message: `The alert threshold must be between ${ALERT_THRESHOLD_MIN_PCT}% and ${ALERT_THRESHOLD_MAX_PCT}%.`,
      },
    });
    return Promise.resolve(false);
  }
  return changeSettings('alertThresholdPct', pct, (api) => api.setAlertThreshold(pct));
}

/** The account margin ratio (%) at which main raises the account alert. Out-of-range values are refused here. */
export function setMarginRatioAlert(pct: number): Promise<boolean> {
  if (!Number.isFinite(pct) || pct < MARGIN_RATIO_ALERT_MIN_PCT || pct > MARGIN_RATIO_ALERT_MAX_PCT) {
    setUi(running(), {
      actionError: {
        code: 'INVALID_THRESHOLD',
        message: `The margin ratio alert must be between ${MARGIN_RATIO_ALERT_MIN_PCT}% and ${MARGIN_RATIO_ALERT_MAX_PCT}%.`,
      },
    });
    return Promise.resolve(false);
  }
  return changeSettings('marginRatioAlertPct', pct, (api) => api.setMarginRatioAlert(pct));
}

/** Asks main to save the view as CSV (main shows the save dialog) and says where it went. */
export async function exportCsv(): Promise<void> {
  const bridge = running();
  setUi(bridge, { actionError: null, notice: null });
  const result = await settle(() => bridge.api.exportCsv());
  if (bridge.disposed) return;
  if (!result.ok) setUi(bridge, { actionError: result.error });
  else if (result.value !== null) setUi(bridge, { notice: `Positions exported to ${result.value}` });
}

/** Fetches the timeline again (the panel does so when it opens). */
export function refreshTimeline(): Promise<void> {
  return loadTimeline(running());
}

/** The Retry button of the error state: asks for the state (and a failed symbol list) again. */
export function retryLoad(): Promise<void> {
  const bridge = running();
  setUi(bridge, { loadError: null });
  const symbols = bridge.store.getState().ui.symbolsError === null ? null : loadSymbols(bridge);
  return Promise.all([loadState(bridge), symbols]).then(() => undefined);
}

/** Asks main to drop the connection and start again. */
export async function reconnect(): Promise<void> {
  const bridge = running();
  const result = await settle(() => bridge.api.reconnect());
  if (!bridge.disposed && !result.ok) setUi(bridge, { actionError: result.error });
}

/** Hides a banner until its condition is raised again. */
export function dismissAlert(alert: Alert): void {
  running().store.setState(({ alerts }) => ({ alerts: dismissInSlice(alerts, alert) }));
}

/** Closes the banner of a failed user action. */
export function dismissActionError(): void {
  setUi(running(), { actionError: null });
}

export function dismissNotice(): void {
  setUi(running(), { notice: null });
}

export function closeDemoIntro(): void {
  setUi(running(), { demoIntroClosed: true });
}
