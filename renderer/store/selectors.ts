/**
 * Small reads of the store. A selector returns a piece of state as it is, or a primitive, so a
 * component re-renders only when that piece changes; the few that build arrays go through `useShallow`.
 */
import { useShallow } from 'zustand/react/shallow';
import type { PositionRow } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import { useAppStore, type AppState } from './store';

/** One shared empty list, so "no rows" keeps its reference and the table does not reprocess. */
const NO_ROWS: readonly PositionRow[] = [];

export const selectView = (state: AppState) => state.positions;
export const selectRows = (state: AppState) => state.positions?.rows ?? NO_ROWS;
export const selectConnection = (state: AppState) => state.connection;
export const selectSymbolList = (state: AppState) => state.symbols.list;
export const selectSymbolMap = (state: AppState) => state.symbols.bySymbol;
export const selectLoadError = (state: AppState) => state.ui.loadError;
export const selectSymbolsError = (state: AppState) => state.ui.symbolsError;
export const selectActionError = (state: AppState) => state.ui.actionError;
export const selectIsDemo = (state: AppState) => state.connection?.environment === 'demo';
export const selectDemoAccount = (state: AppState) => state.connection?.demoAccount ?? null;

/** The symbol the dropdown shows: the user's pending choice, else main's selection. */
export function selectShownSymbol(state: AppState): string | null {
  const pending = state.ui.pendingSelection;
  return pending !== null ? pending.symbol : (state.positions?.selectedSymbol ?? null);
}

export type PanelState = 'loading' | 'error' | 'empty' | 'table';

/** Which of the positions panel's states to draw; never nothing. */
export function selectPanelState(state: AppState): PanelState {
  if (state.positions === null) return state.ui.loadError === null ? 'loading' : 'error';
  return state.positions.rows.length === 0 ? 'empty' : 'table';
}

/** Symbols with an open position in the current view, in view order, without repeats. */
export function usePositionedSymbols(): readonly string[] {
  return useAppStore(useShallow((state) => [...new Set(selectRows(state).map((row) => row.symbol))]));
}

/**
 * The dropdown's two groups: symbols with open positions first, then every other trading symbol.
 * The shown symbol always gets an option, even before the symbol list has loaded, so a controlled
 * `<select>` never points at a value it does not have.
 */
export function symbolOptions(
  positioned: readonly string[],
  all: readonly SymbolInfo[],
  shown: string | null,
): { open: readonly string[]; others: readonly string[] } {
  const open = new Set(positioned);
  const others = all.map((info) => info.symbol).filter((symbol) => !open.has(symbol));
  if (shown !== null && !open.has(shown) && !others.includes(shown)) others.unshift(shown);
  return { open: [...open], others };
}
