/** Layout only: toolbar, banners, totals, the positions panel, the status bar. */
import { AlertSettings } from './components/AlertSettings';
import { Banners } from './components/Banners';
import { ColumnsMenu } from './components/ColumnsMenu';
import { DemoAccountSwitch } from './components/DemoAccountSwitch';
import { DemoIntro } from './components/DemoIntro';
import { ExportButton } from './components/ExportButton';
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
        <SymbolChooser />
        <SelectedMark />
        <DemoAccountSwitch />
        <div className="toolbar-spacer" />
        {loaded && <ColumnsMenu />}
        {loaded && <AlertSettings />}
        {loaded && <ExportButton />}
        <ProfileSlot />
      </header>
      <DemoIntro />
      <Banners />
      <TotalsBar />
      <main className="panel">
        <PositionsPanel />
      </main>
      <StatusBar />
    </div>
  );
}
