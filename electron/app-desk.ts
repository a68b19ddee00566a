/**
 * The desk the app runs, built from Electron's services: the vault (profiles encrypted with
 * safeStorage), the settings store main has opened, the save dialog and native notifications, and
 * demo mode's exchange that main started ahead (main.ts keeps to the app's lifecycle).
 */
import type { BrowserWindow } from 'electron';
import { Desk } from './desk/desk';
import type { PrestartedDemoExchange } from './desk/demo-exchange-prestart';
import type { SettingsStore } from './desk/settings-store';
import { saveWithDialog, showNotification } from './desktop';
import { logTimelineEntry, type AppLog } from './logging';
import { profilesPort } from './vault/desk-port';
import { openElectronStore } from './vault/electron-store';
import { ProfileService } from './vault/profile-service';
import { createSafeStorageCipher } from './vault/safe-storage-cipher';

export interface AppDeskOptions {
  /** The user data folder (the profiles file lives there). */
  userData: string;
  settings: SettingsStore;
  demoExchange: PrestartedDemoExchange;
  log: AppLog;
  /** The window a save dialog belongs to (null while there is none). */
  window: () => BrowserWindow | null;
}

/** The desk, not yet started. Only after the app is ready: safeStorage reports its backend only then. */
export function createAppDesk({ userData, settings, demoExchange, log, window }: AppDeskOptions): Desk {
  const profiles = new ProfileService({
    location: { dir: userData, name: 'profiles' },
    openStore: openElectronStore,
    cipher: createSafeStorageCipher(),
    log: log.info,
  });
  return new Desk({
    startDemoExchange: (events) => demoExchange.take(events),
    profiles: profilesPort(profiles),
    settings,
    saveFile: (name, contents) => saveWithDialog(window(), name, contents),
    notify: showNotification,
    log: log.warn,
    onTimelineEntry: (entry) => logTimelineEntry(log, entry),
  });
}
