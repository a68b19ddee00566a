/**
 * The command line, parsed with node:util parseArgs and validated in full: every flag's value,
 * which flags go together, and no flag given twice. A command line is input from outside the
 * process (DESIGN §1), so nothing here is trusted until it has been checked. Keys are deliberately
 * not flags: a flag ends up in shell history and `ps` output.
 */
import { parseArgs } from 'node:util';
import { demoAccountSchema, environmentSchema, type DemoAccount, type Environment } from '../../shared/connection';
import { symbolNameSchema } from '../../shared/symbols';
import { checkEndpoints, type Endpoints } from '../exchange/endpoints';
import { quoted, usageError } from './errors';

export type Command = 'snapshot' | 'watch';

export interface CliOptions {
  command: Command;
  /** Only this symbol (upper-cased); null: every position. */
  symbol: string | null;
  /** snapshot only: flat rows too. */
  all: boolean;
  json: boolean;
  environment: Environment;
  /** Which simulator account in demo mode. */
  demoAccount: DemoAccount;
  /** The checked URLs of a custom environment; null otherwise. */
  customEndpoints: Endpoints | null;
  /** How long to wait for a live connection and the first snapshot. */
  timeoutMs: number;
}

export type ParsedArgs = { help: true } | { help: false; options: CliOptions };

export const DEFAULT_TIMEOUT_S = 20;
const MAX_TIMEOUT_S = 600;

const OPTIONS = {
  symbol: { type: 'string' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
  env: { type: 'string' },
  'demo-account': { type: 'string' },
  'ws-api': { type: 'string' },
  market: { type: 'string' },
  private: { type: 'string' },
  rest: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flag name ↔ the Endpoints field it sets (custom environment). */
const URL_FLAGS = { 'ws-api': 'wsApi', market: 'market', private: 'private', rest: 'rest' } as const satisfies Record<
  string,
  keyof Endpoints
>;
type UrlFlag = keyof typeof URL_FLAGS;

/** Flags people try for keys; refused with a pointer to the environment variables. */
const KEY_LIKE_FLAG = /^(api[-_]?key|api[-_]?secret|secret([-_]?key)?|private[-_]?key([-_]?file)?|key([-_]?file)?|pem)$/i;

/** Parses `argv` (without node and the script). Throws a usage CliError naming the offending flag. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const flags = argv.slice(0, indexOrEnd(argv, '--'));
  // --help wins over every other problem, so a user who is lost can always get the text.
  if (flags.includes('--help') || flags.includes('-h')) return { help: true };
  rejectKeyFlags(flags);

  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw usageError(describeParseError(error));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw usageError(`--${token.name} is given more than once.`);
    seen.add(token.name);
  }
  const { values, positionals } = parsed;

  const command = parseCommand(positionals);
  const environment = parseEnum('env', values.env, environmentSchema.options, 'demo');
  const demoAccount = parseEnum('demo-account', values['demo-account'], demoAccountSchema.options, 'oneway');
  if (values['demo-account'] !== undefined && environment !== 'demo') {
    throw usageError('--demo-account applies only to --env demo.');
  }
  if (values.all === true && command !== 'snapshot') throw usageError('--all applies only to the snapshot command.');
  return {
    help: false,
    options: {
      command,
      symbol: values.symbol === undefined ? null : parseSymbol(values.symbol),
      all: values.all === true,
      json: values.json === true,
      environment,
      demoAccount,
      customEndpoints: parseCustomUrls(environment, values),
      timeoutMs: parseTimeout(values.timeout) * 1000,
    },
  };
}

function indexOrEnd(list: readonly string[], item: string): number {
  const index = list.indexOf(item);
  return index < 0 ? list.length : index;
}

function rejectKeyFlags(flags: readonly string[]): void {
  for (const flag of flags) {
    if (!flag.startsWith('-')) continue;
    const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
    if (KEY_LIKE_FLAG.test(name)) {
      throw usageError(
        `Keys are never accepted as flags (they would end up in shell history): set PERPDESK_API_KEY and ` +
          `PERPDESK_API_SECRET or PERPDESK_PRIVATE_KEY_FILE instead of --${name}.`,
      );
    }
  }
}

/** parseArgs' own messages are long and may echo a value; say the same in one short line. */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' ]+)/.exec(message ?? '')?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown flag ${flag}. Run perpdesk --help for the list.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take/.test(message ?? '') ? `${flag} takes no value.` : `${flag} needs a value.`;
  }
  return `Invalid command line: ${message ?? String(error)}`;
}

function parseCommand(positionals: readonly string[]): Command {
  const [command, extra] = positionals;
  if (command === undefined) throw usageError('Missing command: use perpdesk snapshot or perpdesk watch (--help for more).');
  if (command !== 'snapshot' && command !== 'watch') {
    throw usageError(`Unknown command ${quoted(command)}: use snapshot or watch.`);
  }
  if (extra !== undefined) throw usageError(`Unexpected argument ${quoted(extra)} after ${command}.`);
  return command;
}

function parseEnum<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${flag} must be one of ${allowed.join(', ')} (got ${quoted(value)}).`);
}

function parseSymbol(value: string): string {
  const symbol = value.trim().toUpperCase();
  if (!symbolNameSchema.safeParse(symbol).success) {
    throw usageError(`--symbol must be a symbol such as BTCUSDT (got ${quoted(value)}).`);
  }
  return symbol;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_S;
  const seconds = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_S)) {
    throw usageError(`--timeout must be a whole number of seconds from 1 to ${MAX_TIMEOUT_S} (got ${quoted(value)}).`);
  }
  return seconds;
}

function parseCustomUrls(
  environment: Environment,
  values: Partial<Record<UrlFlag, string>>,
): Endpoints | null {
  const flags = Object.keys(URL_FLAGS) as UrlFlag[];
  if (environment !== 'custom') {
    const stray = flags.find((flag) => values[flag] !== undefined);
    if (stray !== undefined) throw usageError(`--${stray} applies only to --env custom.`);
    return null;
  }
  const missing = flags.filter((flag) => values[flag] === undefined);
  if (missing.length > 0) {
    throw usageError(`--env custom needs ${missing.map((flag) => `--${flag}`).join(', ')}.`);
  }
  const urls = Object.fromEntries(flags.map((flag) => [URL_FLAGS[flag], values[flag] ?? ''])) as unknown as Endpoints;
  try {
    return checkEndpoints(urls);
  } catch (error) {
    // checkEndpoints names the Endpoints field ("The wsApi URL …"); name the flag the user typed.
    const message = (error as Error).message;
    const field = /^The (\w+) URL/.exec(message)?.[1];
    const flag = flags.find((candidate) => URL_FLAGS[candidate] === field);
    throw usageError(flag === undefined ? message : `--${flag}: ${message}`);
  }
}
