/**
 * `npm start` where no Electron runtime can be had must end with a short, clear message and a
 * non-zero exit, never a stack trace. Pointing ELECTRON_OVERRIDE_DIST_PATH at an empty folder makes
 * the runtime absent on any machine, without trying to download anything.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

describe('npm start without an Electron runtime', () => {
  it('exits 1 with a plain explanation and no stack trace', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-electron-'));
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PerpDesk cannot start');
    expect(run.stderr).toContain(`No Electron executable was found in ELECTRON_OVERRIDE_DIST_PATH (${empty})`);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frames
    expect(run.stderr.split('\n').length).toBeLessThan(12);
  });
});
