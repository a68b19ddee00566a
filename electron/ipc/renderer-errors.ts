/**
 * Renderer failures into main's log (shared/ipc.ts RENDERER_ERROR_CHANNEL): only from the app
 * window's own page (the same sender check as every invoke), only reports that match the bounded
 * schema, and at most a burst of them per minute, so a page failing in a loop, or a hostile one,
 * cannot fill the disk; refusals of foreign senders likewise, on a budget of their own. What is
 * dropped is counted and said once the minute is over.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { RENDERER_ERROR_CHANNEL, rendererErrorSchema } from '../../shared/ipc';
import type { AppLog } from '../logging';
import { isTrustedSender, type SenderEvent } from './register';

/** Reports accepted per window of REPORT_WINDOW_MS; the rest are counted, not logged. */
export const REPORTS_PER_WINDOW = 20;
export const REPORT_WINDOW_MS = 60_000;

/**
 * At most REPORTS_PER_WINDOW takes per REPORT_WINDOW_MS; what is over is counted, and the count is
 * handed to `sayDropped` when the next window opens (on the next take, so an idle channel stays quiet).
 */
function minuteBudget(now: () => number, sayDropped: (dropped: number) => void): () => boolean {
  let windowStart = Number.NEGATIVE_INFINITY;
  let taken = 0;
  let dropped = 0;
  return () => {
    const at = now();
    if (at - windowStart >= REPORT_WINDOW_MS) {
      if (dropped > 0) sayDropped(dropped);
      windowStart = at;
      taken = 0;
      dropped = 0;
    }
    if (taken >= REPORTS_PER_WINDOW) {
      dropped++;
      return false;
    }
    taken++;
    return true;
  };
}

/** Listens for renderer error reports from `window`; returns the function that stops listening. */
export function registerRendererErrorReports(
  window: BrowserWindow,
  entryUrl: string,
  appLog: AppLog,
  now: () => number = Date.now,
): () => void {
  const takeReport = minuteBudget(now, (dropped) =>
    appLog.warn(`renderer error reports: ${dropped} more were dropped (over ${REPORTS_PER_WINDOW} a minute)`),
  );
  // Refusals have a budget of their own: a foreign frame sending in a loop must neither fill the
  // log with warnings nor use up the budget of the app page's real reports.
  const takeRefusal = minuteBudget(now, (dropped) =>
    appLog.warn(`renderer error reports: ${dropped} more were refused from untrusted senders (over ${REPORTS_PER_WINDOW} a minute)`),
  );
  const listener = (event: SenderEvent, payload: unknown): void => {
    if (!isTrustedSender(event, window, entryUrl)) {
      if (takeRefusal()) appLog.warn('renderer error report refused: untrusted sender');
      return;
    }
    if (!takeReport()) return;
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
