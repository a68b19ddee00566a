/**
 * The Chromium every browser test drives, found once per run (browser-finder.ts has the order:
 * CHROMIUM_PATH, Playwright's installed browser, the system's Chromium/Chrome, the npm package's
 * Chromium on Linux x64). Tests never download a browser.
 *
 * `PERPDESK_BROWSER_SOURCES=system,npm` (any subset of explicit, playwright, system, npm) limits the
 * search, e.g. `PERPDESK_BROWSER_SOURCES=npm` proves the suite passes on a machine with no browser.
 *
 * The search runs where this module is first imported (Playwright's runner, via the config) and
 * prints one line saying which browser it chose; the result is handed to child processes (Playwright's
 * workers) in PERPDESK_CHROMIUM_FOUND, so they neither search again nor print again.
 */
import { existsSync } from 'node:fs';
import { realBrowserCandidates, probeBrowser } from './browser-candidates';
import { BROWSER_SOURCES, findBrowser, parseBrowserSources, type BrowserSearch, type FoundBrowser } from './browser-finder';

const HANDED_DOWN = 'PERPDESK_CHROMIUM_FOUND';

/** A search result handed down by the parent process, if it is well-formed and still there. */
function handedDown(): BrowserSearch | null {
  const text = process.env[HANDED_DOWN];
  if (text === undefined) return null;
  try {
    const value = JSON.parse(text) as Partial<FoundBrowser>;
    const wellFormed =
      typeof value.path === 'string' &&
      typeof value.label === 'string' &&
      typeof value.version === 'string' &&
      BROWSER_SOURCES.some((source) => source === value.source);
    if (wellFormed && existsSync(value.path!)) return { found: value as FoundBrowser, passedOver: [] };
  } catch {
    // Not ours or damaged: search again.
  }
  return null;
}

function search(): BrowserSearch {
  const inherited = handedDown();
  if (inherited !== null) return inherited;
  const result = findBrowser(realBrowserCandidates(), probeBrowser, parseBrowserSources(process.env.PERPDESK_BROWSER_SOURCES));
  const skipped = result.passedOver.length === 0 ? '' : ` (passed over: ${result.passedOver.join('; ')})`;
  if (result.found !== null) {
    process.env[HANDED_DOWN] = JSON.stringify(result.found);
    process.stderr.write(`Browser tests use ${result.found.label}: ${result.found.version}${skipped}\n`);
  } else {
    process.stderr.write(`No runnable Chromium found for the browser tests${skipped}\n`);
  }
  return result;
}

const BROWSER = search();

/** The chosen browser: where it came from, its path and its version line; null when none runs here. */
export const CHROMIUM_FOUND: FoundBrowser | null = BROWSER.found;

/** The chosen browser's executable, or "" when none runs here (requireChromium says why). */
export const CHROMIUM_PATH: string = BROWSER.found?.path ?? '';

/** Flags that let headless Chromium run here without reaching for the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The chosen browser's executable; throws with every candidate tried and how to get one when none runs. */
export function requireChromium(): string {
  if (BROWSER.found !== null) return BROWSER.found.path;
  throw new Error(
    `No runnable Chromium for the browser tests. Tried: ${BROWSER.passedOver.join('; ') || 'nothing (PERPDESK_BROWSER_SOURCES excludes every source)'}. ` +
      'Run "npx playwright install chromium", or install Chromium or Chrome, or set CHROMIUM_PATH to a Chromium executable.',
  );
}
