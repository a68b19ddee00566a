/**
 * How the CLI fails: one line on stderr and an exit code a script can branch on. Every expected
 * failure is a CliError; anything else is a bug and exits 1 (still one line, never a stack trace).
 */

/** Process exit codes, part of the CLI's interface (printed by --help). */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  auth: 3,
  unreachable: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: its message is the one line printed, its code the exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** A bad command line or environment: the user must change how perpdesk is invoked. */
export function usageError(message: string): CliError {
  return new CliError(EXIT.usage, message);
}

/** Quotes a user-supplied value for an error message, shortened so a pasted blob cannot flood stderr. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
