/**
 * The canary secret in the real app (issue 6): Electron launched by Playwright against a simulator
 * on 127.0.0.1, with a temporary data directory (PERPDESK_USER_DATA). A distinctive secret is saved
 * through the profile dialog, tested, used and left; afterwards it must be found — as text, hex,
 * base64, URL-encoded or UTF-16 — nowhere but in the one saveProfile call that carried it in: not in
 * any other IPC payload in either direction (recorded in main by ipc-recorder.ts), the DOM, web
 * storage, IndexedDB, the logs or the app's console output, or any file under the data directory.
 *
 * Where the OS offers no key store (Linux without Secret Service or KWallet), the app must warn and
 * refuse the secret — in the dialog and in main — until the user opts into plaintext; then the
 * secret may be in exactly one place on disk: the `plaintext` field of the owner-only profiles file.
 *
 * The same helpers as the browser canary (test/e2e-browser/security-canary.ts, security-flow.ts).
 * Limits: Chromium's LevelDB may compress older web storage tables (snappy), which a byte search
 * cannot see through; the page-side check reads web storage directly for that reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startSimulator } from '../../electron/simulator';
import { filesUnder, leaksIn, makeCanary, pageContents } from '../e2e-browser/security-canary';
import { fillCanaryProfile, saveTestUseAndLeave } from '../e2e-browser/security-flow';
import { electronBinaryOrSkip, projectRoot } from './electron-guard';
import { ipcRecords, ipcRecorderArgs } from './ipc-recorder';

const binary = electronBinaryOrSkip('canary.spec.ts');

interface StoredFile {
  profiles: Array<{ name: string; secret: { storage: string; plaintext?: string; ciphertext?: string } }>;
}

test('a canary secret saved through the real app is found nowhere but where it must be', async () => {
  test.setTimeout(180_000);
  const userData = mkdtempSync(join(tmpdir(), 'perpdesk-e2e-canary-'));
  const hookDir = mkdtempSync(join(tmpdir(), 'perpdesk-e2e-hook-')); // outside the data directory
  const simulator = await startSimulator({ seed: 11 });
  const canary = makeCanary();
  const consoleOutput: string[] = [];
  const app = await electron.launch({
    executablePath: binary!,
    args: [...ipcRecorderArgs(hookDir), projectRoot],
    env: { ...process.env, PERPDESK_USER_DATA: userData },
  });
  app.process().stdout?.on('data', (chunk: Buffer) => consoleOutput.push(chunk.toString('utf8')));
  app.process().stderr?.on('data', (chunk: Buffer) => consoleOutput.push(chunk.toString('utf8')));
  let keyStore: 'available' | 'unavailable' = 'available';
  let logsDir = '';
  try {
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await expect(page).toHaveURL('app://perpdesk/index.html');
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    logsDir = await app.evaluate(({ app: electronApp }) => electronApp.getPath('logs'));

    // The app's own answer: does this machine have a key store it trusts?
    const listed = await page.evaluate(() => window.perpdesk!.listProfiles());
    if (!listed.ok) throw new Error(`listProfiles failed: ${listed.error.message}`);
    keyStore = listed.value.keyStore;
    console.log(`e2e-electron canary: the OS key store is ${keyStore} on this machine`);

    await fillCanaryProfile({ page, simulator }, canary);
    const dialog = page.getByTestId('profile-dialog');
    if (keyStore === 'unavailable') {
      // The warning names the risk; without the opt-in the dialog refuses before sending anything…
      await expect(dialog.getByTestId('plaintext-warning')).toContainText('any program running as you can read');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(dialog.getByTestId('error-plaintext')).toBeVisible();
      // …and main refuses on its own too (another secret: the canary must cross the boundary once).
      const refused = await page.evaluate(
        (urls) =>
          window.perpdesk!.saveProfile({
            name: 'Refused',
            environment: 'custom',
            keyType: 'HMAC',
            apiKey: 'A'.repeat(64),
            secret: 'S'.repeat(64),
            customUrls: urls,
            allowPlaintext: false,
          }),
        simulator.urls,
      );
      expect(refused).toEqual({ ok: false, error: { code: 'no-keystore', message: expect.stringMatching(/unencrypted/) as unknown } });
      const after = await page.evaluate(() => window.perpdesk!.listProfiles());
      expect(after.ok && after.value.profiles).toEqual([]);
      // With the explicit opt-in it is saved, and says so.
      await dialog.getByRole('checkbox', { name: /Store the secret unencrypted/ }).check();
      await saveTestUseAndLeave({ page, simulator }, /secret stored unencrypted/);
    } else {
      await expect(dialog.getByTestId('plaintext-warning')).toHaveCount(0);
      await saveTestUseAndLeave({ page, simulator });
    }

    // The page, with the menu open on the saved profile: DOM and field values, web storage, IndexedDB.
    await page.getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-row-Canary')).toBeVisible();
    const contents = await pageContents(page);
    expect(contents.dom).toContain('Canary');
    expect(leaksIn(JSON.stringify(contents), canary)).toEqual([]);
    await page.keyboard.press('Escape');

    // IPC, both directions: only the saveProfile invoke carried it; pushes and results never.
    const records = await ipcRecords(app);
    const carrying = records.filter((record) => leaksIn(record.payload, canary).length > 0);
    expect(carrying.map((record) => `${record.direction} ${record.channel}`)).toEqual(['invoke perpdesk:invoke:saveProfile']);
    expect(records.some((record) => record.direction === 'push')).toBe(true);
    expect(records.filter((record) => record.direction === 'invoke' && record.channel === 'perpdesk:invoke:testConnection')).toHaveLength(1);
    expect(errors).toEqual([]);
  } finally {
    await app.close();
    await simulator.close();
  }

  try {
    // Files, read once the app has exited and flushed everything: the whole data directory.
    const files = filesUnder(userData);
    const profilesFile = join(userData, 'profiles.json');
    const stored = JSON.parse(readFileSync(profilesFile, 'utf8')) as StoredFile;
    expect(stored.profiles.map((profile) => profile.name)).toEqual(['Canary']);
    const [secret] = stored.profiles.map((profile) => profile.secret);
    if (keyStore === 'unavailable') {
      // The one place the user accepted: the marked plaintext field of the owner-only profiles file.
      expect(secret).toEqual({ storage: 'plaintext-opt-in', plaintext: canary });
      if (process.platform !== 'win32') expect(statSync(profilesFile).mode & 0o777).toBe(0o600);
    } else {
      expect(secret).toMatchObject({ storage: 'os-keystore', ciphertext: expect.any(String) });
    }
    const elsewhere = files.filter(([path]) => path !== profilesFile);
    expect(elsewhere.length).toBeGreaterThan(0); // Chromium's own files are there too, and searched
    for (const [path, text] of keyStore === 'unavailable' ? elsewhere : files) expect(leaksIn(text, canary), path).toEqual([]);

    // Logs: the app's log file (inside the data directory on Linux and Windows, ~/Library/Logs on macOS) and its console.
    const logFiles = existsSync(logsDir) ? filesUnder(logsDir).filter(([path]) => basename(path).startsWith('perpdesk')) : [];
    const logText = [...logFiles.map(([, text]) => text), ...consoleOutput].join('\n');
    expect(logText).toContain('profile saved: "Canary"');
    expect(leaksIn(logText, canary)).toEqual([]);
  } finally {
    rmSync(userData, { recursive: true, force: true });
    rmSync(hookDir, { recursive: true, force: true });
  }
});
