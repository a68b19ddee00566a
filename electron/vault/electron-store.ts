/**
 * The app's profiles store: electron-store (through electron/settings/open-electron-store.ts, which
 * keeps electron-store's own `ipcMain` listener unreachable: issue 14), with the profiles file's
 * schema and options (stored-profiles.ts) — the same ones the plain-Node `conf` store uses in tests.
 */
import { openWithElectronStore } from '../settings/open-electron-store';
import { openProfilesStore, type OpenStore } from './store-file';

export const openElectronStore: OpenStore = openProfilesStore(openWithElectronStore);
