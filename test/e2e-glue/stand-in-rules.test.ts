/**
 * The stand-in enforces Electron's documented rules (DESIGN §9.5), so the glue tests would catch an
 * ordering mistake in main.ts or a preload that cannot load in a sandbox: small main scripts
 * (./fixtures) break each rule on purpose, and the stand-in refuses and records each break.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { until, useGlueFixture } from './glue-fixture';

const glue = useGlueFixture();
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

describe('the electron stand-in enforces Electron’s rules', () => {
  test('windows, sessions, protocol handlers and safeStorage only after ready; schemes and the sandbox switch only before', async () => {
    const app = glue.start({ main: fixture('out-of-order-main.mjs') });
    const exit = await app.waitForExit();
    expect(exit.code).toBe(0);
    const outcomes = JSON.parse(app.output.join('').split('\n').find((line) => line.startsWith('{'))!) as Record<string, string>;
    expect(outcomes).toEqual({
      windowBeforeReady: '[electron stand-in] new BrowserWindow() can only be used after the app is ready',
      sessionBeforeReady: '[electron stand-in] session.defaultSession can only be used after the app is ready',
      safeStorageBeforeReady: '[electron stand-in] safeStorage.isEncryptionAvailable() can only be used after the app is ready',
      handleBeforeReady: '[electron stand-in] session.defaultSession can only be used after the app is ready',
      schemesBeforeReady: 'allowed',
      schemesAfterReady: '[electron stand-in] protocol.registerSchemesAsPrivileged() must be called before the app is ready',
      sandboxAfterReady: '[electron stand-in] app.enableSandbox() must be called before the app is ready',
      safeStorageAfterReady: 'allowed',
      relativePreload: '[electron stand-in] webPreferences.preload must be an absolute path to an existing file, got preload.cjs',
    });
    expect(app.violations).toHaveLength(7);
  });

  test('every ipcMain listener added or removed is recorded, in order, with what is left on its channel', async () => {
    const app = glue.start({ main: fixture('ipc-listeners-main.mjs') });
    expect((await app.waitForExit()).code).toBe(0);
    const changes = app.recorded('ipc-listener').map(({ op, channel, count }) => `${String(op)} ${String(channel)} ${String(count)}`);
    expect(changes).toEqual(['add one 1', 'add one 2', 'remove one 1', 'add two 1', 'remove two 0', 'add three 1', 'remove one 0', 'remove three 0']);
    expect(app.violations).toEqual([]);
  });

  test('a sandboxed preload gets the context bridge and nothing it may not require', async () => {
    const good = glue.start({ main: fixture('preload-main.mjs'), env: { FIXTURE_PRELOAD: fixture('preload-bridge.js') } });
    const page = await good.firstPage();
    expect(await page.evaluate(() => (window as unknown as { fixture: { answer: number } }).fixture.answer)).toBe(42);
    expect(page.url()).toBe('http://fixture.localhost/index.html');
    expect(good.violations).toEqual([]);
    await good.dispose();

    const requiresFs = glue.start({ main: fixture('preload-main.mjs'), env: { FIXTURE_PRELOAD: fixture('preload-requires-fs.js') } });
    const fsPage = await requiresFs.firstPage();
    await until(() => requiresFs.violations.some((message) => message.includes('module not found: fs')), 'the refused require');
    expect(await fsPage.evaluate(() => 'fixture' in window)).toBe(false);
  });

  test('a preload that is an ES module, or a bridge without context isolation, is refused', async () => {
    const esm = glue.start({ main: fixture('preload-main.mjs'), env: { FIXTURE_PRELOAD: fixture('preload-esm.mjs') } });
    await until(() => esm.violations.some((message) => /is not a CommonJS script/.test(message)), 'the refused ES module preload');
    await esm.dispose();

    const unisolated = glue.start({ main: fixture('preload-main.mjs'), env: { FIXTURE_PRELOAD: fixture('preload-bridge.js'), FIXTURE_ISOLATION: 'off' } });
    await unisolated.firstPage();
    await until(() => unisolated.violations.some((message) => /contextBridge API can only be used when contextIsolation is enabled/.test(message)), 'the refused bridge');
  });
});
