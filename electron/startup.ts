/**
 * Plain decisions main makes while starting, kept out of main.ts so they are tested without
 * Electron: where the app's data lives, what a failed start tells the user, and how a window
 * opened before the desk has started is answered.
 */
import { isAbsolute } from 'node:path';
import { invokeChannels, type InvokeChannel, type InvokeHandlers } from '../shared/ipc';
import { IpcFailure } from './ipc/dispatch';
import { errorSummary } from './logging';

/**
 * The user data folder `PERPDESK_USER_DATA` asks for, or null to keep Electron's default. Only an
 * unpackaged run (tests, development) honours it, and only an absolute path: an installed app
 * always keeps its data where the OS expects it, so nothing in its environment can point it at
 * another folder's profiles (issue 14).
 */
export function userDataOverride(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  const value = env.PERPDESK_USER_DATA;
  if (isPackaged || value === undefined || value === '' || !isAbsolute(value)) return null;
  return value;
}

export const STARTUP_FAILURE_TITLE = 'PerpDesk could not start';

/** The native error box's text: the reason in one line, then where the details are. */
export function startupFailureText(error: unknown, logFile: string): string {
  return `${errorSummary(error)}\n\nThe details are in the log file:\n${logFile}`;
}

/**
 * Invoke handlers for a window opened before the desk has started: each call waits for the desk's
 * own handlers, then runs them. So the window (and its page, the slowest part of a start) can open
 * at once, and a page that asks early — for the state, the symbols — is answered by a started desk
 * rather than refused as not connected. If the start fails, calls fail with a plain 'not-ready'
 * (the app is exiting then, with an error box).
 */
export function handlersWhenStarted(started: Promise<InvokeHandlers>): InvokeHandlers {
  started.catch(() => undefined); // the start's own failure is reported by main, not by each call
  const gated: Partial<Record<InvokeChannel, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const channel of invokeChannels) {
    gated[channel] = async (...args) => {
      let handlers: InvokeHandlers;
      try {
        handlers = await started;
      } catch {
        throw new IpcFailure('not-ready', 'PerpDesk could not start.');
      }
      return (handlers[channel] as (...values: unknown[]) => unknown)(...args);
    };
  }
  return gated as InvokeHandlers;
}
