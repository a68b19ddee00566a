import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../../../electron/desk/settings-store';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

describe('MemorySettingsStore', () => {
  it('starts from the defaults and merges updates', () => {
    const store = new MemorySettingsStore();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.update({ alertThresholdPct: 2.5 }).alertThresholdPct).toBe(2.5);
    expect(store.get().columns).toEqual(DEFAULT_SETTINGS.columns);
  });

  it('refuses values outside the schema and keeps the previous settings', () => {
    const store = new MemorySettingsStore({ selectedSymbol: 'BTCUSDT' });
    expect(() => store.update({ alertThresholdPct: -1 })).toThrow();
    expect(() => store.update({ selectedSymbol: 'btc usdt' })).toThrow();
    expect(store.get()).toMatchObject({ selectedSymbol: 'BTCUSDT', alertThresholdPct: 5 });
  });
});
