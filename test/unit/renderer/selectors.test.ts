import { describe, expect, it } from 'vitest';
import { selectPanelState, selectThreshold, selectVisibleAlerts, symbolOptions } from '../../../renderer/store/selectors';
import { createAppStore } from '../../../renderer/store/store';
import { alert, positionRow, SETTINGS, SYMBOLS, view } from './fake-api';

describe('symbolOptions', () => {
  it('lists symbols with positions first, with their badges, then every other symbol once', () => {
    const badges = new Map([['SOLUSDT', { long: true, short: false, count: 1 }]]);
    expect(symbolOptions(['SOLUSDT'], badges, SYMBOLS, null)).toEqual({
      open: [{ symbol: 'SOLUSDT', badge: { long: true, short: false, count: 1 } }],
      others: [
        { symbol: 'BTCUSDT', badge: null },
        { symbol: 'ETHUSDT', badge: null },
      ],
    });
  });

  it('keeps an option for the shown symbol before the symbol list has loaded', () => {
    expect(symbolOptions([], new Map(), [], 'DOGEUSDT')).toEqual({ open: [], others: [{ symbol: 'DOGEUSDT', badge: null }] });
  });
});

describe('selectPanelState', () => {
  it('is loading, then error, empty or table; never nothing', () => {
    const store = createAppStore();
    expect(selectPanelState(store.getState())).toBe('loading');

    store.setState({ ui: { ...store.getState().ui, loadError: { code: 'X', message: 'down' } } });
    expect(selectPanelState(store.getState())).toBe('error');

    store.setState({ positions: view(1, []) });
    expect(selectPanelState(store.getState())).toBe('empty');

    store.setState({ positions: view(2, [positionRow('BTCUSDT', 'LONG', '1')]) });
    expect(selectPanelState(store.getState())).toBe('table');
  });
});

describe('settings and alerts selectors', () => {
  it('uses the default threshold until the settings load, then the user’s', () => {
    const store = createAppStore();
    expect(selectThreshold(store.getState())).toBe(5);
    store.setState({ settings: { ...SETTINGS, alertThresholdPct: 2.5 } });
    expect(selectThreshold(store.getState())).toBe(2.5);
  });

  it('shows critical alerts first, then the newest', () => {
    const store = createAppStore();
    const old = alert('a', 1);
    const recent = alert('b', 5);
    const critical = alert('c', 2, { severity: 'critical' });
    store.setState({ alerts: { ...store.getState().alerts, list: [old, recent, critical] } });
    expect(selectVisibleAlerts(store.getState()).map((shown) => shown.id)).toEqual(['c', 'b', 'a']);
  });
});
