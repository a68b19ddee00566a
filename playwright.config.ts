import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

/**
 * Browser tests drive the Chromium that test/support/chromium.ts finds on this machine (CHROMIUM_PATH,
 * Playwright's installed browser, the system's, else the npm package's; never a download) against the
 * built renderer; Electron tests drive the real app where an Electron binary exists. Both need
 * `npm run build` first.
 */
export default defineConfig({
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  projects: [
    {
      name: 'e2e-browser',
      testDir: 'test/e2e-browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 860 },
        // Numbers are grouped for the user's locale (shared/format.ts): the specs expect en-US grouping
        // whatever the machine's language.
        locale: 'en-US',
        // No browser found: leave Playwright its default, and the fixtures' requireChromium() says why.
        launchOptions: { executablePath: CHROMIUM_PATH === '' ? undefined : CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
    { name: 'e2e-electron', testDir: 'test/e2e-electron' },
  ],
});
