/**
 * Where the user's choices live between runs. The Desk sees only this interface; the app backs it
 * with electron-store (electron/settings/), tests and the CLI with memory.
 */
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';

export interface SettingsStore {
  get(): Settings;
  /** Merges and persists; returns the new settings. */
  update(patch: Partial<Settings>): Settings;
  /** A problem met while loading (a damaged file set aside), for the timeline; given once, then null. */
  takeNotice?(): string | null;
}

/** Settings held in memory only. */
export class MemorySettingsStore implements SettingsStore {
  private settings: Settings;

  constructor(initial: Partial<Settings> = {}) {
    this.settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...initial });
  }

  get(): Settings {
    return this.settings;
  }

  update(patch: Partial<Settings>): Settings {
    this.settings = settingsSchema.parse({ ...this.settings, ...patch });
    return this.settings;
  }
}
