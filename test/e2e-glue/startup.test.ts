/**
 * Startup failures are visible (issue 12) and the data folder is the OS's in a packaged build
 * (issue 14): a damaged settings file is set aside and said once; an unusable one, or a demo worker
 * that cannot start, gives a native error box naming the log, then the app exits by itself and
 * releases the single-instance lock (the next launch starts normally).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RENDERER_ERROR_CHANNEL } from '../../shared/ipc';
import { projectRoot } from '../support/electron/glue-app';
import { logText, until, useGlueFixture } from './glue-fixture';

const glue = useGlueFixture();

const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A copy of the built app whose demo worker throws as soon as it loads — a build that shipped a
 * broken worker, so the worker's SHA-256 baked into main (the integrity check) is the broken one's:
 * the worker really starts and fails, rather than being refused as tampered.
 */
function buildWithBrokenWorker(): string {
  // Inside the project, so the copy resolves the same node_modules.
  const out = join(projectRoot, 'test-results', 'glue-broken-worker', 'out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const part of ['main', 'preload', 'renderer']) cpSync(join(projectRoot, 'out', part), join(out, part), { recursive: true });
  const worker = join(out, 'main', 'demo-exchange-worker.cjs');
  const shipped = sha256(readFileSync(worker));
  const broken = "throw new Error('glue test: this demo worker is broken');\n";
  writeFileSync(worker, broken);
  let rewritten = 0;
  for (const file of readdirSync(join(out, 'main')).filter((name) => name.endsWith('.js'))) {
    const path = join(out, 'main', file);
    const code = readFileSync(path, 'utf8');
    if (!code.includes(shipped)) continue;
    writeFileSync(path, code.replaceAll(shipped, sha256(broken)));
    rewritten++;
  }
  if (rewritten === 0) throw new Error("the built main bundle does not carry the worker's SHA-256");
  return join(out, 'main', 'main.js');
}

describe('startup', () => {
  test('a window whose first paint never comes is shown anyway, not left hidden with the app running', async () => {
    const app = glue.start({ env: { PERPDESK_STAND_IN_NO_PAINT: '1' } });
    const page = await app.firstPage();
    await page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first().waitFor();
    // No 'ready-to-show' (the stand-in withholds it): main's fallback shows the window by itself.
    await until(() => app.recorded('window-show').length > 0, 'the window to be shown without its first paint');
    expect(app.recorded('window-show')).toHaveLength(1);
  });

  test('a damaged settings file is set aside, the defaults are used, and the timeline says so once', async () => {
    const { userData } = glue.dirs();
    mkdirSync(userData, { recursive: true });
    writeFileSync(join(userData, 'settings.json'), '{"settings": {"alertThresholdPct": ');
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first().waitFor();
    const timeline = await page.evaluate(() => window.perpdesk!.getTimeline());
    if (!timeline.ok) throw new Error(timeline.error.message);
    const notices = timeline.value.filter((entry) => /settings file was damaged/.test(entry.message));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind).toBe('error');
    const aside = readdirSync(userData).filter((name) => /^settings\.corrupt-.*\.json$/.test(name));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(userData, aside[0]!), 'utf8')).toBe('{"settings": {"alertThresholdPct": '); // kept as it was
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toHaveProperty('settings.alertThresholdPct');
    expect(app.recorded('errorBox')).toEqual([]);
    expect(logText(userData)).toMatch(/settings file was damaged/);
    // electron-store registered its data listener before it threw on the damaged file; the listener
    // is gone all the same, and the store reopened on the fresh file added none.
    expect(app.records.filter((record) => record.what === 'ipc-listener' && record.channel === 'electron-store-get-data').map((record) => record.op)).toEqual(['add', 'remove']);
    expect((await app.ipcChannels()).listened).toEqual([RENDERER_ERROR_CHANNEL]);
  });

  test("a settings file that cannot be read at all fails onReady: error box with the log's path, exit 1, lock released", async () => {
    const { userData } = glue.dirs();
    mkdirSync(join(userData, 'settings.json'), { recursive: true }); // a folder where the file should be
    const app = glue.start();
    const exit = await app.waitForExit();
    expect(exit).toEqual({ code: 1, signal: null, appExitCode: 1 });
    const [box] = app.recorded('errorBox');
    expect(box?.title).toBe('PerpDesk could not start');
    expect(box?.content).toMatch(/EISDIR/);
    expect(box?.content).toContain(join(userData, 'logs', 'perpdesk.log'));
    expect(app.windows.size).toBe(0);
    expect(logText(userData)).toMatch(/\[error\]\s+startup failed: .*EISDIR/);
    expect(existsSync(join(userData, 'SingletonLock'))).toBe(false);

    // Repaired, the next launch is the only instance and starts.
    rmSync(join(userData, 'settings.json'), { recursive: true });
    const next = glue.start();
    await next.firstPage();
    expect(next.recorded('singleInstanceLock')).toEqual([{ what: 'singleInstanceLock', owner: true }]);
  });

  test('a demo worker that fails to start is reported in an error box, and the app exits by itself', async () => {
    const main = buildWithBrokenWorker();
    const app = glue.start({ main });
    const exit = await app.waitForExit();
    expect(exit).toEqual({ code: 1, signal: null, appExitCode: 1 });
    const [box] = app.recorded('errorBox');
    expect(box?.title).toBe('PerpDesk could not start');
    expect(box?.content).toMatch(/^The demo exchange could not start: glue test: this demo worker is broken\n/);
    expect(box?.content).toContain(join(glue.dirs().userData, 'logs', 'perpdesk.log'));
    expect(logText(glue.dirs().userData)).toMatch(/\[error\]\s+startup failed: /);
    // The window opens while the desk starts (its page is the slowest part of a start), but is shown
    // only once the desk has started: a failed start shows the error box, never a window, and main
    // closes every window it opened before it exits.
    expect(app.recorded('window-show')).toEqual([]);
    expect(app.recorded('window-close')).toHaveLength(app.recorded('window').length);
  });

  test('a packaged build ignores PERPDESK_USER_DATA: its data stays in the OS folder', async () => {
    const dirs = glue.dirs();
    const app = glue.start({ env: { GLUE_PACKAGED: '1' } });
    const page = await app.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    const osFolder = join(dirs.appData, 'perpdesk');
    expect(existsSync(join(osFolder, 'settings.json'))).toBe(true);
    expect(existsSync(join(osFolder, 'logs', 'perpdesk.log'))).toBe(true);
    expect(existsSync(dirs.userData)).toBe(false);
    // Packaged: no DevTools in the window.
    expect(app.recorded('window')[0]?.options).toMatchObject({ webPreferences: { devTools: false } });
    app.quit();
    expect((await app.waitForExit()).code).toBe(0);
  });

  test("Linux's basic_text safeStorage backend (a hard-coded password) counts as no key store", async () => {
    const app = glue.start({ env: { GLUE_SAFE_STORAGE_BACKEND: 'basic_text' } });
    const page = await app.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    const listed = await page.evaluate(() => window.perpdesk!.listProfiles());
    expect(listed.ok && listed.value.keyStore).toBe(process.platform === 'linux' ? 'unavailable' : 'available');
    expect(app.recorded('window')[0]?.options).toMatchObject({ webPreferences: { devTools: true } }); // unpackaged
  });
});
