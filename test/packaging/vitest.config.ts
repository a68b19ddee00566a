import { defineConfig } from 'vitest/config';

/**
 * The packaged layout check (`npm run test:packaging`, part of `npm test`): electron-builder --dir
 * with a stub Electron, then assertions on app.asar. Needs `electron-vite build` first.
 */
export default defineConfig({
  test: {
    name: 'packaging',
    root: import.meta.dirname + '/../..',
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
