/**
 * The app's profiles store. It used to be electron-store, which registers its own `ipcMain`
 * listener (`electron-store-get-data`, answering any renderer with the app's paths, unchecked:
 * issue 14) as soon as it is constructed in main. The app needs none of what that wrapper adds
 * (main passes the folder itself), so it uses `conf`, the store underneath, exactly as the vault's
 * tests do: one store, one set of options (store-file.ts).
 */
import { openConfStore, type OpenStore } from './store-file';

export const openElectronStore: OpenStore = openConfStore;
