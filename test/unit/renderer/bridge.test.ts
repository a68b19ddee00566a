import { afterEach, describe, expect, it } from 'vitest';
import type { PositionsView } from '../../../shared/position';
import { pushFor } from '../../../shared/positions-delta';
import type { PositionsPush } from '../../../shared/positions-push';
import { err, ok, type Result } from '../../../shared/result';
import {
  dismissAlert,
  exportCsv,
  retryLoad,
  selectSymbol,
  setAlertThreshold,
  setColumnPrefs,
  setDemoAccount,
  startBridge,
} from '../../../renderer/store/bridge';
import { selectPanelState, selectShownSymbol, selectVisibleAlerts } from '../../../renderer/store/selectors';
import { createAppStore, type AppStore } from '../../../renderer/store/store';
import type { TimelineEntry } from '../../../shared/timeline';
import { alert, appState, CONNECTION, deferred, FakeApi, positionRow, SYMBOLS, view, withDerived, type FakeState } from './fake-api';

const BTC = positionRow('BTCUSDT', 'BOTH', '0.010');
const ETH = positionRow('ETHUSDT', 'BOTH', '-1.500');
const INITIAL: FakeState = appState(view(1, [BTC, ETH]));

/** A delta from `prev` to `next` that claims another base version: what a missed push looks like. */
function deltaFrom(baseVersion: number, prev: PositionsView, next: PositionsView): PositionsPush {
  const push = pushFor(prev, next);
  return push.kind === 'delta' ? { ...push, baseVersion } : push;
}

