/**
 * What the `app://` scheme serves, in plain Node (the Electron glue is electron/protocol.ts): the
 * built renderer's files and nothing else. A request URL becomes a file under the renderer root only
 * through checks that fail closed — wrong origin, a query string, an encoded separator or dot
 * segment, a path that leaves the root lexically or through a symlink, a directory, an unknown file
 * type: each is a plain 404 that names nothing. Every response carries the CSP, so the policy holds
 * even for a file whose own markup does not declare it.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'perpdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads, and the only page allowed to call over IPC. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The renderer needs no network at all: everything comes over IPC from main. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'none'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";

/** The file types a renderer build contains. Anything else is not served: no guessing, no sniffing. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export interface AppResponse {
  status: 200 | 404 | 405;
  headers: Record<string, string>;
  /** The file's bytes; null for an error (the status says it all) and for HEAD. */
  body: Buffer | null;
}

/** Headers on every response, errors included. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  };
}

function failure(status: 404 | 405): AppResponse {
  return { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' }, body: null };
}

/**
 * The file a request URL names, relative to the renderer root, or null when the URL is refused.
 * Purely lexical; serveAppRequest then checks the real file. The WHATWG URL parser has already
 * removed plain and percent-encoded dot segments (`/../`, `/%2e%2e/`); what it leaves encoded
 * (`%2f`, `%5c`, `%00`) is refused here rather than decoded into a separator.
 */
export function relativeFileFor(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  // `search` is '' for a bare '?': look at the text itself. Nothing the app loads has a query.
  if (url.username !== '' || url.password !== '' || url.href.includes('?')) return null;
  // The renderer's own fragment routes never reach here; a request with one is not ours either.
  if (url.hash !== '') return null;
  // Chromium hands a standard scheme's root over as '/'; Node's parser leaves it '' for `app://perpdesk`.
  const raw = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname;
  const segments: string[] = [];
  for (const encoded of raw.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null; // malformed percent-encoding
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  const file = join(...segments);
  if (isAbsolute(file) || file.startsWith(`..${sep}`) || file === '..') return null;
  return file;
}

/** True when `path` is `root` itself or inside it. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Answers one `app://` request from the files under `root` (the built renderer). Only GET and HEAD;
 * only regular files of a known type whose real path, after resolving every symlink, is under the
 * real root.
 */
export async function serveAppRequest(method: string, requestUrl: string, root: string): Promise<AppResponse> {
  if (method !== 'GET' && method !== 'HEAD') return failure(405);
  const file = relativeFileFor(requestUrl);
  if (file === null) return failure(404);
  const type = MIME_TYPES[extname(file).toLowerCase()];
  if (type === undefined) return failure(404);
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, file));
    if (!isInside(realRoot, real) || !(await stat(real)).isFile()) return failure(404);
    const headers = { ...baseHeaders(), 'Content-Type': type };
    return { status: 200, headers, body: method === 'HEAD' ? null : await readFile(real) };
  } catch {
    return failure(404); // absent, unreadable, or a dangling link: all the same to the page
  }
}
