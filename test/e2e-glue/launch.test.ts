/**
 * The built app starts for real (issue 12): out/main/main.js under the electron stand-in, its window
 * a real Chromium page served by the app's own protocol handler (CSP as sent), the built preload
 * bridging IPC with the real sender frame.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ALERT_THRESHOLD_MAX_PCT } from '../../shared/ui-constants';
import { invokeChannelName, invokeChannels, RENDERER_ERROR_CHANNEL } from '../../shared/ipc';
import { logText, until, useGlueFixture } from './glue-fixture';

const glue = useGlueFixture();

describe('the app under the electron stand-in', () => {
  test('launch → live demo positions on screen, from a window locked down as main asked', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.getByTestId('demo-badge').waitFor();
    const rows = page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]');
    await rows.first().waitFor();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-row-key] [data-col="mark"]')?.textContent ?? ''));
    expect(await rows.count()).toBeGreaterThan(0);
    // The page is the app's own origin, and has no Node.
    expect(page.url()).toBe('http://perpdesk.localhost/index.html');
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');

    // What main asked of Electron, as recorded by the stand-in.
    const [window] = app.recorded('window');
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false },
    });
    expect(app.recorded('enableSandbox')).toHaveLength(1);
    expect(app.recorded('privilegedSchemes')[0]?.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const session = await app.sessionState();
    expect(session.hooks).toEqual({ permissionRequest: true, permissionCheck: true, devicePermission: true, headersReceived: true });
    expect(session.permissionCheck).toBe(false);
    expect(app.recorded('windowOpenHandler')).toHaveLength(1);
    // Exactly the app's own IPC: electron-store (issue 14) or anything else adds no listener.
    expect(await app.ipcChannels()).toEqual({ handled: invokeChannels.map(invokeChannelName), listened: [RENDERER_ERROR_CHANNEL] });
    // And electron-store really is the store: its constructor registered its data listener (plain
    // conf registers nothing), once, and main took it away at once, before any window existed.
    const storeListener = app.records.filter((record) => record.what === 'ipc-listener' && record.channel === 'electron-store-get-data');
    expect(storeListener).toEqual([
      { what: 'ipc-listener', op: 'add', channel: 'electron-store-get-data', count: 1 },
      { what: 'ipc-listener', op: 'remove', channel: 'electron-store-get-data', count: 0 },
    ]);
    const firstWindow = app.records.findIndex((record) => record.what === 'window');
    expect(firstWindow).toBeGreaterThan(-1);
    expect(app.records.indexOf(storeListener[1]!)).toBeLessThan(firstWindow);
    // Both stores' files are where main put them; the profiles file for its owner only.
    const userData = glue.dirs().userData;
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toHaveProperty('settings');
    expect(JSON.parse(readFileSync(join(userData, 'profiles.json'), 'utf8'))).toMatchObject({ profiles: [] });
    if (process.platform !== 'win32') expect(statSync(join(userData, 'profiles.json')).mode & 0o777).toBe(0o600);
    expect(app.violations).toEqual([]);
    expect(app.hostErrors).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the page cannot fetch or load anything from the network: the CSP from the protocol handler holds', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    const outcomes = await page.evaluate(async () => {
      const attempt = (url: string) =>
        fetch(url).then(
          () => 'reached',
          (error: unknown) => `blocked: ${String(error)}`,
        );
      const image = await new Promise<string>((resolve) => {
        const element = new Image();
        element.onload = () => resolve('reached');
        element.onerror = () => resolve('blocked');
        element.src = 'http://127.0.0.1:9/pixel.png';
      });
      return { remote: await attempt('http://127.0.0.1:9/'), sameOrigin: await attempt('/index.html'), image };
    });
    expect(outcomes.remote).toMatch(/^blocked/);
    expect(outcomes.sameOrigin).toMatch(/^blocked/); // connect-src 'none': not even the app's own files
    expect(outcomes.image).toBe('blocked');
    expect(app.escapes).toEqual([]); // nothing got past the CSP to the network layer
    await until(() => violations.length >= 2, 'the CSP violations in the console');
    expect(violations.join('\n')).toMatch(/connect-src 'none'/);
  });

  test('the sender check accepts the window and refuses another page and a foreign frame', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    const accepted = await page.evaluate(() => window.perpdesk!.getTimeline());
    expect(accepted.ok).toBe(true);

    // The app's page at another URL than the entry page (app://perpdesk/ serves index.html too).
    const [hosted] = app.windows.values();
    await hosted!.navigate('http://perpdesk.localhost/');
    const otherPage = await page.evaluate(() => window.perpdesk!.getTimeline());
    expect(otherPage).toEqual({ ok: false, error: { code: 'forbidden', message: 'This request did not come from the PerpDesk window.' } });

    // A foreign page framing the app's own page: the frame shows app://perpdesk/index.html but is not the main frame.
    await page.route('http://foreign.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<iframe src="http://perpdesk.localhost/index.html"></iframe>' }),
    );
    await hosted!.navigate('http://foreign.test/');
    await until(() => page.frames().some((frame) => frame.url() === 'http://perpdesk.localhost/index.html'), 'the framed app page');
    const framed = page.frames().find((frame) => frame.url() === 'http://perpdesk.localhost/index.html')!;
    const call = (channel: string) =>
      (window as unknown as { __perpdeskStandInIpc: (call: unknown) => Promise<unknown> }).__perpdeskStandInIpc({ kind: 'invoke', channel, args: [] });
    const fromFrame = await framed.evaluate(call, invokeChannelName('getTimeline'));
    expect(fromFrame).toMatchObject({ ok: true, value: { ok: false, error: { code: 'forbidden' } } });
    // The foreign page itself got the preload (Electron runs it in whatever the window shows): refused too.
    const fromForeign = await page.evaluate(() => window.perpdesk!.getTimeline());
    expect(fromForeign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await until(() => (logText(glue.dirs().userData).match(/ipc getTimeline rejected: untrusted sender/g) ?? []).length >= 3, 'three refusals in the log');
  });

  test('the page cannot navigate away or open windows: main cancels both', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    const [hosted] = app.windows.values();
    await page.evaluate(() => {
      location.href = 'http://perpdesk.localhost/';
    });
    await until(() => hosted!.events.some((event) => event.what === 'navigation-blocked'), 'the blocked navigation');
    await page.evaluate(() => {
      window.open('http://perpdesk.localhost/index.html');
    });
    await until(() => hosted!.events.some((event) => event.what === 'window-open-deny'), 'the denied window');
    expect(page.url()).toBe('http://perpdesk.localhost/index.html');
    expect(await page.evaluate(() => window.perpdesk!.getTimeline().then((result) => result.ok))).toBe(true);
    expect(page.context().pages()).toEqual([page]);
  });

  test('desktop services: a CSV export through the save dialog, owner-only; alerts as native notifications', async () => {
    const target = join(glue.dirs().root, 'positions.csv');
    const app = glue.start({ saveDialog: () => target });
    const page = await app.firstPage();
    await page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first().waitFor();
    const exported = await page.evaluate(() => window.perpdesk!.exportCsv());
    expect(exported).toEqual({ ok: true, value: target });
    expect(readFileSync(target, 'utf8').split('\n')[0]).toMatch(/symbol/i);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    // The widest threshold puts the demo positions within reach of liquidation: alerts, and their notifications.
    const set = await page.evaluate((pct) => window.perpdesk!.setAlertThreshold(pct), ALERT_THRESHOLD_MAX_PCT);
    expect(set.ok).toBe(true);
    await until(() => app.recorded('notification').length > 0, 'a native notification');
    expect(app.recorded('notification')[0]).toMatchObject({ title: expect.any(String) as unknown, body: expect.any(String) as unknown });
  });

  test('renderer errors reach the log, at error level, through the bounded channel', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('glue-uncaught-in-renderer');
      });
      void Promise.reject(new Error('glue-rejected-in-renderer'));
    });
    const userData = glue.dirs().userData;
    await until(() => /glue-uncaught-in-renderer/.test(logText(userData)) && /glue-rejected-in-renderer/.test(logText(userData)), 'both renderer errors in the log');
    const log = logText(userData);
    expect(log).toMatch(/\[error\]\s+renderer error( at \S+)?: Error: glue-uncaught-in-renderer/);
    expect(log).toMatch(/\[error\]\s+renderer unhandledrejection: Error: glue-rejected-in-renderer/);
    // The report is checked in the renderer too: an oversized one never leaves it.
    const refused = await page.evaluate(() => {
      try {
        window.perpdesk!.reportRendererError!({ kind: 'error', message: 'x'.repeat(5_000) });
        return 'sent';
      } catch {
        return 'refused';
      }
    });
    expect(refused).toBe('refused');
    // Timeline entries are in the log file too.
    expect(log).toMatch(/\[info\]\s+timeline connected: /);
    expect(app.violations).toEqual([]);
  });

  test('quit stops the simulator, sockets and timers: the process ends by itself with code 0', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first().waitFor();
    app.quit();
    const exit = await app.waitForExit();
    expect(exit).toEqual({ code: 0, signal: null, appExitCode: 0 });
    expect(logText(glue.dirs().userData)).toMatch(/quitting/);
    expect(app.violations).toEqual([]);
  });

  test('closing the window quits the app the same way', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    await page.close();
    const exit = await app.waitForExit();
    expect(exit).toEqual({ code: 0, signal: null, appExitCode: 0 });
    // The renderer error channel's listener went with the window, not left behind.
    const reportListener = app.recorded('ipc-listener').filter((record) => record.channel === RENDERER_ERROR_CHANNEL);
    expect(reportListener.map(({ op, count }) => `${String(op)} ${String(count)}`)).toEqual(['add 1', 'remove 0']);
  });
});
