/**
 * What every glue test file shares: one Chromium for the file, fresh folders per test, and every app
 * a test starts ended afterwards (a test that fails midway leaves nothing running).
 */
import type { Browser } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, launchGlueApp, makeGlueDirs, projectRoot, type GlueApp, type GlueDirs, type LaunchOptions } from '../support/electron/glue-app';

export interface GlueFixture {
  browser(): Browser;
  /** This test's folders (made on first use). */
  dirs(): GlueDirs;
  start(options?: Omit<LaunchOptions, 'dirs'> & { dirs?: GlueDirs }): GlueApp;
}

export function useGlueFixture(): GlueFixture {
  let browser: Browser | null = null;
  let dirs: GlueDirs | null = null;
  const apps: GlueApp[] = [];
  beforeAll(async () => {
    for (const built of ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
      if (!existsSync(join(projectRoot, built))) throw new Error(`${built} is missing: the glue tests run the built app (npx electron-vite build)`);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.dispose();
    dirs?.remove();
    dirs = null;
  });
  const fixture: GlueFixture = {
    browser: () => browser!,
    dirs: () => (dirs ??= makeGlueDirs()),
    start: (options = {}) => {
      const app = launchGlueApp(browser!, { ...options, dirs: options.dirs ?? fixture.dirs() });
      apps.push(app);
      return app;
    },
  };
  return fixture;
}

/** The app's log file in a user data folder ('' while it does not exist yet). */
export function logText(userData: string): string {
  const file = join(userData, 'logs', 'perpdesk.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Polls until `probe` is true (a wait-for-condition, never a fixed sleep). */
export async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
