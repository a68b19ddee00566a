#!/usr/bin/env node
/**
 * `perpdesk`: PerpDesk's positions in a terminal (DESIGN §2 `cli/`). Built to out/main/cli.js as
 * the package's bin. Plain Node: this entry and everything it imports must never import `electron`.
 */
import { run } from './run';

const controller = new AbortController();
const stop = (): void => controller.abort();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

// A reader that went away (`perpdesk watch --json | head -3`) is a normal way to stop.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') stop();
});

// Last resort: a bug still ends as one line, never a stack trace.
const crash = (error: unknown): void => {
  process.stderr.write(`perpdesk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

const code = await run(process.argv.slice(2), {
  env: process.env,
  stdout: {
    stream: process.stdout,
    isTTY: process.stdout.isTTY === true,
    // Getters: a terminal can be resized while watch runs.
    get columns() {
      return process.stdout.columns ?? 120;
    },
    get rows() {
      return process.stdout.rows ?? 40;
    },
  },
  stderr: process.stderr,
  signal: controller.signal,
});
process.exitCode = code;
// Every socket and timer is closed by now; an exit also covers one left by a dependency.
setTimeout(() => process.exit(code), 200).unref();
