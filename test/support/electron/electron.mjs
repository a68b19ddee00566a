/**
 * The `electron` module as the built main bundle sees it in the glue harness (DESIGN §9.5): only the
 * API surface the app uses, each piece enforcing Electron's documented rules (./runtime.mjs records
 * every broken one). Resolved in place of `electron` by ./register.mjs. The app becomes ready once
 * its main script has run, as under Electron.
 */
import { app } from './app.mjs';
import { Notification, dialog, shell } from './desktop.mjs';
import { ipcMain } from './ipc-main.mjs';
import { onHost, sendToHost, violations } from './runtime.mjs';
import { safeStorage } from './safe-storage.mjs';
import { protocol, session } from './session.mjs';
import { BrowserWindow, WebContents } from './windows.mjs';

// A macrotask: the main script and everything it imports have been evaluated by then.
setImmediate(() => app.becomeReady());

onHost('quit', () => app.quit());
onHost('query-violations', (message) => sendToHost({ t: 'answer', id: message.id, value: [...violations] }));

const electron = { app, BrowserWindow, WebContents, Notification, dialog, ipcMain, protocol, safeStorage, session, shell };

// For CommonJS `require('electron')` (./register.mjs).
globalThis[Symbol.for('perpdesk.electron-stand-in')] = electron;

export { app, BrowserWindow, WebContents, Notification, dialog, ipcMain, protocol, safeStorage, session, shell };
export default electron;
