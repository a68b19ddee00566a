/**
 * A scripted `window.perpdesk` for dashboard tests that need states the real engine does not reach
 * on demand (loading forever, a failed load, a rejected key, 500 positions, an exact alert), with
 * the built renderer served as in the app. The page-side API answers from data the test sends,
 * records every call, and keeps the settings in sessionStorage so a reload sees what main would
 * have persisted. Pushes go in through `fake.push(channel, payload)`.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { Alert } from '../../shared/alerts';
import type { ConnectionStatus } from '../../shared/connection';
import type { AppState } from '../../shared/ipc';
import { positionKey, type HedgeNet, type PositionRow, type PositionSide, type PositionsView } from '../../shared/position';
import { pushFor } from '../../shared/positions-delta';
import type { PositionsPush } from '../../shared/positions-push';
import type { AppError } from '../../shared/result';
import type { SymbolInfo } from '../../shared/symbols';
import { summaryOf } from '../support/positions-summary';
import type { TimelineEntry } from '../../shared/timeline';
import { DEFAULT_ALERT_THRESHOLD_PCT, DEFAULT_MARGIN_RATIO_ALERT_PCT, POSITION_COLUMNS } from '../../shared/ui-constants';
import { requireChromium } from '../support/chromium';
import { serveDirectory } from '../support/static-server';

/** What main holds: the state getState() answers, and the positions it then pushes as a full view. */
export type FakeState = AppState & { positions: PositionsView };

export interface FakeScript {
  state: FakeState;
  symbols: SymbolInfo[];
  timeline?: TimelineEntry[];
  /** getState() never answers (the loading state). */
  holdState?: boolean;
  /** getState() answers with this error. */
  stateError?: AppError;
}

export interface FakeDesk {
  page: Page;
  errors: string[];
  /** Loads the app with this script (again after a reload: the init script re-runs). */
  open(script: FakeScript): Promise<void>;
  /** Positions go through `pushView` (or as parts), never as a whole view. */
  push(channel: 'positions' | 'connection' | 'alerts' | 'log', payload: unknown): Promise<void>;
  /** Pushes every part that takes a receiver holding `prev` (null: a full view) to `next`. */
  pushView(prev: PositionsView | null, next: PositionsView): Promise<void>;
  /** Invoke calls the page made, by channel, with their arguments. */
  calls(channel: string): Promise<unknown[][]>;
}

/** What the page receives: the script, with the full view already built in Node. */
interface PageScript extends FakeScript {
  fullView: PositionsPush;
}

/** Runs in the page before its scripts: the fake API. */
function installFake(script: PageScript): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const calls: Array<[string, unknown[]]> = [];
  const saved = sessionStorage.getItem('fake-settings');
  const state = script.state;
  if (saved !== null) state.settings = JSON.parse(saved) as AppState['settings'];
  const host = window as unknown as Record<string, unknown>;
  host.__fake = {
    calls,
    push: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(payload)),
  };
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  const record = (channel: string, args: unknown[]) => calls.push([channel, args]);
  const saveSettings = () => sessionStorage.setItem('fake-settings', JSON.stringify(state.settings));
  const subscribe = (channel: string) => (listener: Listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set.add(listener));
    return () => set.delete(listener);
  };
  const api = {
    getState: () => {
      record('getState', []);
      if (script.holdState === true) return new Promise(() => undefined);
      if (script.stateError !== undefined) return Promise.resolve({ ok: false, error: script.stateError });
      // Like main: the state answers without the positions, which follow as a full view.
      listeners.get('positions')?.forEach((listener) => listener(script.fullView));
      const { positions: _positions, ...rest } = state;
      return ok(rest);
    },
    // Main would send the next version on an ack; this fake pushes only what the test sends.
    ackPositions: () => ok(null),
    listSymbols: () => (record('listSymbols', []), ok(script.symbols)),
    selectSymbol: (symbol: string | null) => {
      record('selectSymbol', [symbol]);
      state.settings.selectedSymbol = symbol;
      saveSettings();
      return ok(null);
    },
    setDemoAccount: (account: string) => (record('setDemoAccount', [account]), ok(null)),
    reconnect: () => (record('reconnect', []), ok(null)),
    getTimeline: () => (record('getTimeline', []), ok(script.timeline ?? [])),
    setAlertThreshold: (pct: number) => {
      record('setAlertThreshold', [pct]);
      state.settings.alertThresholdPct = pct;
      saveSettings();
      return ok(null);
    },
    setMarginRatioAlert: (pct: number) => {
      record('setMarginRatioAlert', [pct]);
      state.settings.marginRatioAlertPct = pct;
      saveSettings();
      return ok(null);
    },
    setColumnPrefs: (prefs: AppState['settings']['columns']) => {
      record('setColumnPrefs', [prefs]);
      state.settings.columns = prefs;
      saveSettings();
      return ok(null);
    },
    exportCsv: () => (record('exportCsv', []), ok('/home/trader/perpdesk-positions.csv')),
    listProfiles: () => ok({ profiles: [], activeId: null, keyStore: 'available' }),
    saveProfile: () => Promise.resolve({ ok: false, error: { code: 'FAKE', message: 'not in this test' } }),
    deleteProfile: () => ok(null),
    activateProfile: () => ok(null),
    testConnection: () => ok({ ok: true, message: 'ok', openPositions: 0 }),
    onPositions: subscribe('positions'),
    onConnection: subscribe('connection'),
    onAlerts: subscribe('alerts'),
    onLog: subscribe('log'),
    // What the preload's report channel would carry to main's log, recorded for the test to read.
    reportRendererError: (report: unknown) => record('reportRendererError', [report]),
  };
  Object.defineProperty(window, 'perpdesk', { value: Object.freeze(api), writable: false, configurable: false });
}

