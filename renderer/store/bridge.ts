/**
 * The renderer's only link to main. It is the one subscriber to `window.perpdesk` and the one writer
 * of IPC data into the store; components read the store and call the actions exported at the end.
 * Every failure main reports (or a broken IPC call) becomes store state, never an exception.
 */
import type { DemoAccount } from '../../shared/connection';
import type { PerpdeskApi } from '../../shared/ipc';
import type { PositionsView } from '../../shared/position';
import { applyPositionsPush } from '../../shared/positions-delta';
import type { PositionsPush } from '../../shared/positions-push';
import type { Result } from '../../shared/result';
import { patchUi, symbolsSlice, type AppStore, type UiSlice } from './store';

interface Bridge {
  readonly api: PerpdeskApi;
  readonly store: AppStore;
  disposed: boolean;
  /** The `getState()` in flight: concurrent resync requests share it instead of piling up. */
  loading: Promise<void> | null;
  /** Grows with every symbol choice, so only the newest choice's answer is acted on. */
  selectionSeq: number;
}

/** The running bridge; the actions below talk to it. One per window. */
let active: Bridge | null = null;

/**
 * Connects the store to main: subscribes to the pushes, then loads the state and the symbol list.
 * Returns a function that removes every listener and ignores answers still in flight.
 */
export function startBridge(api: PerpdeskApi, store: AppStore): () => void {
  if (active !== null) throw new Error('startBridge: a bridge is already running; dispose it first');
  const bridge: Bridge = { api, store, disposed: false, loading: null, selectionSeq: 0 };
  active = bridge;
  // Subscribe before asking, so no push can slip between main's answer and the subscription.
  const unsubscribers = [
    api.onPositions((push) => onPositionsPush(bridge, push)),
    api.onConnection((connection) => store.setState({ connection })),
  ];
  void loadState(bridge);
  void loadSymbols(bridge);
  return () => {
    if (bridge.disposed) return;
    bridge.disposed = true;
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (active === bridge) active = null;
  };
}

// --- Incoming data -----------------------------------------------------------------------------------

function onPositionsPush(bridge: Bridge, push: PositionsPush): void {
  const next = applyPositionsPush(bridge.store.getState().positions, push);
  // A delta that does not fit means a push was missed (or arrived before the first state).
  if (next === null) void loadState(bridge);
  else setView(bridge, next);
}

function setView(bridge: Bridge, view: PositionsView): void {
  bridge.store.setState(({ ui }) => {
    const confirmed = ui.pendingSelection !== null && ui.pendingSelection.symbol === view.selectedSymbol;
    return {
      positions: view,
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
 * Takes main's answer as it is, even if a push seems newer: a stale answer heals itself, because the
 * next delta will not fit it and asks again, whereas refusing an answer could leave the view stuck.
 */
async function fetchState(bridge: Bridge): Promise<void> {
  const result = await settle(() => bridge.api.getState());
  if (bridge.disposed) return;
  if (!result.ok) {
    setUi(bridge, { loadError: result.error });
    return;
  }
  bridge.store.setState({ connection: result.value.connection });
  setView(bridge, result.value.positions);
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

/** Asks main to show one symbol (null: all positions). The dropdown shows the choice while main works. */
export async function selectSymbol(symbol: string | null): Promise<void> {
  const bridge = running();
  const seq = ++bridge.selectionSeq;
  setUi(bridge, { pendingSelection: { symbol }, actionError: null });
  const result = await settle(() => bridge.api.selectSymbol(symbol));
  // A newer choice supersedes this one; its own answer settles the dropdown.
  if (bridge.disposed || seq !== bridge.selectionSeq) return;
  if (!result.ok) {
    setUi(bridge, { pendingSelection: null, actionError: result.error });
  } else if (bridge.store.getState().positions?.selectedSymbol === symbol) {
    // The view already shows it (its push came first, or nothing had to change).
    setUi(bridge, { pendingSelection: null });
  }
}

/** Demo mode: switches the simulator between its one-way and hedge accounts. */
export async function setDemoAccount(account: DemoAccount): Promise<void> {
  const bridge = running();
  setUi(bridge, { actionError: null });
  const result = await settle(() => bridge.api.setDemoAccount(account));
  if (!bridge.disposed && !result.ok) setUi(bridge, { actionError: result.error });
}

/** The Retry button of the error state: asks for the state (and a failed symbol list) again. */
export function retryLoad(): Promise<void> {
  const bridge = running();
  setUi(bridge, { loadError: null });
  const symbols = bridge.store.getState().ui.symbolsError === null ? null : loadSymbols(bridge);
  return Promise.all([loadState(bridge), symbols]).then(() => undefined);
}

/** Closes the banner of a failed user action. */
export function dismissActionError(): void {
  setUi(running(), { actionError: null });
}
