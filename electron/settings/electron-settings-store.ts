/**
 * The app's settings in electron-store (a JSON file in the user data folder, written atomically).
 * What is read back is validated: a file edited by hand or damaged is set aside, reported, and the
 * defaults are used instead of half-valid values.
 */
import Store from 'electron-store';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';
import type { SettingsStore } from '../desk/settings-store';

export class ElectronSettingsStore implements SettingsStore {
  private readonly store = new Store<{ settings: Settings }>({
    name: 'settings',
    defaults: { settings: DEFAULT_SETTINGS },
    clearInvalidConfig: false,
  });
  private settings: Settings;

  constructor(log: (line: string) => void) {
    const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(this.store.get('settings') as object) });
    if (parsed.success) {
      this.settings = parsed.data;
    } else {
      log(`settings in ${this.store.path} are invalid and were replaced by the defaults: ${parsed.error.message}`);
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
}
