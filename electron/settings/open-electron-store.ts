/**
 * How the main process opens its stores (settings, profiles): with electron-store, the product's
 * mandated store, minus the one thing electron-store adds that the app must not have.
 *
 * electron-store's constructor, in main, registers `ipcMain.on('electron-store-get-data')` the first
 * time any store is made (a module-level flag makes later ones skip it). That listener answers
 * *any* renderer's `sendSync` with the app's user data path and version, with no sender check
 * (issue 14). The app never uses electron-store from a renderer (main passes every folder itself),
 * so the listener is removed right after each construction — every time, since it costs nothing
 * and holds even if electron-store were to register it again — and `ElectronStore.initRenderer()`,
 * which would register it for good, is never called. This file is the only place that knows.
 * Adding and removing happen in one synchronous call, so no renderer message can be handled in
 * between, whenever a store is opened (the vault opens its file lazily, after the window exists).
 */
import { ipcMain } from 'electron';
import ElectronStore from 'electron-store';
import type { OpenConf } from '../vault/store-file';

/** The channel electron-store's own data listener uses (electron-store 11, index.js). */
const ELECTRON_STORE_DATA_CHANNEL = 'electron-store-get-data';

/**
 * Opens the store at `location` with electron-store, and leaves no electron-store listener on
 * `ipcMain`, including when the constructor throws (a damaged file): electron-store registers the
 * listener before conf reads the file.
 */
export const openWithElectronStore: OpenConf = ({ dir, name }, options) => {
  try {
    // `cwd` absolute: electron-store uses it as given (a relative one would go under userData).
    return new ElectronStore({ ...options, cwd: dir, name });
  } finally {
    ipcMain.removeAllListeners(ELECTRON_STORE_DATA_CHANNEL);
  }
};
