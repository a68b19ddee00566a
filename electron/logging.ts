/**
 * The app's log: a rotating file (electron-log's Node entry, which works in Electron's main process
 * and in plain Node) behind a redaction step, so an API key, secret or signature that slips into a
 * message never reaches the disk or the console. Three levels: `info` for what happened, `warn`
 * for what went wrong and recovered (a refused IPC call, a reconnect), `error` for what failed
 * (a crash, an uncaught error in main or the renderer, a failed start).
 */
import log from 'electron-log/node';
import type { TimelineEntry } from '../shared/timeline';
import { redact } from './exchange/signing';

export type LogLine = (line: string) => void;
export type LogLevel = 'info' | 'warn' | 'error';

/** The app's logger: one function per level, and the file it writes. */
export interface AppLog {
  readonly file: string;
  info: LogLine;
  warn: LogLine;
  error: LogLine;
}

/** Largest log file before it is rotated to `<name>.old.log` (electron-log keeps one old file). */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** A logger writing to `file` (and the console when `console` is true). */
export function createAppLog(file: string, options: { console?: boolean; maxBytes?: number } = {}): AppLog {
  const logger = log.create({ logId: `perpdesk-${file}` });
  const fileTransport = logger.transports.file;
  if (fileTransport !== null && fileTransport !== undefined) {
    fileTransport.resolvePathFn = () => file;
    fileTransport.maxSize = options.maxBytes ?? MAX_LOG_BYTES;
    fileTransport.level = 'info';
  }
  const consoleTransport = logger.transports.console;
  if (consoleTransport !== null && consoleTransport !== undefined) consoleTransport.level = options.console === true ? 'info' : false;
  logger.hooks.push((message) => {
    message.data = message.data.map((datum: unknown) => (typeof datum === 'string' ? redact(datum) : redact(JSON.stringify(datum) ?? '')));
    return message;
  });
  return {
    file,
    info: (line) => logger.info(line),
    warn: (line) => logger.warn(line),
    error: (line) => logger.error(line),
  };
}

/** A logger writing every line at `info` (what the vault and the desk take: a plain line function). */
export function createFileLogger(file: string, options: { console?: boolean } = {}): LogLine {
  return createAppLog(file, options).info;
}

/** The level a connection timeline entry is logged at: errors as errors, lost links as warnings. */
export function timelineLevel(kind: TimelineEntry['kind']): LogLevel {
  if (kind === 'error') return 'error';
  if (kind === 'disconnected' || kind === 'reconnecting') return 'warn';
  return 'info';
}

/** Writes one connection timeline entry (reconnects, bans, auth failures…) to the log. */
export function logTimelineEntry(appLog: AppLog, entry: TimelineEntry): void {
  appLog[timelineLevel(entry.kind)](`timeline ${entry.kind}: ${entry.message}`);
}

/** An error as one log text: its stack when it has one (which starts with its message). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return `non-error thrown: ${typeof error === 'string' ? error : JSON.stringify(error)}`;
  } catch {
    return 'non-error thrown';
  }
}

/** The first line of an error, for a dialog (the stack stays in the log). */
export function errorSummary(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : describeError(error);
  return redact(text.split('\n')[0]!.slice(0, 500));
}

/**
 * Captures what would otherwise be lost in main: uncaught exceptions and unhandled rejections go to
 * the log as errors, then to `onError` (main turns one before the window shows into a visible
 * startup failure). Returns the function that removes the handlers.
 */
export function captureProcessErrors(appLog: AppLog, onError: (error: unknown) => void = () => {}): () => void {
  const uncaught = (error: unknown): void => {
    appLog.error(`uncaught exception in main: ${describeError(error)}`);
    onError(error);
  };
  const unhandled = (reason: unknown): void => {
    appLog.error(`unhandled rejection in main: ${describeError(reason)}`);
    onError(reason);
  };
  process.on('uncaughtException', uncaught);
  process.on('unhandledRejection', unhandled);
  return () => {
    process.off('uncaughtException', uncaught);
    process.off('unhandledRejection', unhandled);
  };
}
