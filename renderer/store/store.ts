/**
 * The renderer's one store. Main is the source of truth: the IPC slices (positions, connection,
 * settings, alerts, timeline, symbols) are written only by `bridge.ts`; components read them through
 * `useAppStore` and change things only by calling the bridge's actions.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus } from '../../shared/connection';
import type { PositionsView } from '../../shared/position';
import type { AppError } from '../../shared/result';
import type { Settings } from '../../shared/settings';
import type { SymbolInfo } from '../../shared/symbols';
import type { TimelineEntry } from '../../shared/timeline';
import { EMPTY_ALERTS, type AlertsSlice } from './alerts';
import type { BadgeMap } from './badges';
import type { SparkMap } from './sparklines';

// --- State -----------------------------------------------------------------------------------------

export interface SymbolsSlice {
  /** Every trading symbol, in the order main listed them. */
  readonly list: readonly SymbolInfo[];
  /** The same symbols by name, for tick/step lookups while rendering. Rebuilt, never mutated. */
  readonly bySymbol: ReadonlyMap<string, SymbolInfo>;
}

export interface UiSlice {
  /** `getState()` failed: with no view yet this is the error screen, otherwise a banner. */
  readonly loadError: AppError | null;
  /** `listSymbols()` failed: the chooser offers only the symbols with positions. */
  readonly symbolsError: AppError | null;
  /** A user action (symbol choice, settings, export…) failed. */
  readonly actionError: AppError | null;
  /**
   * The symbol the user just picked, until main's view confirms it. The chooser shows it meanwhile
   * instead of snapping back to the old value. Wrapped because `null` is a choice ("All positions").
   */
  readonly pendingSelection: { readonly symbol: string | null } | null;
  /** A short confirmation to show (e.g. where the CSV export was saved). */
  readonly notice: string | null;
  /** The demo introduction was closed for this session. */
  readonly demoIntroClosed: boolean;
}

export interface AppState {
  /** Null until the first `getState()` answers (the loading state). */
  readonly positions: PositionsView | null;
  readonly connection: ConnectionStatus | null;
  /** The user's persisted choices; null until the first `getState()`. Changed optimistically by actions. */
  readonly settings: Settings | null;
  readonly alerts: AlertsSlice;
  /** The connection timeline, oldest first, bounded. */
  readonly timeline: readonly TimelineEntry[];
  /** uPnL history per position key. */
  readonly sparks: SparkMap;
  /** Sides and position counts of every symbol with open positions, for the chooser. */
  readonly badges: BadgeMap;
  readonly symbols: SymbolsSlice;
  readonly ui: UiSlice;
}

export type AppStore = StoreApi<AppState>;

// --- Construction ----------------------------------------------------------------------------------

/** Builds the symbols slice for a new list; the lookup map is made once per list, not per render. */
export function symbolsSlice(list: readonly SymbolInfo[]): SymbolsSlice {
  return { list, bySymbol: new Map(list.map((info) => [info.symbol, info])) };
}

const initialUi: UiSlice = {
  loadError: null,
  symbolsError: null,
  actionError: null,
  pendingSelection: null,
  notice: null,
  demoIntroClosed: false,
};

export function createAppStore(): AppStore {
  return createStore<AppState>()(() => ({
    positions: null,
    connection: null,
    settings: null,
    alerts: EMPTY_ALERTS,
    timeline: [],
    sparks: new Map(),
    badges: new Map(),
    symbols: symbolsSlice([]),
    ui: initialUi,
  }));
}

/** Merges a change into the ui slice; returns the same object when nothing changes, so no selector fires. */
export function patchUi(ui: UiSlice, patch: Partial<UiSlice>): UiSlice {
  const keys = Object.keys(patch) as (keyof UiSlice)[];
  return keys.some((key) => ui[key] !== patch[key]) ? { ...ui, ...patch } : ui;
}

// --- React access ----------------------------------------------------------------------------------

/** Provided once by `main.tsx`; a context rather than a module singleton so tests get fresh stores. */
export const AppStoreContext = createContext<AppStore | null>(null);

/** Subscribes a component to the smallest piece of state it needs (see `selectors.ts`). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext);
  if (store === null) throw new Error('useAppStore needs <AppStoreContext value={store}> above it');
  return useStore(store, selector);
}
