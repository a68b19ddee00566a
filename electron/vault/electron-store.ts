/**
 * The app's profiles store: electron-store with the vault's schema and options. electron-store
 * imports `electron` when loaded, so only main.ts imports this file; tests use `openConfStore`,
 * the same `conf` underneath.
 */
import ElectronStore from 'electron-store';
import { wrapConf, type OpenStore } from './store-file';
import { PROFILES_STORE_OPTIONS, type StoredDocument } from './stored-profiles';

export const openElectronStore: OpenStore = ({ dir, name }) =>
  wrapConf(new ElectronStore<StoredDocument>({ cwd: dir, name, ...PROFILES_STORE_OPTIONS }));
