/** Entry point: one store, one bridge to main, one React root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startBridge } from './store/bridge';
import { AppStoreContext, createAppStore } from './store/store';
import './styles/theme.css';
import './styles/layout.css';
import './styles/table.css';

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