/** Lets pending promise callbacks (the bridge's awaited answers) run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let dispose: (() => void) | null = null;

function start(fake: FakeApi): AppStore {
  const store = createAppStore();
  dispose = startBridge(fake.api, store);
  return store;
}

afterEach(() => {
  dispose?.();
  dispose = null;
});

describe('startup', () => {
  it('subscribes first, then fills the store from getState() and listSymbols()', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    expect(fake.log.slice(0, 4).sort()).toEqual(['onAlerts', 'onConnection', 'onLog', 'onPositions']);
    expect(selectPanelState(store.getState())).toBe('loading');

    await flush();

    const state = store.getState();
    expect(state.positions).toEqual(INITIAL.positions);
    expect(state.connection).toEqual(CONNECTION);
    expect(state.symbols.list).toEqual(SYMBOLS);
    expect(state.symbols.bySymbol.get('ETHUSDT')?.tickSize).toBe('0.01');
    expect(selectPanelState(state)).toBe('table');
  });

  it('shows an ok:false getState() as the error state, and Retry recovers', async () => {
    const fake = new FakeApi(INITIAL);
    fake.stateAnswers = [err('NOT_CONNECTED', 'The exchange is unreachable'), ok(INITIAL)];
    const store = start(fake);
    await flush();

    expect(store.getState().ui.loadError).toEqual({ code: 'NOT_CONNECTED', message: 'The exchange is unreachable' });
    expect(selectPanelState(store.getState())).toBe('error');

    await retryLoad();
    expect(selectPanelState(store.getState())).toBe('table');
    expect(store.getState().ui.loadError).toBeNull();
  });

  it('turns a rejected invoke into the error state instead of throwing', async () => {
    const fake = new FakeApi(INITIAL);
    fake.stateAnswers = [Promise.reject(new Error('channel closed'))];
    const store = start(fake);
    await flush();

    expect(store.getState().ui.loadError?.code).toBe('IPC_FAILED');
    expect(store.getState().ui.loadError?.message).toContain('channel closed');
  });

  it('keeps the view and reports a failed symbol list separately', async () => {
    const fake = new FakeApi(INITIAL);
    fake.symbolsAnswer = err('EXCHANGE_INFO', 'exchangeInfo timed out');
    const store = start(fake);
    await flush();

    expect(store.getState().ui.symbolsError?.message).toBe('exchangeInfo timed out');
    expect(selectPanelState(store.getState())).toBe('table');
  });
});

describe('positions pushes', () => {
  it('applies a delta and keeps unchanged row objects identical', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();
    const before = store.getState().positions!;

    const movedBtc = positionRow('BTCUSDT', 'BOTH', '0.010', '101.5');
    fake.pushView(before, view(2, [movedBtc, ETH]));

    const after = store.getState().positions!;
    expect(after.version).toBe(2);
    // The moved row arrives as a patch of the row held: equal to main's, a new object.
    expect(after.rows[0]).toEqual(movedBtc);
    expect(after.rows[0]).not.toBe(before.rows[0]);
    expect(after.rows[1]).toBe(before.rows[1]);
    expect(fake.calls.getState).toBe(1);
  });

  it('resyncs once when a delta does not fit, however many misfits arrive meanwhile', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();
    const resync = deferred<Result<FakeState>>();
    const fresh: FakeState = appState(view(9, [ETH]));
    fake.stateAnswers = [resync.promise];

    const current = store.getState().positions!;
    fake.pushPositions(deltaFrom(7, current, view(8, [ETH])));
    fake.pushPositions(deltaFrom(8, current, view(9, [ETH])));
    expect(fake.calls.getState).toBe(2);
    expect(store.getState().positions).toBe(current);

    resync.resolve(ok(fresh));
    await flush();
    expect(fake.calls.getState).toBe(2);
    expect(store.getState().positions).toEqual(fresh.positions);
  });

  it('acknowledges every version it applied, and only those', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();
    expect(fake.calls.ackPositions).toEqual([1]); // the full view from getState()
    const before = store.getState().positions!;
    const many = view(2, Array.from({ length: 2_000 }, (_, i) => positionRow(`S${i}USDT`, 'BOTH', String(i + 1))));
    fake.pushView(before, many); // one message, however many rows
    expect(store.getState().positions).toEqual(many);
    fake.pushView(many, view(3, many.rows.map((row, i) => withDerived(row, { unrealizedPnl: i, markTime: 5 }))));
    expect(store.getState().positions!.version).toBe(3);
    await flush();
    expect(fake.calls.ackPositions).toEqual([1, 2, 3]);

    // A delta that does not fit is not acknowledged: the bridge asks for the state instead, and
    // acknowledges the full view that follows (this fake's is version 1 again).
    fake.pushPositions(deltaFrom(7, store.getState().positions!, view(8, [ETH])));
    await flush();
    expect(fake.calls.ackPositions).toEqual([1, 2, 3, 1]);
    expect(fake.calls.getState).toBe(2);
  });

  it('asks for the state again when an ack fails, since main would otherwise send nothing more', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();
    expect(fake.calls.getState).toBe(1);
    fake.ackAnswer = err('IPC_FAILED', 'gone');
    fake.pushView(store.getState().positions, view(2, [BTC]));
    await flush();
    expect(fake.calls.getState).toBe(2);
    // The resync's full view is applied; its ack fails too while that getState() is still in
    // flight, which shares it rather than asking again: failures never pile up requests.
    expect(store.getState().positions).toEqual(INITIAL.positions);
    fake.ackAnswer = ok(null);
    await flush();
    await flush();
    expect(fake.calls.getState).toBe(2);
    expect(fake.calls.ackPositions).toEqual([1, 2, 1]);
  });

  it('stays loading after getState() answered until the full view arrives, then shows the table or the empty state', async () => {
    const fake = new FakeApi(INITIAL);
    fake.pushPositionsOnState = false; // main's full view is still on its way
    const store = start(fake);
    await flush();
    expect(store.getState().connection).toEqual(CONNECTION);
    expect(selectPanelState(store.getState())).toBe('loading');

    fake.pushView(null, view(1, []));
    expect(selectPanelState(store.getState())).toBe('empty');
    fake.pushView(null, INITIAL.positions);
    expect(selectPanelState(store.getState())).toBe('table');
  });

  it('takes a connection push as it comes', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();

    const reconnecting = { ...CONNECTION, state: 'reconnecting' as const, message: 'Socket closed (1006)' };
    fake.pushConnection(reconnecting);
    expect(store.getState().connection).toEqual(reconnecting);
  });
});

describe('actions', () => {
  it('selectSymbol calls the API with the symbol, or null for all positions', async () => {
    const fake = new FakeApi(INITIAL);
    start(fake);
    await flush();

    await selectSymbol('ETHUSDT');
    await selectSymbol(null);
    expect(fake.calls.selectSymbol).toEqual(['ETHUSDT', null]);
  });

  it('shows the chosen symbol until main confirms it with a view', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();

    await selectSymbol('SOLUSDT');
    expect(selectShownSymbol(store.getState())).toBe('SOLUSDT');
    expect(store.getState().ui.pendingSelection).toEqual({ symbol: 'SOLUSDT' });

    fake.pushView(null, view(2, [], 'SOLUSDT'));
    expect(store.getState().ui.pendingSelection).toBeNull();
    expect(selectShownSymbol(store.getState())).toBe('SOLUSDT');
  });

  it('reports a refused selection and falls back to main’s selection', async () => {
    const fake = new FakeApi(INITIAL);
    fake.selectAnswer = err('UNKNOWN_SYMBOL', 'XYZUSDT is not traded');
    const store = start(fake);
    await flush();

    await selectSymbol('XYZUSDT');
    expect(store.getState().ui.actionError?.message).toBe('XYZUSDT is not traded');
    expect(selectShownSymbol(store.getState())).toBeNull();
  });

  it('setDemoAccount calls the API and reports a failure', async () => {
    const fake = new FakeApi(INITIAL);
    fake.demoAnswer = err('NOT_DEMO', 'Only in demo mode');
    const store = start(fake);
    await flush();

    await setDemoAccount('hedge');
    expect(fake.calls.setDemoAccount).toEqual(['hedge']);
    expect(store.getState().ui.actionError?.code).toBe('NOT_DEMO');
  });
});

describe('dispose', () => {
  it('removes every listener and ignores answers that arrive afterwards', async () => {
    const fake = new FakeApi(INITIAL);
    const pending = deferred<Result<FakeState>>();
    fake.stateAnswers = [pending.promise];
    const store = start(fake);
    expect(fake.listenerCount).toBe(4);

    dispose!();
    dispose = null;
    expect(fake.listenerCount).toBe(0);

    pending.resolve(ok(INITIAL));
    await flush();
    expect(store.getState().positions).toBeNull();
  });

  it('allows a new bridge once the old one is disposed, and not before', () => {
    const fake = new FakeApi(INITIAL);
    start(fake);
    expect(() => startBridge(fake.api, createAppStore())).toThrow(/already running/);
    dispose!();
    dispose = startBridge(fake.api, createAppStore());
    expect(fake.listenerCount).toBe(4);
  });
});

describe('settings', () => {
  it('takes the settings from getState(), and a column change applies at once and goes to main normalised', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();
    expect(store.getState().settings).toEqual(INITIAL.settings);

    const pending = deferred<Result<null>>();
    fake.settingsAnswer = pending.promise;
    const done = setColumnPrefs({ order: ['mark', 'symbol'], hidden: ['roe', 'symbol'] });
    const applied = store.getState().settings!.columns;
    expect(applied.order.indexOf('mark')).toBeLessThan(applied.order.indexOf('symbol'));
    expect(applied.order).toHaveLength(19);
    expect(applied.hidden).toEqual(['roe']);
    expect(fake.calls.setColumnPrefs).toEqual([applied]);

    pending.resolve(ok(null));
    expect(await done).toBe(true);
    expect(store.getState().settings!.columns).toBe(applied);
  });

  it('undoes a column change main refused, and says why', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();
    fake.settingsAnswer = err('STORE_FAILED', 'Could not save the settings');

    expect(await setColumnPrefs({ order: [], hidden: ['mark'] })).toBe(false);
    expect(store.getState().settings!.columns).toEqual(INITIAL.settings.columns);
    expect(store.getState().ui.actionError?.message).toBe('Could not save the settings');
  });

  it('sends a valid alert threshold and refuses an invalid one without calling main', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();

    expect(await setAlertThreshold(2.5)).toBe(true);
    expect(fake.calls.setAlertThreshold).toEqual([2.5]);
    expect(store.getState().settings!.alertThresholdPct).toBe(2.5);

    expect(await setAlertThreshold(0)).toBe(false);
    expect(await setAlertThreshold(Number.NaN)).toBe(false);
    expect(fake.calls.setAlertThreshold).toEqual([2.5]);
    expect(store.getState().ui.actionError?.code).toBe('INVALID_THRESHOLD');
  });
});

describe('alerts and timeline', () => {
  it('shows the alerts from getState(), then replaces them with each push; dismissing hides one', async () => {
    const first = alert('liquidation-proximity:BTCUSDT:BOTH', 100);
    const fake = new FakeApi(appState(view(1, [BTC, ETH]), { alerts: [first] }));
    const store = start(fake);
    await flush();
    expect(selectVisibleAlerts(store.getState())).toEqual([first]);
    expect(store.getState().alerts.flashes.get('BTCUSDT:BOTH')).toEqual({ count: 1, at: 100 });

    const call = alert('margin-call', 200, { kind: 'margin-call', severity: 'critical', key: null });
    fake.pushAlerts([first, call]);
    expect(selectVisibleAlerts(store.getState()).map((shown) => shown.id)).toEqual(['margin-call', first.id]);

    dismissAlert(call);
    expect(selectVisibleAlerts(store.getState())).toEqual([first]);
    fake.pushAlerts([]);
    expect(selectVisibleAlerts(store.getState())).toEqual([]);
  });

  it('loads the timeline and keeps log pushes that arrived before the answer', async () => {
    const fake = new FakeApi(INITIAL);
    const answer = deferred<Result<TimelineEntry[]>>();
    fake.timelineAnswer = answer.promise;
    const store = start(fake);
    fake.pushLog({ at: 30, kind: 'connected', message: 'Connected' });
    answer.resolve(ok([
      { at: 10, kind: 'connecting', message: 'Connecting' },
      { at: 30, kind: 'connected', message: 'Connected' },
    ]));
    await flush();
    expect(store.getState().timeline.map((entry) => entry.at)).toEqual([10, 30]);
  });
});

describe('sparklines and export', () => {
  it('samples the uPnL of rows that changed, on the bridge’s clock', async () => {
    let now = 10_000;
    const fake = new FakeApi(INITIAL);
    const store = createAppStore();
    dispose = startBridge(fake.api, store, { now: () => now });
    await flush();
    const before = store.getState().positions!;
    now = 12_000;
    const moved = withDerived(BTC, { unrealizedPnl: -3 });
    fake.pushView(before, view(2, [moved, ETH]));
    expect(store.getState().sparks.get('BTCUSDT:BOTH')!.map((s) => s.value)).toEqual([5, -3]);
    expect(store.getState().sparks.get('ETHUSDT:BOTH')).toHaveLength(1);
  });

  it('says where the CSV went, says nothing when cancelled, and reports a failure', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();

    await exportCsv();
    expect(store.getState().ui.notice).toBe('Positions exported to /home/trader/positions.csv');

    fake.exportAnswer = ok(null);
    await exportCsv();
    expect(store.getState().ui.notice).toBeNull();

    fake.exportAnswer = err('WRITE_FAILED', 'Disk full');
    await exportCsv();
    expect(store.getState().ui.actionError?.message).toBe('Disk full');
    expect(fake.calls.exportCsv).toBe(3);
  });
});
