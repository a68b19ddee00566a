/**
 * What a leaked secret looks like, and where to look for it: the canary helpers the browser and the
 * Electron canary tests share (security.spec.ts here, test/e2e-electron/canary.spec.ts). Only
 * Playwright's Page and Node's fs: they work on a Chromium page and on an Electron window alike.
 */
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A secret nobody else would write: it passes the HMAC checks, and is unmistakable when found. */
export function makeCanary(): string {
  return `PDCANARY${randomBytes(24).toString('hex')}Zq9`;
}

/**
 * Every form a leaked secret could take: as text, hex, base64 (at each of the three byte alignments
 * it could sit at inside a longer base64 text), URL-encoded, a fragment of it, and — as the bytes
 * read by filesUnder — UTF-16LE, which is how Chromium keeps web storage on disk.
 */
export function leakForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    ...base64Cores(bytes, 'base64'),
    ...base64Cores(bytes, 'base64url'),
    encodeURIComponent(secret),
    // A fragment too, in case something truncates or wraps it.
    secret.slice(8, 40),
    Buffer.from(secret, 'utf16le').toString('latin1'),
  ];
}

/** The part of the secret's base64 that is the same whatever bytes surround it, for each alignment. */
function base64Cores(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  return [0, 1, 2].map((shift) => Buffer.concat([Buffer.alloc(shift), bytes]).toString(encoding).slice(shift === 0 ? 0 : 4, -4));
}

export function leaksIn(text: string, secret: string): string[] {
  return leakForms(secret).filter((form) => text.includes(form));
}

/**
 * Every regular file under `dir` (symlinks and sockets, such as Chromium's Singleton* files, are
 * skipped), with its bytes as latin1 text: one character per byte, so a secret in any ASCII-based
 * form is found even inside a binary file.
 */
export function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir).flatMap((name): Array<[string, string]> => {
    const path = join(dir, name);
    const stats = lstatSync(path);
    if (stats.isDirectory()) return filesUnder(path);
    return stats.isFile() ? [[path, readFileSync(path, 'latin1')]] : [];
  });
}

/** What the page holds: DOM (with live field values), web storage, cookies and IndexedDB. */
export async function pageContents(page: Page) {
  return page.evaluate(async () => {
    const fieldValues = [...document.querySelectorAll('input, textarea, select')].map(
      (element) => (element as HTMLInputElement).value,
    );
    const dump = (storage: Storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]));
    const databases: Record<string, unknown[]> = {};
    for (const info of await indexedDB.databases()) {
      if (info.name === undefined) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
      });
      for (const store of db.objectStoreNames) {
        databases[`${info.name}/${store}`] = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
      }
      db.close();
    }
    return {
      dom: document.documentElement.outerHTML,
      fieldValues,
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      cookies: document.cookie,
      indexedDB: databases,
    };
  });
}

/** The page's JS heap after a full GC, as the text of a heap snapshot. */
export async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}
