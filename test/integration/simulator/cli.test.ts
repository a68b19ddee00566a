/**
 * `npm run sim`: the first stdout line is one compact JSON object with the URLs and every demo
 * key; the simulator serves until SIGINT/SIGTERM and then exits cleanly; bad flags print one
 * stderr line and exit with status 2. Real child processes, bounded in time, always reaped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
/** The simulator process itself, without tsx's wrapper process in between (`node --import tsx`). */
const NODE_TSX = [process.execPath, '--import', 'tsx', 'electron/simulator/cli.ts'] as const;
/** tsx compiles on start; on a loaded machine that takes seconds. */
const START_MS = 45_000;

const children: ChildProcess[] = [];
afterEach(() => {
  // Each child was started in its own process group: end that group (and only it) if still alive.
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

function run(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no first line in time')), START_MS);
    createInterface({ input: child.stdout! }).once('line', (line) => (clearTimeout(timer), resolve(line)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code} before printing`))));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('did not exit in time')), START_MS);
    child.once('exit', (code, signal) => (clearTimeout(timer), resolve({ code, signal, stderr })));
  });
}

describe('npm run sim', () => {
  it('prints one compact JSON line first, serves the chosen scenario, and stops on SIGINT', async () => {
    const child = run('npm', ['run', '--silent', 'sim', '--', '--port', '0', '--scenario', 'large', '--symbols', '30', '--tick-ms', '50', '--seed', '3', '--control']);
    const done = exited(child);
    const line = await firstLine(child);
    expect(line.startsWith('{') && !line.includes('\n')).toBe(true);
    const printed = JSON.parse(line) as Record<string, unknown> & { rest: string; accounts: Record<string, string>[] };
    expect(Object.keys(printed)).toEqual(['wsApi', 'market', 'private', 'rest', 'accounts', 'controlToken']);
    expect(printed.controlToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(printed.wsApi).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws-fapi\/v1$/);
    expect(printed.accounts.map((a) => `${a.name}:${a.keyType}`)).toEqual([
      'oneway:HMAC', 'hedge:HMAC', 'multi:HMAC', 'oneway:ED25519', 'hedge:ED25519', 'oneway:RSA', 'hedge:RSA',
    ]);
    for (const account of printed.accounts) {
      expect(Object.keys(account)).toEqual(['name', 'keyType', 'apiKey', account.keyType === 'HMAC' ? 'secret' : 'privateKeyPem']);
    }
    expect(printed.accounts.find((a) => a.keyType === 'ED25519')!.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);

    const info = (await (await fetch(`${printed.rest}/fapi/v1/exchangeInfo`)).json()) as { symbols: { symbol: string }[] };
    expect(info.symbols.filter((s) => /^X\d{4}USDT$/.test(s.symbol)).length).toBe(30);
    const command = JSON.stringify({ command: 'truth', account: 'hedge' });
    const blind = await fetch(`${printed.rest}/__sim`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: command });
    expect(blind.status).toBe(401);
    const truth = await fetch(`${printed.rest}/__sim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${String(printed.controlToken)}` },
      body: command,
    });
    expect(truth.status).toBe(200);

    // Ctrl+C reaches the whole foreground process group: npm, the shell, tsx and the simulator.
    process.kill(-child.pid!, 'SIGINT');
    await done;
    await expect(fetch(`${printed.rest}/fapi/v1/time`)).rejects.toThrow();
  }, 2 * START_MS);

  it('exits with status 0 on SIGTERM', async () => {
    const [node, ...args] = NODE_TSX;
    const child = run(node, [...args, '--port', '0']);
    const done = exited(child);
    await firstLine(child);
    child.kill('SIGTERM');
    expect(await done).toMatchObject({ code: 0, stderr: '' });
  }, 2 * START_MS);

  it('refuses bad flags with one stderr line and status 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option '--bogus'/],
      [['--scenario', 'huge'], /--scenario must be one of oneway, hedge, mixed, large/],
      [['--tick-ms', '0'], /--tick-ms must be an integer from 1/],
      [['--port', 'eighty'], /--port must be an integer/],
      [['--symbols', '-5'], /--symbols/],
    ];
    const [node, ...prefix] = NODE_TSX;
    const outcomes = await Promise.all(cases.map(([args]) => exited(run(node, [...prefix, ...args]))));
    outcomes.forEach(({ code, stderr }, i) => {
      expect(code, cases[i]![0].join(' ')).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(cases[i]![1]);
    });
    const viaNpm = await exited(run('npm', ['run', '--silent', 'sim', '--', '--seed', '1.5']));
    expect(viaNpm.code).toBe(2);
    expect(viaNpm.stderr.trimEnd().split('\n')).toEqual(['sim: --seed must be an integer from 0 to 9007199254740991, got "1.5"']);
  }, 2 * START_MS);
});
