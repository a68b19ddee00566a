/**
 * Which Chromium the browser tests drive: the first candidate, in a fixed order of sources, that is
 * present here *and actually runs*. A file that exists but cannot start (a broken system package, a
 * wrapper script pointing nowhere) is skipped with its reason, so a machine where `/usr/bin/chromium`
 * is broken still finds the next browser. Pure logic: the real candidates and the probe that runs a
 * binary are in browser-candidates.ts, so this order is testable with fake ones.
 */

/** Where a browser comes from, in the order they are tried. */
export type BrowserSource = 'explicit' | 'playwright' | 'system' | 'npm';

/** The default order: an explicit path, Playwright's installed browsers, the system's, the npm package's. */
export const BROWSER_SOURCES: readonly BrowserSource[] = ['explicit', 'playwright', 'system', 'npm'];

export interface BrowserCandidate {
  source: BrowserSource;
  /** Said in the run's first line and in errors, e.g. "system Chromium at /usr/bin/chromium". */
  label: string;
  /**
   * Where the executable is, or null when this candidate is absent on this machine. May prepare it
   * first (the npm Chromium inflates its binary on first use); a failure to prepare throws.
   */
  locate(): string | null;
}

/** What running a binary once told us: its version line, or why it did not run. */
export type ProbeResult = { ok: true; version: string } | { ok: false; reason: string };

/** Runs a browser binary once (e.g. `--version`) to see that it really starts. */
export type BrowserProbe = (path: string) => ProbeResult;

export interface FoundBrowser {
  source: BrowserSource;
  label: string;
  path: string;
  version: string;
}

export interface BrowserSearch {
  found: FoundBrowser | null;
  /** Every candidate looked at before the one found (or all of them), each with why it was passed over. */
  passedOver: string[];
}

/**
 * Tries `candidates` in the order of `sources` (candidates of one source in their given order) and
 * returns the first that locates and passes `probe`. An explicit path is the user's decision: when it
 * does not run, the search stops there instead of quietly testing another browser.
 */
export function findBrowser(
  candidates: readonly BrowserCandidate[],
  probe: BrowserProbe,
  sources: readonly BrowserSource[] = BROWSER_SOURCES,
): BrowserSearch {
  const passedOver: string[] = [];
  for (const source of sources) {
    for (const candidate of candidates.filter((each) => each.source === source)) {
      const outcome = tryCandidate(candidate, probe);
      if (outcome.ok) return { found: { ...outcome.found }, passedOver };
      passedOver.push(`${candidate.label}: ${outcome.reason}`);
      if (source === 'explicit' && outcome.present) return { found: null, passedOver };
    }
  }
  return { found: null, passedOver };
}

type Attempt = { ok: true; found: FoundBrowser } | { ok: false; present: boolean; reason: string };

function tryCandidate(candidate: BrowserCandidate, probe: BrowserProbe): Attempt {
  let path: string | null;
  try {
    path = candidate.locate();
  } catch (error) {
    return { ok: false, present: true, reason: `could not be prepared (${(error as Error).message})` };
  }
  if (path === null) return { ok: false, present: false, reason: 'not here' };
  const result = probe(path);
  if (!result.ok) return { ok: false, present: true, reason: `does not run (${result.reason})` };
  return { ok: true, found: { source: candidate.source, label: candidate.label, path, version: result.version } };
}

/**
 * Reads a source list such as "system,npm" (from PERPDESK_BROWSER_SOURCES): which sources to try, in
 * the default order. Unset or blank means all; an unknown name is an error, not silently ignored.
 */
export function parseBrowserSources(text: string | undefined): BrowserSource[] {
  if (text === undefined || text.trim() === '') return [...BROWSER_SOURCES];
  const named = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const unknown = named.filter((name) => !(BROWSER_SOURCES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`PERPDESK_BROWSER_SOURCES: unknown source ${unknown.map((name) => JSON.stringify(name)).join(', ')} (known: ${BROWSER_SOURCES.join(', ')})`);
  }
  return BROWSER_SOURCES.filter((source) => named.includes(source));
}
