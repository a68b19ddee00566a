/**
 * Records every IPC payload of the real app, in both directions, from its first message: a hook
 * the development Electron binary loads with `-r <file>` before the app's own code (its default app
 * requires such modules first; Playwright loads its own Electron loader the same way), so it wraps
 * `ipcMain.handle` before main.ts registers a single channel. A wrapper installed afterwards with
 * electronApp.evaluate could miss the registration, which main.ts makes as soon as the window is
 * created (the calls then wait for the desk's start). Production code has no hook of any kind. (NODE_OPTIONS would not do: Playwright deletes
 * it from the environment it launches Electron with.)
 */
import type { ElectronApplication } from '@playwright/test';
import type * as Electron from 'electron';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IpcRecord {
  direction: 'invoke' | 'result' | 'send' | 'push';
  channel: string;
  /** The payload as JSON text (binary data as its bytes in latin1, so any text form of a secret shows). */
  payload: string;
}

/**
 * Runs inside the app's main process (stringified into the hook file: it must not refer to anything
 * outside itself). Wraps `ipcMain.handle` and `ipcMain.on` (renderer → main, and main's answers) and
 * every web contents' `send` (main → renderer pushes), keeping the records on globalThis.
 */
function installIpcRecorder(electron: typeof Electron): void {
  const records: IpcRecord[] = [];
  (globalThis as unknown as { __perpdeskIpcRecords: IpcRecord[] }).__perpdeskIpcRecords = records;
  // `this[key]` is the value before its toJSON (a Buffer's toJSON would turn it into a list of numbers).
  function bytesAsText(this: Record<string, unknown>, key: string, item: unknown): unknown {
    const original = this[key];
    return ArrayBuffer.isView(original) ? Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('latin1') : item;
  }
  const text = (value: unknown): string => JSON.stringify(value, bytesAsText) ?? 'undefined';
  const { app, ipcMain } = electron;
  const handle = ipcMain.handle.bind(ipcMain);
  ipcMain.handle = (channel, listener) =>
    handle(channel, async (event, ...args: unknown[]) => {
      records.push({ direction: 'invoke', channel, payload: text(args) });
      const result: unknown = await listener(event, ...args);
      records.push({ direction: 'result', channel, payload: text(result) });
      return result;
    });
  const on = ipcMain.on.bind(ipcMain);
  ipcMain.on = (channel, listener) =>
    on(channel, (event, ...args: unknown[]) => {
      records.push({ direction: 'send', channel, payload: text(args) });
      listener(event, ...args);
    });
  app.on('web-contents-created', (_event, contents) => {
    const send = contents.send.bind(contents);
    contents.send = (channel, ...args: unknown[]) => {
      records.push({ direction: 'push', channel, payload: text(args) });
      send(channel, ...args);
    };
  });
}

/**
 * Writes the hook into `dir`; returns the Electron arguments that load it, to put before the app's
 * path (the default app reads its options up to the first path).
 */
export function ipcRecorderArgs(dir: string): string[] {
  const file = join(dir, 'perpdesk-ipc-recorder.cjs');
  // The guard is belt and braces: only Electron's main process loads the default app's modules.
  // `__name`: the helper a TypeScript transform that keeps function names (esbuild) may call inside the function's text.
  const source = installIpcRecorder.toString();
  writeFileSync(file, `'use strict';\nvar __name = (fn) => fn;\nif (process.type === 'browser') (${source})(require('electron'));\n`);
  return ['-r', file];
}

/** The records so far, read from the app's main process. */
export async function ipcRecords(app: ElectronApplication): Promise<IpcRecord[]> {
  return app.evaluate(() => (globalThis as unknown as { __perpdeskIpcRecords?: IpcRecord[] }).__perpdeskIpcRecords ?? []);
}
