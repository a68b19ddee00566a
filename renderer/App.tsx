/**
 * Layout only: toolbar, banners, totals, the positions panel, the account panel, the status bar. Each panel sits in its
 * own PanelBoundary, so a value one of them cannot render blanks that panel, never the window.
 */
import { AccountPanel } from './components/account/AccountPanel';
import { AlertSettings } from './components/AlertSettings';
import { Banners } from './components/Banners';
import { ColumnsMenu } from './components/ColumnsMenu';
import { DemoAccountSwitch } from './components/DemoAccountSwitch';
import { DemoIntro } from './components/DemoIntro';
import { ExportButton } from './components/ExportButton';
import { PanelBoundary } from './components/PanelBoundary';
import { PositionsPanel } from './components/PositionsPanel';
import { ProfileSlot } from './components/profile-slot';
import { SelectedMark } from './components/SelectedMark';
import { useShortcuts } from './components/shortcuts';
import { StatusBar } from './components/StatusBar';
import { SymbolChooser } from './components/symbols/SymbolChooser';
import { TotalsBar } from './components/TotalsBar';
import { selectIsDemo, selectSettings } from './store/selectors';
import { useAppStore } from './store/store';

export function App() {
  useShortcuts();
  const isDemo = useAppStore(selectIsDemo);
  const loaded = useAppStore((state) => selectSettings(state) !== null);
  return (
    <div className={isDemo ? 'app app-demo' : 'app'}>
      <header className="toolbar">
        <h1 className="app-title">
          Perp<span>Desk</span>
        </h1>
        <PanelBoundary name="Symbol chooser" compact>
          <SymbolChooser />
        </PanelBoundary>
        <PanelBoundary name="Mark price" compact>
          <SelectedMark />
        </PanelBoundary>
        <PanelBoundary name="Demo account" compact>
          <DemoAccountSwitch />
        </PanelBoundary>
        <div className="toolbar-spacer" />
        {loaded && (
          <PanelBoundary name="Columns" compact>
            <ColumnsMenu />
          </PanelBoundary>
        )}
        {loaded && (
          <PanelBoundary name="Alerts" compact>
            <AlertSettings />
          </PanelBoundary>
        )}
        {loaded && (
          <PanelBoundary name="Export" compact>
            <ExportButton />
          </PanelBoundary>
        )}
        <PanelBoundary name="Profiles" compact>
          <ProfileSlot />
        </PanelBoundary>
      </header>
      <PanelBoundary name="Demo introduction">
        <DemoIntro />
      </PanelBoundary>
      <PanelBoundary name="Alerts and notices">
        <Banners />
      </PanelBoundary>
      <PanelBoundary name="Totals">
        <TotalsBar />
      </PanelBoundary>
      <main className="panel">
        <PanelBoundary name="Positions">
          <PositionsPanel />
        </PanelBoundary>
      </main>
      <PanelBoundary name="Account">
        <AccountPanel />
      </PanelBoundary>
      <PanelBoundary name="Status bar">
        <StatusBar />
      </PanelBoundary>
    </div>
  );
}
