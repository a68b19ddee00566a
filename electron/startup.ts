/**
 * Plain decisions main makes while starting, kept out of main.ts so they are tested without
 * Electron: where the app's data lives, and what a failed start tells the user.
 */
import { isAbsolute } from 'node:path';
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
