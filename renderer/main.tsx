/** Entry point: one store, one bridge to main, one React root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PerpdeskApi, RendererErrorReport } from '../shared/ipc';
import { App } from './App';
import { startBridge } from './store/bridge';
import { AppStoreContext, createAppStore } from './store/store';
import './styles/theme.css';
import './styles/layout.css';
import './styles/table.css';

/** Sends uncaught errors and unhandled rejections to main's log, cut to the report's bounds. */
function installErrorReports(api: PerpdeskApi): void {
  const report = api.reportRendererError;
  if (report === undefined) return;
  const send = (kind: RendererErrorReport['kind'], error: unknown, source?: string): void => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    try {
      report({
        kind,
        message: message.slice(0, 2_000),
        ...(stack === undefined ? {} : { stack: stack.slice(0, 8_000) }),
        ...(source === undefined ? {} : { source: source.slice(0, 500) }),
      });
    } catch {
      // Reporting must never become a second failure.
    }
  };
  window.addEventListener('error', (event) => send('error', event.error ?? event.message, event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined));
  window.addEventListener('unhandledrejection', (event) => send('unhandledrejection', event.reason));
}

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

// Opened outside the app (a plain browser tab): there is no preload, so say so instead of crashing.
if (window.perpdesk === undefined) {
  root.render(
    <main className="app">
      <div className="panel-message panel-error" role="alert">
        <p className="panel-title">PerpDesk cannot reach its app</p>
        <p>This page only works inside the PerpDesk window, which provides the connection to the exchange.</p>
      </div>
    </main>,
  );
} else {
  installErrorReports(window.perpdesk);
  const store = createAppStore();
  startBridge(window.perpdesk, store);
  root.render(
    <StrictMode>
      <AppStoreContext value={store}>
        <App />
      </AppStoreContext>
    </StrictMode>,
  );
}
