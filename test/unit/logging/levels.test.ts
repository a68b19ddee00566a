/**
 * The log's levels (electron/logging.ts): timeline entries at the level their kind deserves, main's
 * uncaught errors and unhandled rejections captured as errors, rotation at the size limit.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureProcessErrors, createAppLog, logTimelineEntry, MAX_LOG_BYTES, timelineLevel } from '../../../electron/logging';
import { waitFor } from '../../support/wait';

function tempLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'perpdesk-log-')), 'perpdesk.log');
}

/** The file's text once it contains `needle` (electron-log writes asynchronously). */
async function fileWith(file: string, needle: string): Promise<string> {
  return waitFor(() => {
    try {
      const text = readFileSync(file, 'utf8');
      return text.includes(needle) ? text : undefined;
    } catch {
      return undefined;
    }
  }, 5_000, `"${needle}" in ${file}`);
}

describe('app log levels', () => {
  it('writes each level as itself', async () => {
    const file = tempLog();
    const log = createAppLog(file);
    log.info('an info line');
    log.warn('a warning line');
    log.error('an error line');
    const text = await fileWith(file, 'an error line');
    expect(text).toMatch(/\[info\]\s+an info line/);
    expect(text).toMatch(/\[warn\]\s+a warning line/);
    expect(text).toMatch(/\[error\]\s+an error line/);
    expect(log.file).toBe(file);
  });

  it('logs timeline entries at the level of their kind, redacted', async () => {
    expect(timelineLevel('error')).toBe('error');
    expect(timelineLevel('disconnected')).toBe('warn');
    expect(timelineLevel('reconnecting')).toBe('warn');
    expect(timelineLevel('connected')).toBe('info');
    const file = tempLog();
    const log = createAppLog(file);
    logTimelineEntry(log, { at: 1, kind: 'reconnecting', message: 'Reconnecting in 2 s.' });
    logTimelineEntry(log, { at: 2, kind: 'error', message: 'Banned (418) until 12:00: apiKey=ABCDEF0123456789 rejected' });
    const text = await fileWith(file, 'Banned');
    expect(text).toMatch(/\[warn\]\s+timeline reconnecting: Reconnecting in 2 s\./);
    expect(text).toMatch(/\[error\]\s+timeline error: Banned \(418\)/);
    expect(text).not.toContain('ABCDEF0123456789');
  });

  it("captures main's uncaught exceptions and unhandled rejections as errors, and passes them on", async () => {
    const file = tempLog();
    const log = createAppLog(file);
    const seen: unknown[] = [];
    const before = { uncaught: process.listenerCount('uncaughtException'), unhandled: process.listenerCount('unhandledRejection') };
    const remove = captureProcessErrors(log, (error) => seen.push(error));
    try {
      const thrown = new Error('glue-uncaught-main');
      (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtException', thrown, 'uncaughtException');
      process.emit('unhandledRejection', 'glue-rejected-main', Promise.resolve());
      const text = await fileWith(file, 'glue-rejected-main');
      expect(text).toMatch(/\[error\]\s+uncaught exception in main: Error: glue-uncaught-main\n\s+at /);
      expect(text).toMatch(/\[error\]\s+unhandled rejection in main: non-error thrown: glue-rejected-main/);
      expect(seen).toEqual([thrown, 'glue-rejected-main']);
    } finally {
      remove();
    }
    expect(process.listenerCount('uncaughtException')).toBe(before.uncaught);
    expect(process.listenerCount('unhandledRejection')).toBe(before.unhandled);
  });

  it('rotates a full file to <name>.old.log and goes on writing', async () => {
    expect(MAX_LOG_BYTES).toBe(5 * 1024 * 1024); // the app's limit; the test uses a small one
    const file = tempLog();
    const log = createAppLog(file, { maxBytes: 2_000 });
    for (let line = 0; line < 60; line++) log.info(`line ${line} ${'x'.repeat(60)}`);
    log.info('the last line');
    await fileWith(file, 'the last line');
    const old = file.replace(/\.log$/, '.old.log');
    await waitFor(() => (existsSync(old) ? true : undefined), 5_000, 'the rotated file');
    expect(readFileSync(old, 'utf8')).toMatch(/line \d+ x+/);
    expect(statSync(file).size).toBeLessThan(4_000);
  });
});
