/**
 * Security canaries in a real browser (DESIGN §7, §9): the built renderer, the real Desk and vault
 * (ProfileService over `conf` in a temp dir, an in-memory test cipher) and the simulator, joined by
 * the test bridge. A distinctive secret is saved through the UI; afterwards it must be found nowhere
 * but in the one saveProfile call that carried it in — not in any other IPC payload in either
 * direction, the DOM, web storage, IndexedDB, the JS heap, the logs, or any file in plaintext; and
 * malformed IPC calls must get an error Result and change nothing. The page's CSP, navigation and
 * window limits: security-csp.spec.ts. The profile dialog's own safeguards: profiles.spec.ts.
 *
 * The fixture (app-fixture.ts) builds the Desk with the vault as main.ts does: `profilesPort(service)`
 * over `conf` in a temp data dir, with an in-memory cipher; `keyStore: 'unavailable'` removes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './app-fixture';
import { filesUnder, heapSnapshot, leaksIn, makeCanary, pageContents } from './security-canary';
import { saveCanaryProfile } from './security-flow';

test('a canary secret saved through the UI is found nowhere but in the one call that carried it in', async ({ app }) => {
  const canary = makeCanary();
  const pageConsole: string[] = [];
  app.page.on('console', (message) => pageConsole.push(`${message.type()}: ${message.text()}`));
  await saveCanaryProfile(app, canary);
  const { bridge, page, dataDir, profiles } = app;

  // IPC: exactly one payload holds it — the saveProfile invoke, renderer → main. Nothing comes back.
  const carrying = bridge.records.filter((record) => leaksIn(JSON.stringify(record.payload), canary).length > 0);
  expect(carrying.map((record) => `${record.direction}:${record.channel}`)).toEqual(['invoke:saveProfile']);
  expect(bridge.records.filter((r) => r.direction === 'result' && r.channel === 'saveProfile')).toHaveLength(1);
  expect(bridge.records.some((r) => r.direction === 'push')).toBe(true);
  expect(bridge.calls('testConnection')).toHaveLength(1);

  // The page, with the menu open on the saved profile: DOM and field values, web storage, cookies, IndexedDB.
  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-row-Canary')).toBeVisible();
  const contents = await pageContents(page);
  expect(leaksIn(JSON.stringify(contents), canary)).toEqual([]);
  expect(contents.dom).toContain('Canary'); // the profile is shown; its secret is not
  await page.keyboard.press('Escape');

  // The JS heap, after garbage collection.
  expect(leaksIn(await heapSnapshot(page), canary)).toEqual([]);

  // Files: the profile is stored, its secret only as ciphertext.
  const files = filesUnder(dataDir);
  expect(files.map(([path]) => path)).toEqual([join(dataDir, 'profiles.json')]);
  for (const [path, text] of files) expect(leaksIn(text, canary), path).toEqual([]);
  const stored = JSON.parse(files[0]![1]) as { profiles: Array<{ name: string; secret: { storage: string } }> };
  expect(stored.profiles).toEqual([expect.objectContaining({ name: 'Canary', secret: expect.objectContaining({ storage: 'os-keystore' }) })]);
  expect(profiles.listProfiles().profiles[0]).toMatchObject({ name: 'Canary', secretStorage: 'os-keystore' });

  // Logs: desk, vault, each IPC call's outcome, the page's console, and the connection timeline the UI shows.
  const timeline = await app.desk.handlers.getTimeline();
  const logText = [...app.logs, ...pageConsole, JSON.stringify(timeline)].join('\n');
  expect(app.logs.some((line) => line.startsWith('profile saved: "Canary"'))).toBe(true);
  expect(app.logs.some((line) => line.includes('"channel":"saveProfile"'))).toBe(true); // the IPC outcome log
  expect(leaksIn(logText, canary)).toEqual([]);

  expect(app.errors).toEqual([]);
});

test('malformed IPC calls get an error Result and change nothing', async ({ app }) => {
  const { page, dataDir, profiles } = app;
  await saveCanaryProfile(app, makeCanary());
  const fileBefore = readFileSync(join(dataDir, 'profiles.json'), 'utf8');
  const listBefore = profiles.listProfiles();
  const connectionBefore = (await app.desk.handlers.getState()).connection;

  const results = await page.evaluate(async () => {
    type Loose = Record<string, (...args: unknown[]) => Promise<unknown>>;
    const api = window.perpdesk as unknown as Loose;
    const raw = (window as unknown as { __perpdeskInvoke: (channel: unknown, args: unknown) => Promise<unknown> }).__perpdeskInvoke;
    return Promise.all([
      api.saveProfile!({ name: 42 }),
      api.saveProfile!(),
      api.saveProfile!({ name: 'X', environment: 'mainnet', keyType: 'HMAC', apiKey: 'A'.repeat(64), secret: 'B'.repeat(20000), customUrls: null, allowPlaintext: false }),
      api.deleteProfile!(123),
      api.deleteProfile!({ id: 'x' }),
      api.activateProfile!(['x']),
      api.testConnection!(),
      api.listProfiles!('extra'),
      raw('saveProfile', 'not an array'),
      raw('__proto__', []),
      raw('constructor', []),
      raw('deleteProfile', [{ toString: null }]),
    ]);
  });
  for (const result of results) {
    expect(result).toEqual({ ok: false, error: { code: expect.stringMatching(/^(invalid-request|unknown-channel)$/) as unknown, message: expect.any(String) as unknown } });
  }
  expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).toBe(fileBefore);
  expect(profiles.listProfiles()).toEqual(listBefore);
  const connectionAfter = (await app.desk.handlers.getState()).connection;
  expect([connectionAfter.environment, connectionAfter.profileName]).toEqual([connectionBefore.environment, connectionBefore.profileName]);
  expect(app.errors).toEqual([]);
});
