/**
 * Renderer failures to main's log through `window.perpdesk.reportRendererError`, cut to the bounds
 * of shared/ipc.ts rendererErrorSchema so an overlong message or stack still arrives (shortened)
 * instead of being refused. One place for the window's uncaught errors and the panels' boundaries.
 */
import type { RendererErrorReport } from '../shared/ipc';

/** The schema's bounds (shared/ipc.ts rendererErrorSchema): a longer field would refuse the whole report. */
const MAX_MESSAGE = 2_000;
const MAX_STACK = 8_000;
const MAX_SOURCE = 500;

/**
 * Reports `error` of `kind` to main's log, if this window has a log to report to (the browser test
 * bridge may not). Never throws: reporting a failure must not become a second one.
 */
export function reportRendererError(kind: RendererErrorReport['kind'], error: unknown, source?: string): void {
  const report = window.perpdesk?.reportRendererError;
  if (report === undefined) return;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  try {
    report({
      kind,
      message: message.slice(0, MAX_MESSAGE),
      ...(stack === undefined ? {} : { stack: stack.slice(0, MAX_STACK) }),
      ...(source === undefined ? {} : { source: source.slice(0, MAX_SOURCE) }),
    });
  } catch {
    // Reporting must never become a second failure.
  }
}
