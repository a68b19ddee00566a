/**
 * Security canaries in a real browser (DESIGN §7, §10): the built renderer, the real Desk and vault
 * (ProfileService over `conf` in a temp dir, an in-memory test cipher) and the simulator, joined by
 * the test bridge. A distinctive secret is saved through the UI; afterwards it must be found nowhere
 * but in the one saveProfile call that carried it in — not in any other IPC payload in either
 * direction, the DOM, web storage, IndexedDB, the JS heap, the logs, or any file in plaintext. The
 * page's CSP must block every network request, the app must never open windows or navigate, and
 * malformed IPC calls must get an error Result and change nothing.
 *
 * The fixture (app-fixture.ts) builds the Desk with the vault as main.ts does: `profilesPort(service)`
 * over `conf` in a temp data dir, with an in-memory cipher; `keyStore: 'unavailable'` removes it.
 */
import type { Page } from '@playwright/test';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type AppUnderTest } from './app-fixture';

const screenshots = 'test-results/screenshots';

/** The CSP tests provoke these console errors on purpose; anything else still fails the test. */
function consumeCspErrors(app: AppUnderTest): string[] {
  const csp = app.errors.filter((error) => /Content Security Policy/.test(error));
  app.errors.splice(0, app.errors.length, ...app.errors.filter((error) => !/Content Security Policy/.test(error)));
  return csp;
}

// --- The canary --------------------------------------------------------------------------------

/** A secret nobody else would write: it passes the HMAC checks, and is unmistakable when found. */
function makeCanary(): string {
  return `PDCANARY${randomBytes(24).toString('hex')}Zq9`;
}

/** Every form a leaked secret could take in text. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    encodeURIComponent(secret),
    // A fragment too, in case something truncates or wraps it.
    secret.slice(8, 40),
  ];
}

function leaksIn(text: string, secret: string): string[] {
  return forms(secret).filter((form) => text.includes(form));
}

/** Every file under `dir`, with its contents as UTF-8. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir).flatMap((name): Array<[string, string]> => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [[path, readFileSync(path, 'utf8')]];
  });
}

/** What the page holds: DOM (with live field values), web storage, cookies and IndexedDB. */
async function pageContents(page: Page) {
  return page.evaluate(async () => {
    const fieldValues = [...document.querySelectorAll('input, textarea, select')].map(
      (element) => (element as HTMLInputElement).value,
    );
    const dump = (storage: Storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]));
    const databases: Record<string, unknown[]> = {};
    for (const info of await indexedDB.databases()) {
      if (info.name === undefined) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
      });
      for (const store of db.objectStoreNames) {
        databases[`${info.name}/${store}`] = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
      }
      db.close();
    }
    return {
      dom: document.documentElement.outerHTML,
      fieldValues,
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      cookies: document.cookie,
      indexedDB: databases,
    };
  });
}

/** The page's JS heap after a full GC, as the text of a heap snapshot. */
async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}

// --- The flow ------------------------------------------------------------------------------------

