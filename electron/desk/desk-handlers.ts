/**
 * The desk's invoke API: one handler per invoke channel of shared/ipc.ts. The handlers check what
 * the request asks against the desk's state (known symbol, demo mode, a profile vault, a save
 * dialog) and then hand the work to the desk; the session itself (client, engine, status) stays in
 * desk.ts. Dispatch has already validated the request shapes, so only rules that need state are here.
 */
import type { DemoAccount } from '../../shared/connection';
import type { AppState, InvokeHandlers } from '../../shared/ipc';
import type { ColumnPrefs } from '../../shared/settings';
import type { SymbolInfo } from '../../shared/symbols';
import { IpcFailure } from '../ipc/dispatch';
import { newestWithin } from '../ipc/payload-bounds';
import type { PositionEngine } from '../positions/engine';
import { positionsCsv } from './csv';
import type { ProfilesPort } from './session';
import type { SettingsStore } from './settings-store';
import type { Timeline } from './timeline';

/** Saves a file the user asked for (a save dialog in the app); resolves to the path, or null if cancelled. */
export type SaveFile = (defaultName: string, contents: string) => Promise<string | null>;

/** What the handlers need from the desk. */
export interface DeskHandlerPorts {
  readonly engine: Pick<PositionEngine, 'select' | 'view'>;
  readonly settings: SettingsStore;
  readonly timeline: Timeline;
  /** Re-checks alert proximity (after the threshold changed). */
  readonly checkAlerts: () => void;
  readonly now: () => number;
  readonly saveFile: SaveFile | undefined;
  /** The full state; resyncs the caller's positions as a side effect (see Desk). */
  getState(): AppState;
  /** The renderer applied this positions version. */
  ackPositions(version: number): void;
  /** Every trading symbol; throws an IpcFailure when the list cannot be loaded. */
  symbols(): Promise<SymbolInfo[]>;
  /** Asks the active client to reconnect (nothing when there is none). */
  reconnect(): void;
  setDemoAccount(account: DemoAccount): null;
  activateProfile(id: string | null): Promise<null>;
  /** The profile in use, or null in demo mode or with a session from the environment. */
  activeProfileId(): string | null;
  requireProfiles(): ProfilesPort;
}

/** Builds the desk's invoke handlers over its ports. */
export function createDeskHandlers(ports: DeskHandlerPorts): InvokeHandlers {
  async function selectSymbol(symbol: string | null): Promise<null> {
    if (symbol !== null) {
      // An unavailable list does not block the choice: the engine then learns from the exchange.
      const known = await ports.symbols().catch(() => null);
      if (known !== null && !known.some((info) => info.symbol === symbol)) {
        throw new IpcFailure('unknown-symbol', `${symbol} is not a trading perpetual on this exchange.`);
      }
    }
    ports.settings.update({ selectedSymbol: symbol });
    await ports.engine.select(symbol);
    return null;
  }

  function setColumnPrefs(prefs: ColumnPrefs): null {
    if (new Set(prefs.order).size !== prefs.order.length) {
      throw new IpcFailure('invalid-columns', 'Each column may appear only once in the column order.');
    }
    if (prefs.hidden.includes('symbol')) throw new IpcFailure('invalid-columns', 'The symbol column cannot be hidden.');
    ports.settings.update({ columns: prefs });
    return null;
  }

  async function exportCsv(): Promise<string | null> {
    if (ports.saveFile === undefined) {
      throw new IpcFailure('export-unavailable', 'Saving files is not available here.');
    }
    const stamp = new Date(ports.now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return ports.saveFile(`perpdesk-positions-${stamp}.csv`, positionsCsv(ports.engine.view().rows));
  }

  return {
    getState: () => ports.getState(),
    ackPositions: (version) => { ports.ackPositions(version); return null; },
    selectSymbol,
    listSymbols: () => ports.symbols(),
    setDemoAccount: (account) => ports.setDemoAccount(account),
    reconnect: () => {
      ports.timeline.add('info', 'Reconnect requested.');
      ports.reconnect();
      return null;
    },
    getTimeline: () => newestWithin(ports.timeline.list()),
    setAlertThreshold: (pct) => {
      ports.settings.update({ alertThresholdPct: pct });
      ports.checkAlerts();
      return null;
    },
    setMarginRatioAlert: (pct) => {
      ports.settings.update({ marginRatioAlertPct: pct });
      ports.checkAlerts();
      return null;
    },
    setColumnPrefs,
    exportCsv,
    listProfiles: () => ports.requireProfiles().list(),
    saveProfile: async (input) => {
      const summary = await ports.requireProfiles().save(input);
      // Editing the profile in use (new key, secret or URLs) takes effect at once.
      if (ports.activeProfileId() === summary.id) await ports.activateProfile(summary.id);
      return summary;
    },
    deleteProfile: async (id) => {
      // Deleting the profile in use falls back to demo mode first.
      if (ports.activeProfileId() === id) await ports.activateProfile(null);
      await ports.requireProfiles().delete(id);
      return null;
    },
    activateProfile: (id) => ports.activateProfile(id),
    testConnection: (id) => ports.requireProfiles().test(id),
  };
}
