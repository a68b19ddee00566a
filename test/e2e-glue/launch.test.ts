/**
 * The built app starts for real (issue 12): main.js under the electron stand-in, its window a real
 * Chromium page served by the app's own protocol handler, the built preload bridging IPC.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, launchGlueApp, makeGlueDirs, type GlueApp, type GlueDirs } from '../support/electron/glue-app';

let browser: Browser;
let dirs: GlueDirs;
const apps: GlueApp[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
  dirs.remove();
});

function start(env: Record<string, string | undefined> = {}): GlueApp {
  const app = launchGlueApp(browser, { dirs, env });
  apps.push(app);
  return app;
}

describe('launch', () => {
  test('launch → live demo positions on screen, with the window locked down as main asked', async () => {
    dirs = makeGlueDirs();
    const app = start();
    const page = await app.firstPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.getByTestId('demo-badge').waitFor();
    const rows = page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]');
    await rows.first().waitFor();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-row-key] [data-col="mark"]')?.textContent ?? ''));
    expect(await rows.count()).toBeGreaterThan(0);
    expect(app.violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
