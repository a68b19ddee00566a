/**
 * The application window, locked down (Electron security checklist): sandboxed renderer with
 * context isolation and no Node, loaded from the app's own `app://` origin (electron/protocol.ts),
 * a strict CSP, no navigation, no new windows, no permissions.
 */
import { app, BrowserWindow, type Session } from 'electron';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from './protocol-files';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The built renderer: the only directory `app://` serves. */
export const RENDERER_ROOT = fileURLToPath(new URL('../renderer/', import.meta.url));

/** Denies every permission request and check, and sends the CSP as a header too. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // WebHID, WebUSB and Web Serial ask through their own handler, not the permission one.
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Blocks navigation, new windows and webviews for every web contents the app ever creates. */
export function blockNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/**
 * How long the window waits for its first paint before it is shown anyway: a renderer that never
 * paints (hung, or failing before its first frame) must not leave a running app with no window —
 * the user could neither see what is wrong nor quit it from the window.
 */
export const SHOW_FALLBACK_MS = 5_000;

/** What the app window waits for and reports. */
export interface MainWindowOptions {
  /** Hears when the page cannot be loaded at all (main reports it: a blank window would otherwise be all the user sees). */
  onLoadFailure?: (error: unknown) => void;
  /**
   * The window is shown only once this has resolved too (main passes the desk's start, so a start
   * that fails shows an error box, never a window that vanishes again); never, if it rejects.
   */
  showAfter?: Promise<unknown>;
  /** Called once the window has been shown. */
  onShown?: () => void;
}

/**
 * The app window, loading the app's entry page at once and shown once its first paint is ready and
 * `showAfter` has resolved (or after SHOW_FALLBACK_MS, whichever comes first).
 */
export function createMainWindow({ onLoadFailure = () => {}, showAfter = Promise.resolve(), onShown = () => {} }: MainWindowOptions = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 820,
    minWidth: 900,
    minHeight: 500,
    title: 'PerpDesk',
    backgroundColor: '#0b0e11',
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only window.perpdesk, one function per contract channel
      // (shared/ipc.ts) through contextBridge, never ipcRenderer itself.
      preload: `${here}../preload/preload.cjs`, /* eng-disable PRELOAD_JS_CHECK */
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
      // A middle click would otherwise open links in a new window, around the window.open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  let shown = false;
  // A start that failed shows its error box and no window, even when the fallback comes later.
  let startFailed = false;
  showAfter.catch(() => (startFailed = true));
  const show = (): void => {
    if (shown || startFailed || window.isDestroyed()) return;
    shown = true;
    window.show();
    onShown();
  };
  const fallback = setTimeout(() => {
    if (!window.isDestroyed() && !window.isVisible()) show();
  }, SHOW_FALLBACK_MS);
  window.once('ready-to-show', () => {
    clearTimeout(fallback);
    showAfter.then(show, () => undefined);
  });
  window.once('closed', () => clearTimeout(fallback));
  window.loadURL(APP_ENTRY_URL).catch(onLoadFailure);
  return window;
}
