/**
 * The CLI from arguments to exit code, with its inputs passed in (argv, environment, streams, the
 * stop signal) so that nothing here reads process globals. Every failure ends as one line on stderr.
 */
import type { Writable } from 'node:stream';
import { parseCliArgs } from './args';
import { Interrupted, INTERRUPTED, type CommandContext } from './context';
import { CliSession, type SessionOptions } from './desk-session';
import { CliError, EXIT } from './errors';
import type { Environ, ReadKeyFile } from './keys';
import type { Output } from './output';
import { snapshotCommand } from './snapshot';
import { planSession } from './target';
import { USAGE } from './usage';
import { watchCommand } from './watch';

export interface RunIo {
  env: Environ;
  stdout: Output;
  stderr: Writable;
  /** Aborted on SIGINT / SIGTERM. */
  signal: AbortSignal;
  readKeyFile?: ReadKeyFile;
  now?: () => number;
  session?: SessionOptions;
}

/** Runs one command; resolves to the process exit code. */
export async function run(argv: readonly string[], io: RunIo): Promise<number> {
  const fail = (error: unknown): number => {
    io.stderr.write(`perpdesk: ${oneLine(describe(error))}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.internal;
  };
  let parsed;
  let plan;
  try {
    parsed = parseCliArgs(argv);
    if (parsed.help) {
      io.stdout.stream.write(USAGE);
      return EXIT.ok;
    }
    plan = planSession(parsed.options, io.env, io.readKeyFile);
  } catch (error) {
    return fail(error);
  }
  const { options } = parsed;
  let session: CliSession;
  try {
    session = await CliSession.open(plan, io.session);
  } catch (error) {
    return fail(error);
  }
  const context: CommandContext = { session, options, out: io.stdout, signal: io.signal, now: io.now ?? Date.now };
  try {
    await (options.command === 'snapshot' ? snapshotCommand(context) : watchCommand(context));
    return EXIT.ok;
  } catch (error) {
    // Stopping watch with Ctrl-C is how it ends normally; a snapshot cut short printed nothing.
    if (error instanceof Interrupted) return options.command === 'watch' ? EXIT.ok : INTERRUPTED;
    return fail(error);
  } finally {
    await session.stop();
  }
}

function describe(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof Error) return `internal error: ${error.message}`;
  return `internal error: ${String(error)}`;
}

/** Messages are one line: scripts read stderr line by line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
