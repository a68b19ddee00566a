#!/usr/bin/env node
// `npm start`: build, then launch Electron in demo mode. The `electron` package downloads its
// runtime on first use; where that cannot happen (no internet) we say so in plain words and exit
// non-zero, instead of letting a stack trace from the downloader reach the user.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');

function fail(lines) {
  process.stderr.write(`\nPerpDesk cannot start:\n${lines.map((line) => `  ${line}`).join('\n')}\n\n`);
  process.exit(1);
}

if (!existsSync(join(electronPackage, 'package.json'))) {
  fail(['The electron package is not installed. Run: npm install']);
}

let binary = electronBinary(root);
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
if (binary === null && override) {
  // The user pointed at a runtime of their own: downloading one instead would be a surprise.
  fail([
    `No Electron executable was found in ELECTRON_OVERRIDE_DIST_PATH (${override}).`,
    'Point it at the folder of an unpacked Electron release (the one containing the electron executable),',
    'or unset it to let `npm start` download the runtime.',
  ]);
}
if (binary === null) {
  // First use: let the electron package fetch its runtime, quietly.
  process.stdout.write('Downloading the Electron runtime (first start only)…\n');
  const install = spawnSync(process.execPath, [join(electronPackage, 'install.js')], {
    cwd: electronPackage,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  binary = install.status === 0 ? electronBinary(root) : null;
  if (binary === null) {
    const version = JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;
    const reason = (install.stderr ?? '').split('\n').find((line) => /error|ENOTFOUND|EAI_AGAIN|ECONN|timed out/i.test(line));
    fail([
      `The Electron ${version} runtime could not be downloaded${reason ? ` (${reason.trim().slice(0, 160)})` : ''}.`,
      'PerpDesk needs it to open its window. To fix this, either:',
      '  - connect to the internet and run `npm start` again (it downloads once), or',
      '  - download Electron from its GitHub releases page on another machine, unpack it, and run',
      '    ELECTRON_OVERRIDE_DIST_PATH=/path/to/unpacked/electron npm start',
      'Meanwhile `npm test` runs everything else, and `npm run sim` starts the demo exchange alone.',
    ]);
  }
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) fail(['The build failed (see above).']);

const child = spawn(binary, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
