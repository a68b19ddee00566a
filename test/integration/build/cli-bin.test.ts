/**
 * `npx perpdesk` works after any rebuild. npm makes a bin executable only when it links it; a build
 * rewrites out/main/cli.js, and before scripts/executable-entries.ts the rebuilt file lost its run
 * bit ("sh: 1: perpdesk: Permission denied"). Proved as a new user meets it: a fresh `git clone` of
 * this repository (its committed state) with the installed node_modules hard-linked in, then build,
 * run, build, run.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
let work = '';
let clone = '';

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // Bounds, not measurements: a build or a CLI start that hangs fails instead of hanging the run.
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, FORCE_COLOR: '0' } });
}

function succeed(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  const said = `${result.stdout}\n${result.stderr}`;
  expect(result.status, `${command} ${args.join(' ')}:\n${said}`).toBe(0);
  return said;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'perpdesk-clone-'));
  clone = join(work, 'perpdesk');
  succeed('git', ['clone', '--quiet', '--no-hardlinks', root, clone], work);
  // Hard links: the installed packages without a second install (no network here) or a copy's cost;
  // where cp cannot link (BSD cp has no -l), a symbolic link to them does as well.
  const linked = run('cp', ['-al', join(root, 'node_modules'), join(clone, 'node_modules')], work);
  if (linked.status !== 0) symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'junction');
}, 300_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the perpdesk bin in a fresh clone', () => {
  it('runs after the first build and again after a rebuild', () => {
    const cli = join(clone, 'out', 'main', 'cli.js');
    for (const round of ['first build', 'rebuild']) {
      succeed(join(clone, 'node_modules', '.bin', 'electron-vite'), ['build'], clone);
      expect(statSync(cli).mode & 0o111, `${round}: out/main/cli.js is executable`).toBe(0o111);
      const help = succeed('npx', ['--no-install', 'perpdesk', '--help'], clone);
      expect(help, round).toMatch(/^Usage: perpdesk <snapshot\|watch>/m);
    }
  }, 600_000);
});
