/**
 * Renderer failures into main's log (shared/ipc.ts RENDERER_ERROR_CHANNEL): only from the app
 * window's own page (the same sender check as every invoke), only reports that match the bounded
 * schema, and at most a burst of them per minute, so a page failing in a loop, or a hostile one,
 * cannot fill the disk. What is dropped is counted and said once the minute is over.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { RENDERER_ERROR_CHANNEL, rendererErrorSchema } from '../../shared/ipc';
import type { AppLog } from '../logging';
import { isTrustedSender, type SenderEvent } from './register';

/** Reports accepted per window of REPORT_WINDOW_MS; the rest are counted, not logged. */
export const REPORTS_PER_WINDOW = 20;
export const REPORT_WINDOW_MS = 60_000;

/** Listens for renderer error reports from `window`; returns the function that stops listening. */
export function registerRendererErrorReports(
  window: BrowserWindow,
  entryUrl: string,
  appLog: AppLog,
  now: () => number = Date.now,
): () => void {
  let windowStart = Number.NEGATIVE_INFINITY;
  let accepted = 0;
  let dropped = 0;
  const listener = (event: SenderEvent, payload: unknown): void => {
    if (!isTrustedSender(event, window, entryUrl)) {
      appLog.warn('renderer error report refused: untrusted sender');
      return;
    }
    const at = now();
    if (at - windowStart >= REPORT_WINDOW_MS) {
      if (dropped > 0) appLog.warn(`renderer error reports: ${dropped} more were dropped (over ${REPORTS_PER_WINDOW} a minute)`);
      windowStart = at;
      accepted = 0;
      dropped = 0;
    }
    if (accepted >= REPORTS_PER_WINDOW) {
      dropped++;
      return;
    }
    accepted++;
    const parsed = rendererErrorSchema.safeParse(payload);
    if (!parsed.success) {
      appLog.warn('renderer error report refused: not a valid report');
      return;
    }
    const { kind, message, stack, source } = parsed.data;
    appLog.error(`renderer ${kind}${source ? ` at ${source}` : ''}: ${message}${stack ? `\n${stack}` : ''}`);
  };
  ipcMain.on(RENDERER_ERROR_CHANNEL, listener);
  return () => {
    ipcMain.removeListener(RENDERER_ERROR_CHANNEL, listener);
  };
}
