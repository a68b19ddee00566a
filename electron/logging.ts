/**
 * The app's log: a rotating file (electron-log's Node entry, which works in Electron's main process
 * and in plain Node) behind a redaction step, so an API key, secret or signature that slips into a
 * message never reaches the disk or the console.
 */
import log from 'electron-log/node';
import { redact } from './exchange/signing';

export type LogLine = (line: string) => void;

/** Largest log file before it is rotated to `<name>.old.log`. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** A logger writing to `file` (and the console when `console` is true). */
export function createFileLogger(file: string, options: { console?: boolean } = {}): LogLine {
  const logger = log.create({ logId: `perpdesk-${file}` });
  const fileTransport = logger.transports.file;
  if (fileTransport !== null && fileTransport !== undefined) {
    fileTransport.resolvePathFn = () => file;
    fileTransport.maxSize = MAX_LOG_BYTES;
  }
  const consoleTransport = logger.transports.console;
  if (consoleTransport !== null && consoleTransport !== undefined && options.console !== true) consoleTransport.level = false;
  logger.hooks.push((message) => {
    message.data = message.data.map((datum: unknown) => (typeof datum === 'string' ? redact(datum) : redact(JSON.stringify(datum) ?? '')));
    return message;
  });
  return (line) => logger.warn(line);
}
