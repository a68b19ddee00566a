/**
 * The Electron binary guard every e2e-electron spec starts with: the binary is found without
 * `require('electron')` (which would try to download it), and where there is none the spec's tests
 * are skipped with the reason printed — the only skip the test suite allows.
 */
import { test } from '@playwright/test';
import { join } from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.mjs';

/** The project directory: what Electron is launched with (package.json "main" → out/main/main.js). */
export const projectRoot = join(import.meta.dirname, '..', '..');

const SKIP_REASON =
  'No Electron binary on this machine (node_modules/electron/path.txt or ELECTRON_OVERRIDE_DIST_PATH): the Electron runtime cannot be downloaded here.';

/** Call at the top of a spec file: returns the binary, or skips every test of the file (printing why) and returns null. */
export function electronBinaryOrSkip(spec: string): string | null {
  const binary = electronBinary(projectRoot);
  if (binary === null) console.log(`e2e-electron skipped (${spec}): ${SKIP_REASON}`);
  test.skip(binary === null, SKIP_REASON); // the Electron binary guard: the only allowed skip
  return binary;
}
