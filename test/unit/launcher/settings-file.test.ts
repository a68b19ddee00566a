/**
 * The app's settings file (electron/settings/electron-settings-store.ts): a damaged or invalid file
 * never stops the app; it is set aside unchanged, the defaults are used, and one notice says so.
 * Opened with `conf` here (plain Node); main opens it with electron-store, the same class underneath.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ElectronSettingsStore } from '../../../electron/settings/electron-settings-store';
import { openConf } from '../../../electron/vault/store-file';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'perpdesk-settings-'));
}

const asides = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('settings.corrupt-'));

describe('settings file', () => {
  it('persists updates across opens', () => {
    const dir = folder();
    const lines: string[] = [];
    new ElectronSettingsStore({ dir, open: openConf, log: (line) => lines.push(line) }).update({ alertThresholdPct: 7 });
    const reopened = new ElectronSettingsStore({ dir, open: openConf, log: (line) => lines.push(line) });
    expect(reopened.get().alertThresholdPct).toBe(7);
    expect(reopened.takeNotice()).toBeNull();
    expect(lines).toEqual([]);
  });

  it('sets a file that is not JSON aside, uses the defaults, and gives the notice once', () => {
    const dir = folder();
    writeFileSync(join(dir, 'settings.json'), '{"settings": ');
    const lines: string[] = [];
    const store = new ElectronSettingsStore({ dir, open: openConf, log: (line) => lines.push(line), now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(asides(dir)).toEqual(['settings.corrupt-2026-01-02T03-04-05-000Z.json']);
    expect(readFileSync(join(dir, asides(dir)[0]!), 'utf8')).toBe('{"settings": ');
    expect(store.takeNotice()).toMatch(/^The settings file was damaged and was set aside as .*settings\.corrupt-2026-01-02T03-04-05-000Z\.json; the default settings are in use\.$/);
    expect(store.takeNotice()).toBeNull();
    expect(lines).toHaveLength(1);
  });

  it('sets a copy of a file with invalid values aside before writing the defaults', () => {
    const dir = folder();
    const invalid = JSON.stringify({ settings: { alertThresholdPct: 'lots', columns: { order: [], hidden: [] }, selectedSymbol: null } });
    writeFileSync(join(dir, 'settings.json'), invalid);
    const store = new ElectronSettingsStore({ dir, open: openConf, log: () => {} });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(readFileSync(join(dir, asides(dir)[0]!), 'utf8')).toBe(invalid);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ settings: DEFAULT_SETTINGS });
    expect(store.takeNotice()).toMatch(/were invalid and were set aside/);
  });

  it('fails loudly on a file that cannot be read (not damaged: nothing is moved)', () => {
    const dir = folder();
    mkdirSync(join(dir, 'settings.json'));
    expect(() => new ElectronSettingsStore({ dir, open: openConf, log: () => {} })).toThrow(/EISDIR/);
    expect(asides(dir)).toEqual([]);
  });
});
