/**
 * The real browser candidates on this machine, per source (browser-finder.ts tries them in order),
 * and the probe that proves a binary runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';
import type { BrowserCandidate, ProbeResult } from './browser-finder';
import { locateNpmChromium } from './npm-chromium';

/** The variable that names a browser explicitly (the name the tests have always read). */
export const EXPLICIT_BROWSER_VARIABLE = 'CHROMIUM_PATH';

/** Well-known install locations of Chromium and Chrome, per OS, most specific first. */
export function systemBrowserPaths(platform: string = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
    const home = env.HOME;
    return [...apps.map((app) => `/Applications/${app}`), ...(home === undefined ? [] : apps.map((app) => `${home}/Applications/${app}`))];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => root !== undefined);
    return roots.flatMap((root) => [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(root, 'Chromium', 'Application', 'chrome.exe')]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

/** Command names looked up on PATH after the well-known locations (Linux and macOS). */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const path = join(folder, name);
    if (existsSync(path)) return path;
  }
  return null;
}

function fileCandidate(source: BrowserCandidate['source'], label: string, path: string): BrowserCandidate {
  return { source, label: `${label} at ${path}`, locate: () => (existsSync(path) ? path : null) };
}

/** Every candidate this machine might have, in the finder's order within each source. */
export function realBrowserCandidates(env: NodeJS.ProcessEnv = process.env): BrowserCandidate[] {
  const candidates: BrowserCandidate[] = [];
  const explicit = env[EXPLICIT_BROWSER_VARIABLE];
  if (explicit !== undefined && explicit !== '') candidates.push(fileCandidate('explicit', `${EXPLICIT_BROWSER_VARIABLE}`, explicit));

  let playwrightPath: string | null = null;
  try {
    // Where `npx playwright install chromium` puts its browser (PLAYWRIGHT_BROWSERS_PATH is honoured).
    playwrightPath = chromium.executablePath();
  } catch {
    // This Playwright has no build for this platform.
  }
  if (playwrightPath !== null) candidates.push(fileCandidate('playwright', "Playwright's Chromium", playwrightPath));

  const seen = new Set<string>();
  for (const path of systemBrowserPaths()) {
    seen.add(path);
    candidates.push(fileCandidate('system', 'system browser', path));
  }
  if (process.platform !== 'win32') {
    for (const name of PATH_NAMES) {
      candidates.push({
        source: 'system',
        label: `"${name}" on PATH`,
        locate: () => {
          const path = onPath(name, env);
          return path === null || seen.has(path) ? null : path;
        },
      });
    }
  }

  candidates.push({ source: 'npm', label: 'the Chromium of the @sparticuz/chromium package', locate: locateNpmChromium });
  return candidates;
}

/**
 * Starts the binary once and reads its version. On Windows Chrome is a GUI program whose
 * `--version` prints nothing, so there it must load a blank page headless and exit cleanly instead.
 */
export function probeBrowser(path: string): ProbeResult {
  const windows = process.platform === 'win32';
  const args = windows ? ['--headless', '--disable-gpu', '--dump-dom', 'about:blank'] : ['--version'];
  // A bound, not a measurement: a binary that hangs is as broken as one that fails.
  const run = spawnSync(path, args, { encoding: 'utf8', timeout: 60_000 });
  if (run.error !== undefined) return { ok: false, reason: run.error.message };
  if (run.status !== 0) {
    const said = `${run.stderr}`.trim().split('\n').slice(-2).join(' ').slice(0, 300);
    return { ok: false, reason: `exit ${run.status ?? run.signal}${said === '' ? '' : `: ${said}`}` };
  }
  if (windows) return { ok: true, version: 'Chrome (version not reported on Windows)' };
  const version = run.stdout.trim().split('\n')[0] ?? '';
  return /\d+\.\d+/.test(version) ? { ok: true, version } : { ok: false, reason: `no version in ${JSON.stringify(version.slice(0, 80))}` };
}
