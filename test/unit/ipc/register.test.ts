/**
 * Electron's IPC registration with `electron` mocked (requiring the real package outside Electron
 * tries to download the runtime): only the app window's own top frame showing the app's own page
 * may call, and what it sends is validated.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels, type InvokeHandlers } from '../../../shared/ipc';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const registered = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => registered.set(channel, handler),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { registerInvokeHandlers } = await import('../../../electron/ipc/register');

const ENTRY_URL = 'app://perpdesk/index.html';

function fakeWindow() {
  const mainFrame = { url: ENTRY_URL };
  const webContents = { mainFrame };
  return { webContents, isDestroyed: () => false };
}

function handlers(): InvokeHandlers {
  return {
    getState: vi.fn(),
    ackPositions: vi.fn(() => null),
    selectSymbol: vi.fn(() => null),
    listSymbols: vi.fn(() => []),
    setDemoAccount: vi.fn(() => null),
    reconnect: vi.fn(() => null),
    getTimeline: vi.fn(() => []),
    setAlertThreshold: vi.fn(() => null),
    setMarginRatioAlert: vi.fn(() => null),
    setColumnPrefs: vi.fn(() => null),
    exportCsv: vi.fn(() => null),
    listProfiles: vi.fn(),
    saveProfile: vi.fn(),
    deleteProfile: vi.fn(() => null),
    activateProfile: vi.fn(() => null),
    testConnection: vi.fn(),
  };
}

describe('registerInvokeHandlers', () => {
  let window: ReturnType<typeof fakeWindow>;
  let api: InvokeHandlers;
  let unregister: () => void;

  beforeEach(() => {
    registered.clear();
    window = fakeWindow();
    api = handlers();
    unregister = registerInvokeHandlers(api, window as never, ENTRY_URL);
  });

  const call = (channel: string, event: unknown, ...args: unknown[]) =>
    Promise.resolve(registered.get(`perpdesk:invoke:${channel}`)!(event, ...args));

  it('registers one channel per contract entry and removes them all', () => {
    expect([...registered.keys()].sort()).toEqual(invokeChannels.map((c) => `perpdesk:invoke:${c}`).sort());
    expect(registered.size).toBe(16);
    unregister();
    expect(registered.size).toBe(0);
  });

  it('runs calls from the app window top frame', async () => {
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(call('selectSymbol', event, 'BTCUSDT')).resolves.toEqual({ ok: true, value: null });
    expect(api.selectSymbol).toHaveBeenCalledWith('BTCUSDT');
  });

  it.each([
    ['another web contents', () => ({ sender: { mainFrame: { url: ENTRY_URL } }, senderFrame: { url: ENTRY_URL } })],
    ['a sub-frame of the window', (w: ReturnType<typeof fakeWindow>) => ({ sender: w.webContents, senderFrame: { url: ENTRY_URL } })],
    ['the top frame showing another page', (w: ReturnType<typeof fakeWindow>) => {
      w.webContents.mainFrame.url = 'https://evil.example/';
      return { sender: w.webContents, senderFrame: w.webContents.mainFrame };
    }],
    ['the top frame showing the renderer from file://', (w: ReturnType<typeof fakeWindow>) => {
      w.webContents.mainFrame.url = 'file:///opt/perpdesk/out/renderer/index.html';
      return { sender: w.webContents, senderFrame: w.webContents.mainFrame };
    }],
    ['the top frame showing another app:// page', (w: ReturnType<typeof fakeWindow>) => {
      w.webContents.mainFrame.url = 'app://perpdesk/other.html';
      return { sender: w.webContents, senderFrame: w.webContents.mainFrame };
    }],
    ['the top frame on another app:// host', (w: ReturnType<typeof fakeWindow>) => {
      w.webContents.mainFrame.url = 'app://evil/index.html';
      return { sender: w.webContents, senderFrame: w.webContents.mainFrame };
    }],
    ['a frame that is gone', (w: ReturnType<typeof fakeWindow>) => ({ sender: w.webContents, senderFrame: null })],
  ])('refuses calls from %s', async (_name, makeEvent) => {
    const result = await call('selectSymbol', makeEvent(window), 'BTCUSDT');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(api.selectSymbol).not.toHaveBeenCalled();
  });

  it('validates the payload of trusted calls', async () => {
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(call('setDemoAccount', event, { account: 'hedge' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(api.setDemoAccount).not.toHaveBeenCalled();
  });
});
