/**
 * The app's settings: a JSON file in the user data folder, written atomically (`conf`, the store
 * electron-store wraps; used directly because electron-store registers an unchecked `ipcMain`
 * listener of its own: issue 14). What is read back is validated. A damaged file — not JSON, or
 * values that break the schema — never stops the app: it is set aside unchanged as
 * `settings.corrupt-<time>.json` (as the vault does with the profiles file), the defaults are used,
 * and the desk says so once in the timeline (`takeNotice`).
 */
import Conf from 'conf';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';
import type { SettingsStore } from '../desk/settings-store';
import { copyAside, isDamagedStoreError, moveAside, type StoreLocation } from '../vault/store-file';

type SettingsDocument = { settings: Settings };

export interface SettingsFileOptions {
  /** The folder of `settings.json` (the app's user data folder). */
  dir: string;
  log: (line: string) => void;
  now?: () => number;
}

function openConf(location: StoreLocation): Conf<SettingsDocument> {
  return new Conf<SettingsDocument>({
    cwd: location.dir,
    configName: location.name,
    defaults: { settings: DEFAULT_SETTINGS },
    clearInvalidConfig: false,
    watch: false,
  });
}

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Conf<SettingsDocument>;
  private settings: Settings;
  private notice: string | null = null;

  constructor({ dir, log, now = Date.now }: SettingsFileOptions) {
    const location = { dir, name: 'settings' };
    let store: Conf<SettingsDocument>;
    try {
      store = openConf(location);
    } catch (error) {
      if (!isDamagedStoreError(error)) throw error; // unreadable, not damaged: that is a real failure
      const aside = moveAside(location, now());
      this.notice = `The settings file was damaged and was set aside as ${aside}; the default settings are in use.`;
      log(`${this.notice} (${(error as Error).message})`);
      store = openConf(location);
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
