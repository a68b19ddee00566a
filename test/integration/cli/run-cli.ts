/**
 * Runs the real CLI as a child process (`node --import tsx electron/cli/perpdesk.ts …`), with an
 * environment the test controls: the caller's PERPDESK_* variables never leak in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningSimulator } from '../../../electron/simulator';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = 'electron/cli/perpdesk.ts';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<CliResult>;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('PERPDESK_')) env[name] = value;
  return { ...env, ...extra };
}

/** Starts the CLI; it is killed after `killAfterMs` whatever happens, so no test can hang on it. */
export function startCli(args: string[], env: Record<string, string> = {}, killAfterMs = 15_000): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const exited = new Promise<CliResult>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export function runCli(args: string[], env: Record<string, string> = {}, killAfterMs?: number): Promise<CliResult> {
  return startCli(args, env, killAfterMs).exited;
}

/** `--env custom` flags pointing at a simulator the test started. */
export function customFlags(simulator: RunningSimulator): string[] {
  const { urls } = simulator;
  return ['--env', 'custom', '--ws-api', urls.wsApi, '--market', urls.market, '--private', urls.private, '--rest', urls.rest];
}

/** The HMAC key of a demo account, as the CLI reads it from the environment. */
export function hmacEnv(simulator: RunningSimulator, account: 'oneway' | 'hedge'): Record<string, string> {
  const credentials = simulator.accounts.find((candidate) => candidate.name === account);
  if (credentials === undefined) throw new Error(`no ${account} account`);
  return { PERPDESK_API_KEY: credentials.apiKey, PERPDESK_API_SECRET: credentials.secret };
}

/**
 * Records every distinct value of `read()` (polled every 5 ms) until stopped. The CLI's snapshot is
 * taken at some instant in between; whatever the marks did meanwhile, it must equal one of these.
 */
export function recordStates(read: () => string): { states: Set<string>; stop: () => void } {
  const states = new Set<string>([read()]);
  const timer = setInterval(() => states.add(read()), 5);
  return { states, stop: () => clearInterval(timer) };
}
