/**
 * The finder's real probe and real candidates, with stand-in browsers: small executables that
 * behave like a working Chromium (print a version) or a broken one (a package whose binary is gone).
 * A candidate counts only if it starts.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBrowser, realBrowserCandidates } from '../../support/browser-candidates';
import { findBrowser } from '../../support/browser-finder';

let folder = '';
let working = '';
let broken = '';
let silent = '';

function executable(name: string, script: string): string {
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'perpdesk-probe-'));
  working = executable('chromium-ok', 'echo "Chromium 153.0.8010.0"');
  broken = executable('chromium-broken', 'echo "/usr/lib/chromium/chromium: not found" >&2; exit 127');
  silent = executable('chromium-silent', 'exit 0');
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

describe('probeBrowser', () => {
  it('accepts a binary that starts and prints its version', () => {
    expect(probeBrowser(working)).toEqual({ ok: true, version: 'Chromium 153.0.8010.0' });
  });

  it('refuses one that fails, with its exit code and what it said', () => {
    expect(probeBrowser(broken)).toEqual({ ok: false, reason: 'exit 127: /usr/lib/chromium/chromium: not found' });
  });

  it('refuses one that prints no version, and a file that is not executable', () => {
    const quiet = probeBrowser(silent);
    expect(quiet.ok === false && quiet.reason).toMatch(/no version/);
    const plain = join(folder, 'not-executable');
    writeFileSync(plain, 'just text');
    const refused = probeBrowser(plain);
    expect(refused.ok === false && refused.reason).toMatch(/EACCES/);
  });
});

describe('the real candidates', () => {
  it('CHROMIUM_PATH comes first, and a broken one is reported instead of silently replaced', () => {
    const search = findBrowser(realBrowserCandidates({ CHROMIUM_PATH: broken, PATH: '' }), probeBrowser);
    expect(search.found).toBeNull();
    expect(search.passedOver).toEqual([`CHROMIUM_PATH at ${broken}: does not run (exit 127: /usr/lib/chromium/chromium: not found)`]);
    expect(findBrowser(realBrowserCandidates({ CHROMIUM_PATH: working, PATH: '' }), probeBrowser).found).toMatchObject({ source: 'explicit', path: working });
  });

  it('a browser on PATH counts when it runs and is skipped when it does not', () => {
    const onPath = mkdtempSync(join(folder, 'bin-'));
    const put = (name: string, from: string) => {
      writeFileSync(join(onPath, name), `#!/bin/sh\nexec "${from}" "$@"\n`);
      chmodSync(join(onPath, name), 0o755);
    };
    put('chromium-browser', broken);
    put('google-chrome', working);
    const pathCandidates = realBrowserCandidates({ PATH: onPath }).filter((candidate) => candidate.label.endsWith('on PATH'));
    const search = findBrowser(pathCandidates, probeBrowser);
    expect(search.found).toMatchObject({ source: 'system', path: join(onPath, 'google-chrome'), version: 'Chromium 153.0.8010.0' });
    expect(search.passedOver).toContain('"chromium-browser" on PATH: does not run (exit 127: /usr/lib/chromium/chromium: not found)');
  });
});
