/** Layout only: toolbar, notices, the positions panel, the status bar. */
import { DemoAccountSwitch } from './components/DemoAccountSwitch';
import { ErrorBanner } from './components/ErrorBanner';
import { PositionsPanel } from './components/PositionsPanel';
import { StatusBar } from './components/StatusBar';
import { SymbolSelect } from './components/SymbolSelect';
import { selectIsDemo } from './store/selectors';
import { useAppStore } from './store/store';

export function App() {
  const isDemo = useAppStore(selectIsDemo);
  return (
    <div className={isDemo ? 'app app-demo' : 'app'}>
      <header className="toolbar">
        <h1 className="app-title">PerpDesk</h1>
        <SymbolSelect />
        <DemoAccountSwitch />
      </header>
      <ErrorBanner />
      <main className="panel">
        <PositionsPanel />
      </main>
      <StatusBar />
    </div>
  );
}
