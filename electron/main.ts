/**
 * App lifecycle only: harden, start demo mode's exchange, open the window, build and start the desk
 * (electron/app-desk.ts), wire IPC, and stop everything on quit. Each piece is set up by its own module.
 *
 * The start is ordered for speed (DESIGN §10 P5) within Electron's rules: the demo exchange's worker
 * starts as soon as this process holds the single-instance lock, before the app is ready, so the
 * simulator boots on its own thread meanwhile. At `ready` the settings store opens and the window
 * is created at once — its page is the slowest part of a start — and the desk starts while it
 * loads. The page's calls wait for the started desk (handlersWhenStarted), and the window is shown
 * only once both its first paint and the desk's start are done. (Loading the desk's modules lazily
 * was measured too: it made starts slower, bench/PROFILE-HISTORY.md.)
 *
 * Any failure before the window shows (onReady's own rejection, a damaged store that cannot be set
 * aside, a demo worker that does not start, an uncaught error) is shown in a native error box with
 * the log's path, and the app exits, releasing the single-instance lock, instead of lingering
 * without a window.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createAppDesk } from './app-desk';
import type { Desk } from './desk/desk';
import { startDemoExchange } from './desk/demo-exchange';
import { prestartDemoExchange, type PrestartedDemoExchange } from './desk/demo-exchange-prestart';
import { registerInvokeHandlers, windowSink } from './ipc/register';
import { registerRendererErrorReports } from './ipc/renderer-errors';
import { captureProcessErrors, createAppLog, describeError } from './logging';
import { ElectronSettingsStore } from './settings/electron-settings-store';
import { openWithElectronStore } from './settings/open-electron-store';
import { markStart } from './start-marks';
import { handlersWhenStarted, STARTUP_FAILURE_TITLE, startupFailureText, userDataOverride } from './startup';
import { registerAppScheme, serveApp } from './protocol';
import { APP_ENTRY_URL } from './protocol-files';
import { blockNavigation, createMainWindow, hardenSession, RENDERER_ROOT } from './window';

/** How long quitting waits for the desk to stop (simulator thread, sockets) before exiting anyway. */
const STOP_TIMEOUT_MS = 5_000;

markStart('modules-loaded');

// Tests and development runs may keep the app's data elsewhere; an installed app never does.
const dataOverride = userDataOverride(process.env, app.isPackaged);
if (dataOverride !== null) app.setPath('userData', dataOverride);

// The logs folder is known before ready; errors from here on reach the file.
const log = createAppLog(join(app.getPath('logs'), 'perpdesk.log'), { console: !app.isPackaged });
let mainWindow: BrowserWindow | null = null;
let desk: Desk | null = null;
let demoExchange: PrestartedDemoExchange | null = null;
let windowShown = false;
let failed = false;

/** Stops the desk (and the demo exchange, even if no desk took it), but never waits forever. */
async function stopDesk(): Promise<void> {
  const running = desk;
  const exchange = demoExchange;
  desk = null;
  demoExchange = null;
  if (running === null && exchange === null) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn(`the desk did not stop within ${STOP_TIMEOUT_MS} ms; exiting anyway`);
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  try {
    // The desk closes the exchange it took; closing it again is a no-op, and stops one it never took.
    await Promise.race([(async () => {
      await running?.stop();
      await exchange?.close();
    })(), timeout]);
  } catch (error) {
    log.error(`stopping the desk failed: ${describeError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure before the window showed: say why and where the log is, then exit. */
function failStartup(error: unknown): void {
  if (failed) return;
  failed = true;
  log.error(`startup failed: ${describeError(error)}`);
  // Safe before ready too (on Linux it then goes to stderr, Electron's documented fallback);
  // synchronous, so the user has read it before the app goes.
  dialog.showErrorBox(STARTUP_FAILURE_TITLE, startupFailureText(error, log.file));
  void stopDesk().finally(() => {
    app.releaseSingleInstanceLock();
    app.exit(1);
  });
}

captureProcessErrors(log, (error) => {
  if (!windowShown) failStartup(error);
});

async function onReady(exchange: PrestartedDemoExchange): Promise<void> {
  markStart('ready');
  log.info(`PerpDesk ${app.getVersion()} starting (${app.isPackaged ? 'packaged' : 'unpackaged'})`);
  hardenSession(session.defaultSession);
  serveApp(session.defaultSession, RENDERER_ROOT);
  const userData = app.getPath('userData');
  // Opened before the window: electron-store's own ipcMain listener is gone before any page exists
  // (electron/settings/open-electron-store.ts), and a settings file that cannot be used fails the
  // start before a window shows.
  const settings = new ElectronSettingsStore({ dir: userData, open: openWithElectronStore, log: log.warn });
  // The desk starts while the window's page loads.
  const built = createAppDesk({ userData, settings, demoExchange: exchange, log, window: () => mainWindow });
  desk = built;
  const started = built.start().then(() => {
    markStart('desk-started');
    return built;
  });
  // The page itself failing to load is a failed start too: without it there is only a blank window.
  const window = createMainWindow({
    onLoadFailure: (error) => {
      if (!windowShown) failStartup(error);
      else log.error(`the window could not load the app: ${describeError(error)}`);
    },
    showAfter: started,
    onShown: () => {
      windowShown = true;
      log.info('window shown');
    },
  });
  mainWindow = window;
  markStart('window-created');
  const unregisterInvokes = registerInvokeHandlers(handlersWhenStarted(started.then((running) => running.handlers)), window, APP_ENTRY_URL, (entry) => {
    if (entry.outcome === 'rejected') log.warn(`ipc ${entry.channel} rejected${entry.detail ? `: ${entry.detail}` : ''}`);
    if (entry.outcome === 'failed') log.error(`ipc ${entry.channel} failed${entry.detail ? `: ${entry.detail}` : ''}`);
  });
  const unregisterErrorReports = registerRendererErrorReports(window, APP_ENTRY_URL, log);
  let detach: (() => void) | null = null;
  // A renderer reload starts from nothing: re-attach so it gets a full view first (once the desk runs).
  window.webContents.on('did-finish-load', () => {
    detach?.();
    detach = null;
    started.then(
      (running) => {
        if (window.isDestroyed()) return;
        detach?.();
        detach = running.attach(windowSink(window));
      },
      () => undefined, // a failed start is reported below
    );
  });
  window.webContents.on('render-process-gone', (_event, details) => log.error(`renderer process gone: ${details.reason} (exit code ${details.exitCode})`));
  // The window is gone: nothing may still answer for it (a handler left over would refuse the next
  // window's handlers, and keep this window's objects alive).
  window.on('closed', () => {
    detach?.();
    detach = null;
    unregisterInvokes();
    unregisterErrorReports();
    mainWindow = null;
  });
  await started;
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// A second PerpDesk would start a second simulator and a second set of connections: focus the first.
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.enableSandbox();
  // Privileged schemes must be registered before the app is ready.
  registerAppScheme();
  blockNavigation();
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    log.info('quitting');
    void stopDesk().finally(() => app.exit(0));
  });
  // Demo mode's exchange boots on its own thread from now on, while Electron gets ready and the
  // window opens (a profile session still starts demo mode's exchange:
  // the desk falls back to it if the profile cannot be used).
  const exchange = prestartDemoExchange((events) =>
    startDemoExchange(events).then((started) => {
      markStart('demo-exchange-up');
      return started;
    }),
  );
  demoExchange = exchange;
  // `.catch` after `.then`: onReady's own rejection is caught too, not only whenReady's.
  app.whenReady().then(() => onReady(exchange)).catch(failStartup);
}
