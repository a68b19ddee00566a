/**
 * The `app://` scheme's file resolution (electron/protocol-files.ts) over a real directory: the built
 * renderer's files are served with their MIME type and the CSP; everything else — traversal, plain
 * or encoded, absolute paths, symlinks out of the root, query strings, other origins, unknown types,
 * directories, other methods — is a bare 404 (or 405) that carries no file.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, relativeFileFor, serveAppRequest } from '../../../electron/protocol-files';
import { tempDir } from './helpers';

const SECRET = 'OUTSIDE-THE-ROOT';

/** `<dir>/renderer` as the root, with a secret file and folder beside it that must never be served. */
function layout() {
  const dir = tempDir();
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>PerpDesk</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'index-abc.js.map'), '{}');
  mkdirSync(join(root, 'assets', 'folder.js'));
  writeFileSync(join(dir, 'secret.js'), SECRET);
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.js'), SECRET);
  symlinkSync(join(dir, 'secret.js'), join(root, 'assets', 'link-out.js'));
  symlinkSync(join(dir, 'outside'), join(root, 'linked-dir'));
  symlinkSync(join(root, 'assets', 'index-abc.js'), join(root, 'assets', 'link-in.js'));
  return { dir, root };
}

const get = (url: string, root: string) => serveAppRequest('GET', url, root);

describe('app:// serves the built renderer', () => {
  it('serves the entry page, at / too, with its MIME type, the CSP and nosniff', async () => {
    const { root } = layout();
    for (const url of [APP_ENTRY_URL, 'app://perpdesk/', 'app://perpdesk']) {
      const answer = await get(url, root);
      expect(answer.status, url).toBe(200);
      expect(answer.body?.toString()).toBe('<!doctype html><title>PerpDesk</title>');
      expect(answer.headers).toMatchObject({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      });
    }
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['ASSETS/../assets/index-abc.js', 'text/javascript; charset=utf-8'], // resolved by the URL parser, inside the root
    ['assets/link-in.js', 'text/javascript; charset=utf-8'], // a symlink that stays inside the root
  ])('serves %s as %s', async (path, type) => {
    const { root } = layout();
    const answer = await get(`app://perpdesk/${path}`, root);
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe(type);
  });

  it('answers HEAD without a body, and refuses every other method', async () => {
    const { root } = layout();
    expect(await serveAppRequest('HEAD', APP_ENTRY_URL, root)).toMatchObject({ status: 200, body: null });
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect(await serveAppRequest(method, APP_ENTRY_URL, root), method).toMatchObject({ status: 405, body: null });
    }
  });
});

describe('app:// refuses everything else', () => {
  it.each([
    ['an encoded slash', 'app://perpdesk/..%2fsecret.js'],
    ['an encoded slash, upper case', 'app://perpdesk/%2E%2E%2Fsecret.js'],
    ['an encoded backslash', 'app://perpdesk/..%5csecret.js'],
    ['a backslash', 'app://perpdesk/assets\\..\\..\\secret.js'],
    ['an absolute path', 'app://perpdesk//etc/passwd'],
    ['an encoded absolute path', 'app://perpdesk/%2Fetc%2Fpasswd'],
    ['a drive letter', 'app://perpdesk/C:%5CWindows%5Cwin.ini'],
    ['a NUL byte', 'app://perpdesk/index.html%00.js'],
    ['malformed percent-encoding', 'app://perpdesk/%E0%A4%A.js'],
    ['a query string', 'app://perpdesk/index.html?x=1'],
    ['an empty query string', 'app://perpdesk/index.html?'],
    ['a fragment', 'app://perpdesk/index.html#x'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://perpdesk:8080/index.html'],
    ['user info', 'app://user:pass@perpdesk/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['https', 'https://perpdesk/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s (%s)', async (_name, url) => {
    const { root } = layout();
    expect(relativeFileFor(url)).toBeNull();
    const answer = await get(url, root);
    expect(answer).toMatchObject({ status: 404, body: null });
    expect(answer.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    ['plain', 'app://perpdesk/../secret.js'],
    ['encoded', 'app://perpdesk/%2e%2e/secret.js'],
    ['encoded, upper case', 'app://perpdesk/assets/%2E%2E/%2E%2E/secret.js'],
  ])('%s dot segments are resolved by the URL parser and stop at the root (%s)', async (_name, url) => {
    const { root } = layout();
    expect(relativeFileFor(url)).toBe('secret.js'); // <root>/secret.js, which does not exist
    expect(await get(url, root)).toMatchObject({ status: 404, body: null });
  });

  it.each([
    ['a symlink to a file outside the root', 'assets/link-out.js'],
    ['a file through a symlinked folder outside the root', 'linked-dir/secret.js'],
    ['a directory', 'assets/folder.js'],
    ['a file type a build does not serve', 'assets/index-abc.js.map'],
    ['a file without a type', 'assets'],
    ['a missing file', 'assets/missing.js'],
  ])('answers 404 for %s', async (_name, path) => {
    const { root } = layout();
    expect(await get(`app://perpdesk/${path}`, root)).toMatchObject({ status: 404, body: null });
  });

  it('never serves a byte from outside the root, whatever the path is made of', async () => {
    const { root } = layout();
    const pieces = ['..', '.', '%2e', '%2E%2e', '%2f', '%5c', '\\', '/', '//', 'assets', 'linked-dir', 'secret.js', 'link-out.js', 'index.html', '%00', '?', '#'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), async (parts) => {
        const answer = await get(`app://perpdesk/${parts.join('/')}`, root);
        expect(answer.body?.toString() ?? '').not.toContain(SECRET);
      }),
      { numRuns: 500 },
    );
  });
});
