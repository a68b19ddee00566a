import { describe, expect, it, vi } from 'vitest';
import { dispatchInvoke, IpcFailure } from '../../../electron/ipc/dispatch';
import { buildPerpdeskApi, invokeChannels, pushChannels, type InvokeHandlers } from '../../../shared/ipc';

function fakeHandlers(): InvokeHandlers & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getState: vi.fn(() => {
      throw new Error('not used');
    }),
    ackPositions: vi.fn(() => null),
    selectSymbol: vi.fn((symbol: string | null) => {
      calls.push(`selectSymbol:${symbol}`);
      return null;
    }),
    listSymbols: vi.fn(() => []),
    setDemoAccount: vi.fn(() => {
      throw new IpcFailure('not-demo', 'Demo accounts are only available in demo mode.');
    }),
    reconnect: vi.fn(() => null),
    getTimeline: vi.fn(() => []),
    setAlertThreshold: vi.fn(() => null),
    setMarginRatioAlert: vi.fn(() => null),
    setColumnPrefs: vi.fn(() => null),
    exportCsv: vi.fn(() => null),
    listProfiles: vi.fn(() => ({ profiles: [], activeId: null, keyStore: 'available' as const })),
    saveProfile: vi.fn(() => {
      throw new Error('not used');
    }),
    deleteProfile: vi.fn(() => null),
    activateProfile: vi.fn(() => null),
    testConnection: vi.fn(() => ({ ok: true, message: 'ok', openPositions: 0 })),
  };
}

describe('dispatchInvoke: the contract is enforced in main', () => {
  it('runs a valid call and wraps its value in a Result', async () => {
    const handlers = fakeHandlers();
    await expect(dispatchInvoke(handlers, 'selectSymbol', ['BTCUSDT'])).resolves.toEqual({ ok: true, value: null });
    await expect(dispatchInvoke(handlers, 'selectSymbol', [null])).resolves.toEqual({ ok: true, value: null });
    expect(handlers.calls).toEqual(['selectSymbol:BTCUSDT', 'selectSymbol:null']);
  });

  it.each([
    ['a number for a symbol', 'selectSymbol', [42]],
    ['a lower-case or injected symbol', 'selectSymbol', ['btcusdt; rm -rf']],
    ['a missing argument', 'selectSymbol', []],
    ['an extra argument', 'selectSymbol', ['BTCUSDT', 'extra']],
    ['an object instead of the argument list', 'selectSymbol', { symbol: 'BTCUSDT' }],
    ['an unknown demo account', 'setDemoAccount', ['margin']],
    ['arguments to a call that takes none', 'reconnect', [1]],
    ['an alert threshold out of range', 'setAlertThreshold', [500]],
    ['a non-finite alert threshold', 'setAlertThreshold', [Number.NaN]],
    ['an unknown column', 'setColumnPrefs', [{ order: ['symbol', 'secret'], hidden: [] }]],
    ['a profile without a name', 'saveProfile', [{ name: '', environment: 'testnet', keyType: 'HMAC', apiKey: 'k'.repeat(64), customUrls: null, allowPlaintext: false }]],
    ['a demo profile', 'saveProfile', [{ name: 'x', environment: 'demo', keyType: 'HMAC', apiKey: 'k'.repeat(64), customUrls: null, allowPlaintext: false }]],
  ])('rejects %s and never calls the handler', async (_name, channel, args) => {
    const handlers = fakeHandlers();
    const result = await dispatchInvoke(handlers, channel, args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid-request');
    expect(handlers.calls).toEqual([]);
    expect(handlers.reconnect).not.toHaveBeenCalled();
    expect(handlers.setDemoAccount).not.toHaveBeenCalled();
    expect(handlers.setAlertThreshold).not.toHaveBeenCalled();
    expect(handlers.setColumnPrefs).not.toHaveBeenCalled();
    expect(handlers.saveProfile).not.toHaveBeenCalled();
  });

  it('rejects unknown channels, including prototype names', async () => {
    for (const channel of ['deleteEverything', '__proto__', 'constructor', 'toString']) {
      const result = await dispatchInvoke(fakeHandlers(), channel, []);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('returns user-facing failures as they are and hides internal errors', async () => {
    const handlers = fakeHandlers();
    await expect(dispatchInvoke(handlers, 'setDemoAccount', ['hedge'])).resolves.toEqual({
      ok: false,
      error: { code: 'not-demo', message: 'Demo accounts are only available in demo mode.' },
    });
    const internal = await dispatchInvoke(handlers, 'getState', []);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!internal.ok) expect(internal.error.message).not.toContain('not used');
  });
});

describe('buildPerpdeskApi: window.perpdesk is derived from the contract', () => {
  it('has one function per invoke channel and one onX per push channel, and nothing else', async () => {
    const invoked: Array<[string, unknown[]]> = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const api = buildPerpdeskApi({
      invoke: (channel, args) => {
        invoked.push([channel, args]);
        return Promise.resolve({ ok: true, value: null });
      },
      subscribe: (channel, listener) => {
        listeners.set(channel, listener);
        return () => listeners.delete(channel);
      },
    });
    expect(Object.keys(api).sort()).toEqual(
      [...invokeChannels, ...pushChannels.map((c) => `on${c[0]!.toUpperCase()}${c.slice(1)}`)].sort(),
    );
    await api.selectSymbol('ETHUSDT');
    expect(invoked).toEqual([['selectSymbol', ['ETHUSDT']]]);
    const received: unknown[] = [];
    const off = api.onConnection((status) => received.push(status));
    listeners.get('connection')?.({ state: 'live' });
    off();
    expect(received).toEqual([{ state: 'live' }]);
    expect(listeners.has('connection')).toBe(false);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('adds reportRendererError only with a report carrier, and checks the report before it leaves', () => {
    const carrier = { invoke: () => Promise.resolve(null), subscribe: () => () => {} };
    expect(buildPerpdeskApi(carrier).reportRendererError).toBeUndefined();
    const reports: unknown[] = [];
    const api = buildPerpdeskApi({ ...carrier, report: (report) => reports.push(report) });
    api.reportRendererError!({ kind: 'boundary', message: 'RangeError: not a decimal', source: 'positions panel' });
    expect(reports).toEqual([{ kind: 'boundary', message: 'RangeError: not a decimal', source: 'positions panel' }]);
    expect(() => api.reportRendererError!({ kind: 'error', message: 'x'.repeat(2_001) })).toThrow();
    expect(() => api.reportRendererError!({ kind: 'error', message: 'm', extra: 1 } as never)).toThrow();
    expect(reports).toHaveLength(1);
  });
});
