/**
 * A machine with no usable browser still runs the browser tests: with every source but the npm
 * package's Chromium switched off (PERPDESK_BROWSER_SOURCES=npm, as if /usr/bin/chromium were
 * missing or broken), the finder inflates @sparticuz/chromium and a real browser spec passes on it.
 * The spec needs the built renderer (`npx electron-vite build`; `npm test` builds before this).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeBrowser } from '../../support/browser-candidates';
import { locateNpmChromium, npmChromiumSupported } from '../../support/npm-chromium';

const root = join(import.meta.dirname, '..', '..', '..');

describe('the npm Chromium (@sparticuz/chromium)', () => {
  if (!npmChromiumSupported()) {
    it('is not offered on this platform, which has no binary for it', () => {
      expect(locateNpmChromium()).toBeNull();
    });
    return;
  }

  it('inflates once into node_modules/.cache and runs', () => {
    const path = locateNpmChromium();
    expect(path).toMatch(/node_modules\/\.cache\/perpdesk-chromium\/[\d.]+\/chromium$/);
    expect(locateNpmChromium()).toBe(path);
    const probe = probeBrowser(path!);
    expect(probe).toMatchObject({ ok: true });
    expect(probe.ok && probe.version).toMatch(/^Chromium \d+\./);
  }, 300_000);

  it('runs a real browser spec when no other browser may be used', () => {
    expect(existsSync(join(root, 'out', 'renderer', 'index.html')), 'build first: npx electron-vite build').toBe(true);
    const output = mkdtempSync(join(tmpdir(), 'perpdesk-npm-chromium-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PERPDESK_BROWSER_SOURCES: 'npm', FORCE_COLOR: '0' };
      // A result handed down from an outer run would skip the search this test is about.
      delete env.PERPDESK_CHROMIUM_FOUND;
      const run = spawnSync(
        join(root, 'node_modules', '.bin', 'playwright'),
        ['test', 'test/e2e-browser/security-csp.spec.ts', '--reporter=list', `--output=${output}`],
        { cwd: root, env, encoding: 'utf8', timeout: 600_000 },
      );
      const said = `${run.stdout}\n${run.stderr}`;
      expect(said).toContain('Browser tests use the Chromium of the @sparticuz/chromium package: Chromium');
      // Said once per run: Playwright's workers inherit the choice instead of searching again.
      expect(said.match(/Browser tests use /g)).toHaveLength(1);
      expect(said).toMatch(/\b2 passed\b/);
      expect(said).not.toMatch(/\bfailed\b/);
      expect(run.status, said).toBe(0);
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  }, 600_000);
});
