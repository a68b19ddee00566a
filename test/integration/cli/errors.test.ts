/**
 * How the real CLI fails: one line on stderr, nothing on stdout, and the documented exit code —
 * 2 for usage, 3 when the exchange rejects the key, 4 when it cannot be reached.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { customFlags, hmacEnv, runCli, type CliResult } from './run-cli';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ seed: 3 });
});
afterAll(async () => {
  await simulator.close();
});

/** A failure as the user sees it: exactly one line on stderr, no stack trace, nothing on stdout. */
function expectFailure(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^perpdesk: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('perpdesk exit codes', () => {
  it('--help: the usage on stdout, exit 0', async () => {
    const result = await runCli(['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: perpdesk <snapshot\|watch> \[options\]/);
    expect(result.stdout).toMatch(/PERPDESK_API_SECRET/);
  });

  // One process per case: each costs a Node start-up, and one case per test keeps every test short.
  it.each([
    [[], /Missing command/],
    [['snapshot', '--frobnicate'], /Unknown flag --frobnicate/],
    [['watch', '--env', 'moon'], /--env must be one of demo, testnet, mainnet, custom/],
    [['snapshot', '--env', 'custom', '--ws-api', 'ws://exchange.example/ws-fapi/v1'], /--env custom needs --market, --private, --rest/],
    [['snapshot', '--secret=abc'], /never accepted as flags/],
  ])('usage error, exit 2: %j', async (args, pattern) => {
    expectFailure(await runCli(args), 2, pattern);
  });

  const KEY = 'k'.repeat(64);
  it.each([
    ['no key', {}, /PERPDESK_API_KEY is not set/],
    ['a key without its secret', { PERPDESK_API_KEY: KEY }, /secret is missing/],
    ['a secret and a PEM file', { PERPDESK_API_KEY: KEY, PERPDESK_API_SECRET: 's'.repeat(64), PERPDESK_PRIVATE_KEY_FILE: '/nonexistent.pem' }, /not both/],
    ['an unreadable PEM file', { PERPDESK_API_KEY: KEY, PERPDESK_PRIVATE_KEY_FILE: '/nonexistent/key.pem' }, /Cannot read PERPDESK_PRIVATE_KEY_FILE \(\/nonexistent\/key\.pem\): ENOENT/],
  ])('%s for a remote environment: exit 2 before any connection', async (_label, env, pattern) => {
    expectFailure(await runCli(['snapshot', '--env', 'testnet'], env), 2, pattern);
  });

  it('an unknown symbol on the exchange: exit 2', async () => {
    expectFailure(await runCli(['snapshot', '--symbol', 'NOPEUSDT', ...customFlags(simulator)], hmacEnv(simulator, 'oneway')), 2, /NOPEUSDT is not a trading perpetual/);
  });

  it('a wrong secret: exit 3 with the exchange-derived explanation, and the secret is never printed', async () => {
    const { PERPDESK_API_KEY } = hmacEnv(simulator, 'oneway');
    const wrong = 'WrongSecretCanary0123456789abcdefWrongSecretCanary0123456789abcd';
    const result = await runCli(['snapshot', '--json', ...customFlags(simulator)], { PERPDESK_API_KEY: PERPDESK_API_KEY!, PERPDESK_API_SECRET: wrong });
    expectFailure(result, 3, /signature/i);
    expect(result.stderr).not.toContain(wrong);
    expect(result.stderr).not.toContain(PERPDESK_API_KEY!);
  });

  it('an unknown API key: exit 3', async () => {
    const result = await runCli(['snapshot', ...customFlags(simulator)], { PERPDESK_API_KEY: 'x'.repeat(64), PERPDESK_API_SECRET: 'y'.repeat(64) });
    expectFailure(result, 3, /API key/);
  });

  it('nothing listening on the loopback port: exit 4 at once', async () => {
    const port = await closedPort();
    const base = `127.0.0.1:${port}`;
    const started = Date.now();
    const result = await runCli(
      ['snapshot', '--env', 'custom', '--ws-api', `ws://${base}/ws-fapi/v1`, '--market', `ws://${base}/market`, '--private', `ws://${base}/private`, '--rest', `http://${base}`],
      hmacEnv(simulator, 'oneway'),
    );
    expectFailure(result, 4, /Cannot reach the exchange/);
    // Not a timeout: the first failed attempt decides (the default --timeout is 20 s).
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
