import { defineConfig } from 'vitest/config';

/**
 * The glue harness (`npm run test:glue`, DESIGN §9.5): the built app's main and preload bundles run
 * for real with only Electron stood in for (test/support/electron/). Needs `electron-vite build`
 * first; each test starts app processes and a Chromium, so files run one at a time.
 */
export default defineConfig({
  test: {
    name: 'e2e-glue',
    root: import.meta.dirname + '/../..',
    include: ['test/e2e-glue/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