async function saveCanaryProfile(app: AppUnderTest, canary: string): Promise<void> {
  const { page, simulator } = app;
  const oneway = simulator.accounts.find((account) => account.name === 'oneway')!;
  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-menu')).toBeVisible();
  await page.getByRole('button', { name: 'Add API key…' }).click();
  const dialog = page.getByTestId('profile-dialog');
  await expect(dialog).toHaveAccessibleName('Add an API key');
  await dialog.getByLabel('Profile name').fill('Canary');
  await dialog.getByLabel('Exchange').selectOption('custom');
  await dialog.getByLabel('WebSocket API URL').fill(simulator.urls.wsApi);
  await dialog.getByLabel('Market stream URL').fill(simulator.urls.market);
  await dialog.getByLabel('User data stream URL').fill(simulator.urls.private);
  await dialog.getByLabel('REST URL').fill(simulator.urls.rest);
  await dialog.getByRole('radio', { name: /^HMAC/ }).check();
  // The simulator's real key with the canary as its secret: every signature will be refused.
  await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(oneway.apiKey);
  await dialog.getByLabel('API secret').fill(canary);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('profile-saved')).toContainText('Saved Canary');
  await expect(dialog).toHaveAccessibleName('Edit Canary');
  await expect(dialog.getByLabel('API secret')).toHaveValue('');
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/profile-saved.png` });

  // One signed request with the canary: the simulator refuses the signature, in plain words.
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('test-result')).toHaveText(
    'The exchange rejected the request signature: check the API secret and the key type.',
  );
  // Use it: the desk connects with it, fails authentication, and says so.
  await dialog.getByRole('button', { name: 'Use this profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'auth-failed');
  await expect(page.getByTestId('profile-button')).toContainText('Canary');

  // Back to demo through the menu.
  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-row-Canary')).toContainText(`key …${oneway.apiKey.slice(-4)}`);
  await page.screenshot({ path: `${screenshots}/profile-menu.png` });
  await page.getByRole('button', { name: 'Back to demo' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('profile-button')).toContainText('Demo');
}

// --- Tests ---------------------------------------------------------------------------------------

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

test('the renderer cannot reach the network: fetch and WebSocket are blocked by the CSP', async ({ app }) => {
  const { page, simulator } = app;
  const rest = `${simulator.urls.rest}/fapi/v1/time`;
  const outcome = await page.evaluate(
    async ({ rest, ws }) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
      const attempt = async (run: () => Promise<unknown>) => {
        try {
          await run();
          return 'reached';
        } catch (error) {
          return `blocked: ${(error as Error).name}`;
        }
      };
      const results = {
        example: await attempt(() => fetch('https://example.com/')),
        simulator: await attempt(() => fetch(rest)),
        websocket: await attempt(
          () =>
            new Promise((resolve, reject) => {
              const socket = new WebSocket(ws);
              socket.onopen = resolve;
              socket.onerror = () => reject(new Error('websocket failed'));
            }),
        ),
      };
      navigator.sendBeacon('https://example.com/beacon', 'x'); // queued; the CSP stops it before it leaves
      await new Promise((resolve) => setTimeout(resolve, 100)); // violation events are dispatched asynchronously
      return { results, violations };
    },
    { rest, ws: simulator.urls.market },
  );
  expect(outcome.results).toEqual({
    example: 'blocked: TypeError',
    simulator: 'blocked: TypeError',
    websocket: expect.stringMatching(/^blocked/) as unknown,
  });
  // Proof that the CSP did it (the simulator is reachable from this machine), not the network.
  expect(outcome.violations).toEqual(
    expect.arrayContaining([
      'connect-src https://example.com/',
      `connect-src ${rest}`,
      expect.stringMatching(/^connect-src ws:\/\/127\.0\.0\.1/),
      'connect-src https://example.com/beacon',
    ]),
  );
  expect(consumeCspErrors(app).length).toBeGreaterThanOrEqual(3);
  expect(app.errors).toEqual([]);
});

test('no window.open, no navigation: the app never does it, and the CSP blocks forms, frames and <base>', async ({ app }) => {
  const { page } = app;
  const appUrl = page.url();
  await page.evaluate(() => {
    const host = window as unknown as { __opened: string[] };
    host.__opened = [];
    window.open = (url?: string | URL) => {
      host.__opened.push(String(url));
      return null;
    };
  });
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));

  // The whole profile flow, including pressing Enter in the form.
  await saveCanaryProfile(app, makeCanary());
  await page.getByTestId('profile-button').click();
  await page.getByRole('button', { name: 'Edit Canary' }).click();
  await page.getByRole('dialog').getByLabel('Profile name').press('Enter');
  await expect(page.getByRole('dialog').getByTestId('error-apiKey')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Edit Canary' })).toBeHidden();

  expect(await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual([]);
  expect(await page.locator('a[href], form[action], iframe, webview').count()).toBe(0);

  // What the page could be tricked into: each blocked by the CSP, the page stays where it is.
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.effectiveDirective));
    const form = document.createElement('form');
    form.action = 'https://example.com/steal';
    form.method = 'post';
    document.body.append(form);
    form.submit();
    const frame = document.createElement('iframe');
    frame.src = 'https://example.com/';
    document.body.append(frame);
    const base = document.createElement('base');
    base.href = 'https://example.com/';
    document.head.append(base);
    const image = new Image();
    image.src = 'https://example.com/pixel.png';
    // Reports arrive asynchronously (the form's only once its navigation is attempted): wait for them.
    const expected = ['form-action', 'frame-src', 'base-uri', 'img-src'];
    for (let waited = 0; waited < 5_000 && !expected.every((directive) => seen.includes(directive)); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    form.remove();
    frame.remove();
    base.remove();
    return { seen, baseURI: document.baseURI };
  });
  expect(violations.seen).toEqual(expect.arrayContaining(['form-action', 'frame-src', 'base-uri', 'img-src']));
  expect(violations.baseURI).toBe(appUrl);
  expect(page.url()).toBe(appUrl);
  expect(navigations).toEqual([]);
  expect(popups).toEqual([]);
  expect(consumeCspErrors(app).length).toBeGreaterThanOrEqual(1);
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

// --- The profile UI's own safeguards ------------------------------------------------------------

test.describe('without an OS key store', () => {
  test.use({ keyStore: 'unavailable' });

  test('the dialog warns, refuses without the explicit opt-in, and marks the profile unencrypted', async ({ app }) => {
    const { page } = app;
    await page.getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-menu')).toContainText('No OS key store');
    await page.getByRole('button', { name: 'Add API key…' }).click();
    const dialog = page.getByTestId('profile-dialog');
    await expect(dialog.getByTestId('plaintext-warning')).toContainText('any program running as you can read');
    await dialog.getByLabel('Profile name').fill('Plain');
    await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill('K'.repeat(64));
    await dialog.getByLabel('API secret').fill('S'.repeat(64));
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByTestId('error-plaintext')).toBeVisible();
    expect(app.bridge.calls('saveProfile')).toEqual([]);

    await dialog.getByRole('checkbox', { name: /Store the secret unencrypted/ }).check();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByTestId('profile-saved')).toContainText('secret stored unencrypted');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('profile-button')).toBeFocused();
    await page.getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-row-Plain')).toContainText('unencrypted');
    expect(app.profiles.listProfiles().profiles[0]).toMatchObject({ name: 'Plain', secretStorage: 'plaintext-opt-in' });
    expect(app.errors).toEqual([]);
  });
});

test('a PEM chosen from a file: a key of the wrong type is refused inline, the right one saved and cleared', async ({ app }) => {
  const { page } = app;
  const pem = (type: 'ed25519' | 'rsa') =>
    Buffer.from(
      (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519')).privateKey
        .export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    );
  await page.getByTestId('profile-button').click();
  await page.getByRole('button', { name: 'Add API key…' }).click();
  const dialog = page.getByTestId('profile-dialog');
  await dialog.getByLabel('Profile name').fill('Ed key');
  await dialog.getByRole('radio', { name: /^Ed25519/ }).check();
  await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill('E'.repeat(64));
  const secret = dialog.getByLabel('Private key (PEM)');
  await dialog.getByLabel('Choose key file…').setInputFiles({ name: 'rsa.pem', mimeType: 'text/plain', buffer: pem('rsa') });
  await expect(dialog.getByText('Loaded rsa.pem.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('error-secret')).toHaveText(/This is an RSA key, not an Ed25519 key/);
  await expect(secret).toHaveAttribute('aria-invalid', 'true');
  await expect(secret).toBeFocused();

  await dialog.getByLabel('Choose key file…').setInputFiles({ name: 'ed.pem', mimeType: 'text/plain', buffer: pem('ed25519') });
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('profile-saved')).toContainText('Saved Ed key');
  await expect(secret).toHaveValue('');
  expect(app.profiles.listProfiles().profiles).toEqual([expect.objectContaining({ name: 'Ed key', keyType: 'ED25519' })]);
  expect(app.errors).toEqual([]);
});
