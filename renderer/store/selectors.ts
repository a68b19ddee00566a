/**
 * Small reads of the store. A selector returns a piece of state as it is, or a primitive, so a
 * component re-renders only when that piece changes; the few that build arrays go through `useShallow`.
 */
import type { HedgeNet, PositionRow } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import { visibleAlerts } from './alerts';
import type { BadgeMap, SymbolBadge } from './badges';
import { DEFAULT_ALERT_THRESHOLD_PCT, DEFAULT_MARGIN_RATIO_ALERT_PCT } from '../../shared/ui-constants';
import type { AppState } from './store';

/** Shared empty lists, so "nothing" keeps its reference and nothing downstream reprocesses. */
const NO_ROWS: readonly PositionRow[] = [];
const NO_NETS: readonly HedgeNet[] = [];
const NO_SYMBOLS: readonly string[] = [];

export const selectView = (state: AppState) => state.positions;
export const selectRows = (state: AppState) => state.positions?.rows ?? NO_ROWS;
export const selectHedgeNets = (state: AppState) => state.positions?.hedgeNets ?? NO_NETS;
export const selectOpenSymbols = (state: AppState) => state.positions?.openSymbols ?? NO_SYMBOLS;
export const selectSummary = (state: AppState) => state.positions?.summary ?? null;
export const selectConnection = (state: AppState) => state.connection;
export const selectSymbolList = (state: AppState) => state.symbols.list;
export const selectSymbolMap = (state: AppState) => state.symbols.bySymbol;
export const selectBadges = (state: AppState) => state.badges;
export const selectSettings = (state: AppState) => state.settings;
export const selectColumnPrefs = (state: AppState) => state.settings?.columns ?? null;
export const selectThreshold = (state: AppState) => state.settings?.alertThresholdPct ?? DEFAULT_ALERT_THRESHOLD_PCT;
export const selectMarginRatioAlert = (state: AppState) => state.settings?.marginRatioAlertPct ?? DEFAULT_MARGIN_RATIO_ALERT_PCT;
/** The account's figures; null before main's first account read (or before the first view). */
export const selectAccount = (state: AppState) => state.positions?.account ?? null;
/** The cross part's margin ratio, which every cross row shows; undefined before the first account read. */
export const selectCrossMarginRatio = (state: AppState) => state.positions?.account?.cross.marginRatioPct;
/** Server time minus local time (ms), 0 until measured: exchange timestamps read on the local clock. */
export const selectClockOffset = (state: AppState) => state.connection?.clockOffsetMs ?? 0;
export const selectTimeline = (state: AppState) => state.timeline;
export const selectLoadError = (state: AppState) => state.ui.loadError;
export const selectSymbolsError = (state: AppState) => state.ui.symbolsError;
export const selectActionError = (state: AppState) => state.ui.actionError;
export const selectNotice = (state: AppState) => state.ui.notice;
export const selectIsDemo = (state: AppState) => state.connection?.environment === 'demo';
export const selectDemoAccount = (state: AppState) => state.connection?.demoAccount ?? null;
/**
 * Whether figures are still arriving: live, or degraded (requests paused by a rate limit while the
 * streams keep flowing). Any other state dims the rows.
 */
export const selectDataFlowing = (state: AppState) =>
  state.connection?.state === 'live' || state.connection?.state === 'degraded';

/** The symbol the chooser shows: the user's pending choice, else main's selection. */
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

/** The banners to show now (use with `useShallow`: the alert objects keep their identity). */
export const selectVisibleAlerts = (state: AppState) => visibleAlerts(state.alerts);

export interface SymbolOption {
  readonly symbol: string;
  /** Sides and count when the symbol has open positions. */
  readonly badge: SymbolBadge | null;
}

export interface SymbolGroups {
  readonly open: readonly SymbolOption[];
  readonly others: readonly SymbolOption[];
}

/**
 * The chooser's two groups: symbols with open positions first, then every other trading symbol.
 * The shown symbol always gets an option, even before the symbol list has loaded, so the chooser
 * never points at a value it does not list.
 */
export function symbolOptions(
  openSymbols: readonly string[],
  badges: BadgeMap,
  all: readonly SymbolInfo[],
  shown: string | null,
): SymbolGroups {
  const open = [...new Set(openSymbols)];
  const openSet = new Set(open);
  const others = all.map((info) => info.symbol).filter((symbol) => !openSet.has(symbol));
  if (shown !== null && !openSet.has(shown) && !others.includes(shown)) others.unshift(shown);
  return {
    open: open.map((symbol) => ({ symbol, badge: badges.get(symbol) ?? null })),
    others: others.map((symbol) => ({ symbol, badge: null })),
  };
}
