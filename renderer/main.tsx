/** Entry point: one store, one bridge to main, one React root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PerpdeskApi } from '../shared/ipc';
import { App } from './App';
import { reportRendererError } from './error-report';
import { startBridge } from './store/bridge';
import { AppStoreContext, createAppStore } from './store/store';
import './styles/theme.css';
import './styles/layout.css';
import './styles/table.css';

/** Sends uncaught errors and unhandled rejections to main's log (React's caught ones go through PanelBoundary). */
function installErrorReports(api: PerpdeskApi): void {
  if (api.reportRendererError === undefined) return;
  window.addEventListener('error', (event) => reportRendererError('error', event.error ?? event.message, event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined));
  window.addEventListener('unhandledrejection', (event) => reportRendererError('unhandledrejection', event.reason));
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
