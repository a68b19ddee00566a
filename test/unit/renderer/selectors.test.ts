import { describe, expect, it } from 'vitest';
import { selectPanelState, symbolOptions } from '../../../renderer/store/selectors';
import { createAppStore } from '../../../renderer/store/store';
import { positionRow, SYMBOLS, view } from './fake-api';

describe('symbolOptions', () => {
  it('lists symbols with positions first, then every other symbol once', () => {
    expect(symbolOptions(['SOLUSDT'], SYMBOLS, null)).toEqual({
      open: ['SOLUSDT'],
      others: ['BTCUSDT', 'ETHUSDT'],
    });
  });

  it('keeps an option for the shown symbol before the symbol list has loaded', () => {
    expect(symbolOptions([], [], 'DOGEUSDT')).toEqual({ open: [], others: ['DOGEUSDT'] });
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
