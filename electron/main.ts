/**
 * App lifecycle only: harden, build the desk (demo mode), open the window, wire IPC, and stop
 * everything on quit. Each piece is set up by its own module. Any failure before the window shows
 * (onReady's own rejection, a damaged store that cannot be set aside, a demo worker that does not
 * start, an uncaught error) is shown in a native error box with the log's path, and the app exits,
 * releasing the single-instance lock, instead of lingering without a window.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { startDemoExchange } from './desk/demo-exchange';
import { Desk } from './desk/desk';
import { saveWithDialog, showNotification } from './desktop';
import { registerInvokeHandlers, windowSink } from './ipc/register';
import { registerRendererErrorReports } from './ipc/renderer-errors';
import { captureProcessErrors, createAppLog, describeError, logTimelineEntry } from './logging';
import { ElectronSettingsStore } from './settings/electron-settings-store';
import { openWithElectronStore } from './settings/open-electron-store';
import { STARTUP_FAILURE_TITLE, startupFailureText, userDataOverride } from './startup';
import { profilesPort } from './vault/desk-port';
import { openElectronStore } from './vault/electron-store';
import { ProfileService } from './vault/profile-service';
import { createSafeStorageCipher } from './vault/safe-storage-cipher';
import { registerAppScheme, serveApp } from './protocol';
import { APP_ENTRY_URL } from './protocol-files';
import { blockNavigation, createMainWindow, hardenSession, RENDERER_ROOT } from './window';

/** How long quitting waits for the desk to stop (simulator thread, sockets) before exiting anyway. */
const STOP_TIMEOUT_MS = 5_000;

// Tests and development runs may keep the app's data elsewhere; an installed app never does.
const dataOverride = userDataOverride(process.env, app.isPackaged);
if (dataOverride !== null) app.setPath('userData', dataOverride);

// The logs folder is known before ready; errors from here on reach the file.
const log = createAppLog(join(app.getPath('logs'), 'perpdesk.log'), { console: !app.isPackaged });
let mainWindow: BrowserWindow | null = null;
let desk: Desk | null = null;
let windowShown = false;
let failed = false;

/** Stops the desk, but never waits forever: an exit must not hang on a stuck thread. */
async function stopDesk(): Promise<void> {
  const running = desk;
  desk = null;
  if (running === null) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn(`the desk did not stop within ${STOP_TIMEOUT_MS} ms; exiting anyway`);
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  try {
    await Promise.race([running.stop(), timeout]);
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

async function onReady(): Promise<void> {
  log.info(`PerpDesk ${app.getVersion()} starting (${app.isPackaged ? 'packaged' : 'unpackaged'})`);
  hardenSession(session.defaultSession);
  serveApp(session.defaultSession, RENDERER_ROOT);
  const userData = app.getPath('userData');
  // safeStorage reports its backend only once the app is ready: the vault is built here.
  const profiles = new ProfileService({
    location: { dir: userData, name: 'profiles' },
    openStore: openElectronStore,
    cipher: createSafeStorageCipher(),
    log: log.info,
  });
  desk = new Desk({
    startDemoExchange,
    profiles: profilesPort(profiles),
    settings: new ElectronSettingsStore({ dir: userData, open: openWithElectronStore, log: log.warn }),
    saveFile: (name, contents) => saveWithDialog(mainWindow, name, contents),
    notify: showNotification,
    log: log.warn,
    onTimelineEntry: (entry) => logTimelineEntry(log, entry),
  });
  const running = desk;
  await running.start();
  if (failed) return;
  // The page itself failing to load is a failed start too: without it there is only a blank window.
  const window = createMainWindow((error) => {
    if (!windowShown) failStartup(error);
    else log.error(`the window could not load the app: ${describeError(error)}`);
  });
  mainWindow = window;
  const unregisterInvokes = registerInvokeHandlers(running.handlers, window, APP_ENTRY_URL, (entry) => {
    if (entry.outcome === 'rejected') log.warn(`ipc ${entry.channel} rejected${entry.detail ? `: ${entry.detail}` : ''}`);
    if (entry.outcome === 'failed') log.error(`ipc ${entry.channel} failed${entry.detail ? `: ${entry.detail}` : ''}`);
  });
  const unregisterErrorReports = registerRendererErrorReports(window, APP_ENTRY_URL, log);
  window.once('ready-to-show', () => {
    windowShown = true;
    log.info('window shown');
  });
  let detach: (() => void) | null = null;
  // A renderer reload starts from nothing: re-attach so it gets a full view first.
  window.webContents.on('did-finish-load', () => {
    detach?.();
    detach = running.attach(windowSink(window));
  });
  window.webContents.on('render-process-gone', (_event, details) => log.error(`renderer process gone: ${details.reason} (exit code ${details.exitCode})`));
  // The window is gone: nothing may still answer for it (a handler left over would refuse the next
  // window's handlers, and keep this window's objects alive).
  window.on('closed', () => {
    detach?.();
    unregisterInvokes();
    unregisterErrorReports();
    mainWindow = null;
  });
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
  // `.catch` after `.then`: onReady's own rejection is caught too, not only whenReady's.
  app.whenReady().then(onReady).catch(failStartup);
}