const rendererDir = join(import.meta.dirname, '..', '..', 'out', 'renderer');

export const test = base.extend<{ fake: FakeDesk }>({
  fake: async ({ page }, use) => {
    requireChromium();
    const server = await serveDirectory(rendererDir);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    const push: FakeDesk['push'] = (channel, payload) =>
      page.evaluate(
        ([name, body]) => (window as unknown as { __fake: { push: (c: string, p: unknown) => void } }).__fake.push(name, body),
        [channel, payload] as const,
      );
    await use({
      page,
      errors,
      open: async (script) => {
        const pageScript: PageScript = { ...script, fullView: pushFor(null, script.state.positions) };
        await page.addInitScript(installFake, pageScript);
        await page.goto(server.url);
      },
      push,
      pushView: async (prev, next) => {
        await push('positions', pushFor(prev, next));
      },
      calls: (channel) =>
        page.evaluate(
          (name) =>
            (window as unknown as { __fake: { calls: Array<[string, unknown[]]> } }).__fake.calls
              .filter(([called]) => called === name)
              .map(([, args]) => args),
          channel,
        ),
    });
    await server.close();
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };

// --- Data ---------------------------------------------------------------------------------------

export const SYMBOLS: SymbolInfo[] = [
  { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.10', stepSize: '0.001' },
  { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.01', stepSize: '0.001' },
  { symbol: 'SOLUSDT', baseAsset: 'SOL', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.010', stepSize: '1' },
  { symbol: 'XRPUSDT', baseAsset: 'XRP', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.0001', stepSize: '0.1' },
  { symbol: 'BNBUSDT', baseAsset: 'BNB', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.010', stepSize: '0.01' },
  { symbol: 'DOGEUSDT', baseAsset: 'DOGE', quoteAsset: 'USDT', marginAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING', tickSize: '0.00001', stepSize: '1' },
];

export function connection(extra: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return {
    state: 'live',
    environment: 'demo',
    profileName: 'Demo',
    demoAccount: 'oneway',
    latencyMs: 14,
    clockOffsetMs: -6,
    weightUsed: 35,
    weightLimit: 2400,
    lastMessageAt: Date.now(),
    message: null,
    ...extra,
  };
}

export interface LegSpec {
  symbol: string;
  side: PositionSide;
  amount: string;
  entry: string;
  mark: string;
  liq: string;
  leverage: number;
  marginType?: 'cross' | 'isolated';
  /** Local ms of the row's data; default now. */
  at?: number;
}

/** A position row with figures derived the way main derives them (close enough for the UI). */
export function position(spec: LegSpec): PositionRow {
  const amount = Number(spec.amount);
  const mark = Number(spec.mark);
  const entry = Number(spec.entry);
  const notional = amount * mark;
  const upnl = amount * (mark - entry);
  const margin = Math.abs(notional) / spec.leverage;
  const liq = Number(spec.liq);
  const at = spec.at ?? Date.now();
  const distance = liq === 0 ? null : ((amount > 0 ? mark - liq : liq - mark) / mark) * 100;
  return {
    key: positionKey(spec.symbol, spec.side),
    symbol: spec.symbol,
    positionSide: spec.side,
    positionAmt: spec.amount,
    entryPrice: spec.entry,
    breakEvenPrice: String(entry * (amount > 0 ? 1.0004 : 0.9996)),
    markPrice: spec.mark,
    unRealizedProfit: upnl.toFixed(8),
    liquidationPrice: spec.liq,
    leverage: String(spec.leverage),
    maxNotionalValue: '1000000',
    marginType: spec.marginType ?? 'cross',
    isolatedMargin: '0',
    isAutoAddMargin: 'false',
    notional: notional.toFixed(8),
    isolatedWallet: '0',
    updateTime: at - 3_600_000,
    derived: {
      markPrice: spec.mark,
      markTime: at,
      unrealizedPnl: upnl,
      notional,
      roePct: (upnl / margin) * 100,
      margin,
      maintMargin: Math.abs(notional) * 0.004,
      marginRatioPct: spec.marginType === 'isolated' ? ((Math.abs(notional) * 0.004) / margin) * 100 : null,
      liquidationDistancePct: distance,
      liquidationDistance: distance === null ? null : Math.abs(mark - liq),
      fundingRate: null,
      nextFundingTime: null,
      fundingIntervalHours: null,
      estimatedFunding: null,
    },
    snapshotAt: at,
    markAt: at,
  };
}

export function positionsView(rows: PositionRow[], extra: Partial<PositionsView> = {}): PositionsView {
  const hedgeNets: HedgeNet[] = [];
  for (const symbol of new Set(rows.filter((row) => row.positionSide !== 'BOTH').map((row) => row.symbol))) {
    const legs = rows.filter((row) => row.symbol === symbol);
    hedgeNets.push({
      symbol,
      netAmount: legs.reduce((sum, row) => sum + Number(row.positionAmt), 0),
      netUnrealizedPnl: legs.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0),
      netNotional: legs.reduce((sum, row) => sum + row.derived.notional, 0),
    });
  }
  return {
    version: 1,
    selectedSymbol: null,
    mode: rows.some((row) => row.positionSide !== 'BOTH') ? 'hedge' : 'oneway',
    rows,
    selectedMark: null,
    snapshotAt: Date.now(),
    openSymbols: [...new Set(rows.map((row) => row.symbol))],
    hedgeNets,
    summary: summaryOf(rows),
    account: null,
    ...extra,
  };
}

export function appState(view: PositionsView, extra: Partial<AppState> = {}): FakeState {
  return {
    positions: view,
    connection: connection(),
    settings: {
      alertThresholdPct: DEFAULT_ALERT_THRESHOLD_PCT,
      marginRatioAlertPct: DEFAULT_MARGIN_RATIO_ALERT_PCT,
      columns: { order: [...POSITION_COLUMNS], hidden: [] },
      selectedSymbol: view.selectedSymbol,
    },
    alerts: [],
    ...extra,
  };
}

/** A one-way book like the demo account's. */
export function onewayRows(at?: number): PositionRow[] {
  const t = at === undefined ? {} : { at };
  return [
    position({ symbol: 'BTCUSDT', side: 'BOTH', amount: '0.250', entry: '101834.6', mark: '103120.4', liq: '92540.3', leverage: 10, marginType: 'isolated', ...t }),
    position({ symbol: 'ETHUSDT', side: 'BOTH', amount: '-3.500', entry: '3712.45', mark: '3655.12', liq: '4180.77', leverage: 20, ...t }),
    position({ symbol: 'SOLUSDT', side: 'BOTH', amount: '40', entry: '178.245', mark: '171.930', liq: '0', leverage: 5, ...t }),
    position({ symbol: 'XRPUSDT', side: 'BOTH', amount: '-5000.0', entry: '2.4120', mark: '2.4382', liq: '2.6870', leverage: 8, marginType: 'isolated', ...t }),
  ];
}

/** A hedge book: two symbols with both legs, one with a single leg. */
export function hedgeRows(): PositionRow[] {
  return [
    position({ symbol: 'BTCUSDT', side: 'LONG', amount: '0.150', entry: '102480.3', mark: '103120.4', liq: '88410.0', leverage: 20 }),
    position({ symbol: 'BTCUSDT', side: 'SHORT', amount: '-0.080', entry: '105120.7', mark: '103120.4', liq: '0', leverage: 20 }),
    position({ symbol: 'ETHUSDT', side: 'LONG', amount: '2.000', entry: '3598.12', mark: '3655.12', liq: '3281.40', leverage: 10, marginType: 'isolated' }),
    position({ symbol: 'ETHUSDT', side: 'SHORT', amount: '-1.200', entry: '3701.55', mark: '3655.12', liq: '4050.90', leverage: 10, marginType: 'isolated' }),
    position({ symbol: 'BNBUSDT', side: 'LONG', amount: '6.00', entry: '672.34', mark: '688.91', liq: '561.20', leverage: 5 }),
  ];
}

export function proximityAlert(row: PositionRow, severity: Alert['severity'] = 'critical'): Alert {
  return {
    id: `liquidation-proximity:${row.key}`,
    kind: 'liquidation-proximity',
    severity,
    symbol: row.symbol,
    key: row.key,
    message: `${row.symbol} ${Number(row.positionAmt) > 0 ? 'long' : 'short'} is ${row.derived.liquidationDistancePct?.toFixed(2)}% from its liquidation price.`,
    at: Date.now(),
  };
}
