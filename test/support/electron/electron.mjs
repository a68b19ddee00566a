/**
 * The `electron` module as the built main bundle sees it in the glue harness (DESIGN §9.5): only the
 * API surface the app uses, each piece enforcing Electron's documented rules (./runtime.mjs records
 * every broken one). Resolved in place of `electron` by ./register.mjs. The app becomes ready once
 * its main script has run, as under Electron.
 */
import { PerformanceObserver } from 'node:perf_hooks';
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

// The app's start milestones (electron/start-marks.ts) and any other performance mark it makes, to
// the host as records with their absolute time (ms since the epoch, comparable across processes on
// one machine): the P5 bench reads where a start goes from them. `buffered` also delivers marks made
// before this observer. The process's own start (Node's time origin) comes first.
sendToHost({ t: 'record', what: 'process-start', at: performance.timeOrigin });
const marks = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    sendToHost({ t: 'record', what: 'mark', name: entry.name, at: performance.timeOrigin + entry.startTime, detail: structuredClone(entry.detail ?? null) });
  }
});
marks.observe({ type: 'mark', buffered: true });
onHost('query-violations', (message) => sendToHost({ t: 'answer', id: message.id, value: [...violations] }));

const electron = { app, BrowserWindow, WebContents, Notification, dialog, ipcMain, protocol, safeStorage, session, shell };

// For CommonJS `require('electron')` (./register.mjs).
globalThis[Symbol.for('perpdesk.electron-stand-in')] = electron;

export { app, BrowserWindow, WebContents, Notification, dialog, ipcMain, protocol, safeStorage, session, shell };
export default electron;
