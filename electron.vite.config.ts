import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { DEMO_WORKER_DIGEST_DEFINE, DEMO_WORKER_FILE } from './electron/desk/demo-exchange-launch';
import { bundledWorkerPlugin } from './scripts/bundle-worker';
import { executableEntriesPlugin } from './scripts/executable-entries';

const root = import.meta.dirname;

export default defineConfig(({ command }) => ({
  main: {
    // Demo mode's exchange thread, written to out/main/demo-exchange-worker.cjs as one file with its
    // dependencies inside (electron/desk/demo-exchange-launch.ts says why and where it is loaded from),
    // and its SHA-256 baked into the main bundle, which checks the file before running it.
    // The CLI (package.json "bin") is rewritten by every build: keep it executable.
    plugins: [
      bundledWorkerPlugin(resolve(root, 'electron/desk/demo-exchange-worker.ts'), DEMO_WORKER_FILE, DEMO_WORKER_DIGEST_DEFINE),
      executableEntriesPlugin(['cli.js']),
    ],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The app, and the headless CLI (`npx perpdesk`, package.json "bin") built from the same engine.
        input: { main: resolve(root, 'electron/main.ts'), cli: resolve(root, 'electron/cli/perpdesk.ts') },
        // Shared chunks beside the entries, not in a subfolder: code that finds the worker by its own
        // directory (import.meta.dirname) then sees out/main whichever file it was bundled into.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules nor require node_modules: emit one CommonJS
      // file with its dependencies (the contract and zod) bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    // Builds ship the production React bundle, minified; `electron-vite dev` keeps React's dev checks.
    define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    build: {
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
}));
