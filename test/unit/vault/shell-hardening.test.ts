/**
 * The hardened shell (electron/window.ts), checked with `electron` mocked: part of issue 6's security
 * review. The window's web preferences, the session's permission and CSP handlers, the navigation,
 * new-window and webview guards, and that the CSP header and the page's CSP meta tag are the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '../../../electron/protocol-files';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const windows: Array<{ options: Record<string, unknown>; loaded: string | null }> = [];
  class BrowserWindow {
    loaded: string | null = null;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    once(): void {}
    show(): void {}
    loadURL(url: string): Promise<void> {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  const app = {
    isPackaged: false,
    on: (event: string, listener: Listener) => appListeners.set(event, listener),
  };
  return { module: { app, BrowserWindow }, appListeners, windows };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { blockNavigation, createMainWindow, hardenSession } = await import('../../../electron/window');

beforeEach(() => {
  electron.appListeners.clear();
  electron.windows.length = 0;
  electron.module.app.isPackaged = false;
});

/** A web contents that records what the guards register. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  return {
    listeners,
    open: (url: string) => openHandler?.({ url }),
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => (openHandler = handler),
  };
}

describe('the hardened shell', () => {
  it('creates the window sandboxed, isolated, without Node, webviews or (packaged) DevTools', () => {
    electron.module.app.isPackaged = true;
    createMainWindow();
    const [window] = electron.windows;
    expect(window?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    const preferences = window?.options.webPreferences as Record<string, unknown>;
    for (const risky of ['allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInSubFrames']) {
      expect(preferences[risky], risky).toBeFalsy();
    }
    expect(window?.loaded).toBe(APP_ENTRY_URL); // the app's own origin, never file://
    expect(APP_ENTRY_URL).toBe('app://perpdesk/index.html');
  });

  it('blocks navigation, redirects, webviews and new windows on every web contents', () => {
    blockNavigation();
    const created = electron.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const contents = fakeContents();
    created!({}, contents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.listeners.get(event)?.({ preventDefault });
      expect(preventDefault, event).toHaveBeenCalled();
    }
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check, and sends the CSP header on every response', () => {
    let requestHandler: Listener = () => undefined;
    let checkHandler: (...args: unknown[]) => unknown = () => true;
    let headersHandler: Listener = () => undefined;
    let deviceHandler: (...args: unknown[]) => unknown = () => true;
    hardenSession({
      setPermissionRequestHandler: (handler: Listener) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: (...args: unknown[]) => unknown) => (checkHandler = handler),
      setDevicePermissionHandler: (handler: (...args: unknown[]) => unknown) => (deviceHandler = handler),
      webRequest: { onHeadersReceived: (handler: Listener) => (headersHandler = handler) },
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(checkHandler({}, permission), permission).toBe(false);
    }
    // WebHID / WebUSB / Web Serial devices are refused too.
    expect(deviceHandler({ deviceType: 'usb', origin: 'file://' })).toBe(false);
    const callback = vi.fn();
    headersHandler({ responseHeaders: { 'Content-Security-Policy': ["default-src *"], 'X-Other': ['kept'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['kept'] } });
  });

  it('the CSP forbids all network, inline script and foreign content; the page’s meta tag says the same', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    const html = readFileSync(join(import.meta.dirname, '..', '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});
