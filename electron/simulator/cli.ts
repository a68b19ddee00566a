/**
 * `npm run sim`: runs the simulator standalone and prints its URLs and demo credentials, for
 * anyone pointing a client (PerpDesk's or a third-party library) at it.
 *
 *   npm run sim -- [--port 8900] [--host 127.0.0.1] [--seed 1] [--interval 1000]
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index';

/** Parses an integer flag strictly; the CLI is an input from outside and is validated. */
function integerFlag(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    throw new RangeError(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      interval: { type: 'string' },
    },
    strict: true,
  });
  const simulator = await startSimulator({
    host: values.host ?? '127.0.0.1',
    port: integerFlag('port', values.port, 0),
    seed: integerFlag('seed', values.seed, 1),
    markIntervalMs: integerFlag('interval', values.interval, 1000),
  });
  process.stdout.write(`${JSON.stringify({ urls: simulator.urls, accounts: simulator.accounts }, null, 2)}\n`);
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
