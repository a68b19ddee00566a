// Finds the Electron executable without `require('electron')`, which would try to download it.
// Honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does. Returns null when absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} root the project directory */
export function electronBinary(root) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidates = override
    ? [join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'))]
    : relative
      ? [join(pkg, 'dist', relative)]
      : [];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}
