/**
 * The app's settings: a JSON file in the user data folder, written atomically by electron-store in
 * main (`open` is electron/settings/open-electron-store.ts there, which keeps electron-store's own
 * `ipcMain` listener unreachable: issue 14) and by `conf`, its base class, in plain-Node tests.
 * What is read back is validated. A damaged file — not JSON, or values that break the schema —
 * never stops the app: it is set aside unchanged as `settings.corrupt-<time>.json` (as the vault
 * does with the profiles file), the defaults are used, and the desk says so once in the timeline
 * (`takeNotice`).
 */
import type Conf from 'conf';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';
import type { SettingsStore } from '../desk/settings-store';
import { copyAside, isDamagedStoreError, moveAside, type ConfStoreOptions, type OpenConf, type StoreLocation } from '../vault/store-file';

type SettingsDocument = { settings: Settings };

export interface SettingsFileOptions {
  /** The folder of `settings.json` (the app's user data folder). */
  dir: string;
  /** Opens the file: electron-store in main, `conf` (store-file.ts `openConf`) in plain Node. */
  open: OpenConf;
  log: (line: string) => void;
  now?: () => number;
}

/** What the settings file is opened with, whichever store opens it. */
const SETTINGS_STORE_OPTIONS: ConfStoreOptions<SettingsDocument> = {
  defaults: { settings: DEFAULT_SETTINGS },
  // A file that does not parse throws instead of being silently emptied: it is set aside below.
  clearInvalidConfig: false,
  watch: false,
};

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Conf<SettingsDocument>;
  private settings: Settings;
  private notice: string | null = null;

  constructor({ dir, open, log, now = Date.now }: SettingsFileOptions) {
    const location: StoreLocation = { dir, name: 'settings' };
    const openFile = () => open<SettingsDocument>(location, SETTINGS_STORE_OPTIONS);
    let store: Conf<SettingsDocument>;
    try {
      store = openFile();
    } catch (error) {
      if (!isDamagedStoreError(error)) throw error; // unreadable, not damaged: that is a real failure
      const aside = moveAside(location, now());
      this.notice = `The settings file was damaged and was set aside as ${aside}; the default settings are in use.`;
      log(`${this.notice} (${(error as Error).message})`);
      store = openFile();
    }
    this.store = store;
    const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(this.store.get('settings') as object) });
    if (parsed.success) {
      this.settings = parsed.data;
    } else {
      const aside = copyAside(location, now());
      this.notice = `The settings in ${this.store.path} were invalid and were set aside as ${aside}; the default settings are in use.`;
      log(`${this.notice} (${parsed.error.message})`);
      this.settings = DEFAULT_SETTINGS;
      this.store.set('settings', DEFAULT_SETTINGS);
    }
  }

  get(): Settings {
    return this.settings;
  }

  update(patch: Partial<Settings>): Settings {
    this.settings = settingsSchema.parse({ ...this.settings, ...patch });
    this.store.set('settings', this.settings);
    return this.settings;
  }

  takeNotice(): string | null {
    const notice = this.notice;
    this.notice = null;
    return notice;
  }
}
