/**
 * The Chromium that ships inside an npm package (`@sparticuz/chromium`, a devDependency): a Linux x64
 * chrome-headless-shell, brotli-compressed in the package. It is the browser of last resort, so that
 * `npm install && npm test` passes on a machine with no browser at all.
 *
 * The package inflates its binary into `os.tmpdir()` (it was made for serverless functions, where
 * that is the only writable place). Here that would be a folder every project and user on the
 * machine shares, so it is run in a child process whose TMPDIR is a fresh staging folder under
 * `node_modules/.cache`, and the staging folder is then renamed into place: a half-written binary
 * is never seen, and two test runs inflating at once both end up with one complete copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PACKAGE = '@sparticuz/chromium';

/** Whether the npm package has a binary for this machine (it ships Linux x64 only). */
export function npmChromiumSupported(platform: string = process.platform, arch: string = process.arch): boolean {
  return platform === 'linux' && arch === 'x64';
}

/** The package's folder, or null when it is not installed (e.g. `npm install --omit=dev`). */
function packageDirectory(): string | null {
  try {
    // Its "exports" has only an import condition besides types; "default" also resolves for require.
    return dirname(dirname(createRequire(import.meta.url).resolve(PACKAGE)));
  } catch {
    return null;
  }
}

/**
 * The inflated binary's path, inflating it on first use; null when the package is absent or has no
 * binary for this machine. Throws with the child's output when inflating fails.
 */
export function locateNpmChromium(): string | null {
  if (!npmChromiumSupported()) return null;
  const directory = packageDirectory();
  if (directory === null) return null;
  const { version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string };
  // node_modules/@sparticuz/chromium → node_modules/.cache/perpdesk-chromium/<version>
  const cacheRoot = join(directory, '..', '..', '.cache', 'perpdesk-chromium');
  const target = join(cacheRoot, version);
  const binary = join(target, 'chromium');
  if (existsSync(binary)) return binary;

  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, 'inflating-'));
  try {
    inflateInto(staging, join(directory, 'build', 'index.js'), join(directory, 'bin'));
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another run finished first: its copy is complete, ours is dropped below.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/** Runs the package's own inflater in a child whose temporary folder is `staging`. */
function inflateInto(staging: string, entry: string, binFolder: string): void {
  const script = `const { default: chromium } = await import(${JSON.stringify(pathToFileURL(entry).href)});
process.stdout.write(await chromium.executablePath(${JSON.stringify(binFolder)}));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
    encoding: 'utf8',
    // A bound, not a measurement: inflating ~200 MB takes seconds; a hung child must not hang the run.
    timeout: 300_000,
  });
  const expected = join(staging, 'chromium');
  if (child.status !== 0 || child.stdout !== expected || !existsSync(expected)) {
    const said = `${child.stderr}${child.stdout}`.trim().slice(-400) || child.error?.message || `exit ${child.status}`;
    throw new Error(`${PACKAGE} did not inflate its binary: ${said}`);
  }
}
