/**
 * App lifecycle only: harden, build the desk (demo mode), open the window, wire IPC, and stop
 * everything on quit. Each piece is set up by its own module.
 */
import { app, session, type BrowserWindow } from 'electron';
import { isAbsolute, join } from 'node:path';
import { startDemoExchange } from './desk/demo-exchange';
import { Desk } from './desk/desk';
import { saveWithDialog, showNotification } from './desktop';
import { registerInvokeHandlers, windowSink } from './ipc/register';
import { createFileLogger, type LogLine } from './logging';
import { ElectronSettingsStore } from './settings/electron-settings-store';
import { profilesPort } from './vault/desk-port';
import { openElectronStore } from './vault/electron-store';
import { ProfileService } from './vault/profile-service';
import { createSafeStorageCipher } from './vault/safe-storage-cipher';
import { registerAppScheme, serveApp } from './protocol';
import { APP_ENTRY_URL } from './protocol-files';
import { blockNavigation, createMainWindow, hardenSession, RENDERER_ROOT } from './window';

let log: LogLine = (line) => console.warn(`[perpdesk] ${line}`);

// Tests and portable setups may keep the app's data elsewhere; only an absolute path is accepted.
const userDataOverride = process.env.PERPDESK_USER_DATA;
if (userDataOverride !== undefined && isAbsolute(userDataOverride)) app.setPath('userData', userDataOverride);
let mainWindow: BrowserWindow | null = null;
let desk: Desk | null = null;

async function onReady(): Promise<void> {
  hardenSession(session.defaultSession);
  serveApp(session.defaultSession, RENDERER_ROOT);
  log = createFileLogger(join(app.getPath('logs'), 'perpdesk.log'), { console: !app.isPackaged });
  // electron-store needs the app's paths, which exist only once the app is ready.
  // safeStorage reports its backend only once the app is ready: the vault is built here.
  const profiles = new ProfileService({
    location: { dir: app.getPath('userData'), name: 'profiles' },
    openStore: openElectronStore,
    cipher: createSafeStorageCipher(),
    log,
  });
  desk = new Desk({
    startDemoExchange,
    profiles: profilesPort(profiles),
    settings: new ElectronSettingsStore(log),
    saveFile: (name, contents) => saveWithDialog(mainWindow, name, contents),
    notify: showNotification,
    log,
  });
  const running = desk;
  await running.start();
  const window = createMainWindow();
  mainWindow = window;
  registerInvokeHandlers(running.handlers, window, APP_ENTRY_URL, (entry) => {
    if (entry.outcome !== 'ok') log(`ipc ${entry.channel} ${entry.outcome}${entry.detail ? `: ${entry.detail}` : ''}`);
  });
  let detach: (() => void) | null = null;
  // A renderer reload starts from nothing: re-attach so it gets a full view first.
  window.webContents.on('did-finish-load', () => {
    detach?.();
    detach = running.attach(windowSink(window));
  });
  window.on('closed', () => {
    detach?.();
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
    void (desk?.stop() ?? Promise.resolve()).finally(() => app.exit(0));
  });
  app.whenReady().then(onReady, (error: unknown) => {
    console.error('PerpDesk could not start:', error);
    app.exit(1);
  });
}
