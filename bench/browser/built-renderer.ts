/**
 * The built renderer (out/renderer) and main bundle (out/main) the browser figures run. They are
 * built once, by `npx electron-vite build`, if absent: the bench measures what ships, never the dev server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const MAIN_DIR = fileURLToPath(new URL('../../out/main', import.meta.url));

/** Builds the bundles unless out/renderer/index.html and the demo worker already exist. */
export function ensureBuilt(log: (line: string) => void): void {
  if (existsSync(`${RENDERER_DIR}/index.html`) && existsSync(`${MAIN_DIR}/demo-exchange-worker.cjs`)) return;
  log('  building the bundles (npx electron-vite build)…');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
