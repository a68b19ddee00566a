import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../../shared/ipc';
import type { PositionsView } from '../../../shared/position';
import { diffViews } from '../../../shared/positions-delta';
import type { PositionsPush } from '../../../shared/positions-push';
import { err, ok, type Result } from '../../../shared/result';
import { retryLoad, selectSymbol, setDemoAccount, startBridge } from '../../../renderer/store/bridge';
import { selectPanelState, selectShownSymbol } from '../../../renderer/store/selectors';
import { createAppStore, type AppStore } from '../../../renderer/store/store';
import { CONNECTION, deferred, FakeApi, positionRow, SYMBOLS, view } from './fake-api';

const BTC = positionRow('BTCUSDT', 'BOTH', '0.010');
const ETH = positionRow('ETHUSDT', 'BOTH', '-1.500');
const INITIAL: AppState = { positions: view(1, [BTC, ETH]), connection: CONNECTION };

/** A delta from `prev` to `next` that claims another base version: what a missed push looks like. */
function deltaFrom(baseVersion: number, prev: PositionsView, next: PositionsView): PositionsPush {
  const push = diffViews(prev, next);
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
    expect(fake.log.slice(0, 2).sort()).toEqual(['onConnection', 'onPositions']);
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
    fake.pushPositions(diffViews(before, view(2, [movedBtc, ETH])));

    const after = store.getState().positions!;
    expect(after.version).toBe(2);
    expect(after.rows[0]).toBe(movedBtc);
    expect(after.rows[1]).toBe(before.rows[1]);
    expect(fake.calls.getState).toBe(1);
  });

  it('resyncs once when a delta does not fit, however many misfits arrive meanwhile', async () => {
    const fake = new FakeApi(INITIAL);
    const store = start(fake);
    await flush();
    const resync = deferred<Result<AppState>>();
    const fresh: AppState = { positions: view(9, [ETH]), connection: CONNECTION };
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

    fake.pushPositions({ kind: 'full', view: view(2, [], 'SOLUSDT') });
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
    const pending = deferred<Result<AppState>>();
    fake.stateAnswers = [pending.promise];
    const store = start(fake);
    expect(fake.listenerCount).toBe(2);

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
    expect(fake.listenerCount).toBe(2);
  });
});
