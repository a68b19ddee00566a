/**
 * App lifecycle only: harden, build the desk (demo mode), open the window, wire IPC, and stop
 * everything on quit. Each piece is set up by its own module.
 */
import { app, session, type BrowserWindow } from 'electron';
import { startDemoExchange } from './desk/demo-exchange';
import { Desk } from './desk/desk';
import { registerInvokeHandlers, windowSink } from './ipc/register';
import { blockNavigation, createMainWindow, hardenSession, RENDERER_ENTRY } from './window';

const desk = new Desk({ startDemoExchange, log: (line) => console.warn(`[perpdesk] ${line}`) });
let mainWindow: BrowserWindow | null = null;

async function onReady(): Promise<void> {
  hardenSession(session.defaultSession);
  await desk.start();
  const window = createMainWindow();
  mainWindow = window;
  registerInvokeHandlers(desk.handlers, window, RENDERER_ENTRY);
  let detach: (() => void) | null = null;
  // A renderer reload starts from nothing: re-attach so it gets a full view first.
  window.webContents.on('did-finish-load', () => {
    detach?.();
    detach = desk.attach(windowSink(window));
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
  blockNavigation();
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    void desk.stop().finally(() => app.exit(0));
  });
  app.whenReady().then(onReady, (error: unknown) => {
    console.error('PerpDesk could not start:', error);
    app.exit(1);
  });
}
