/**
 * `npm run sim`: runs the simulator standalone for anyone pointing a client (PerpDesk's or a
 * third-party library) at it. The first line of stdout is one compact JSON object with the
 * URLs and every demo key, so scripts can read it with a single line read; then it serves
 * until SIGINT/SIGTERM. Bad flags print one line on stderr and exit with status 2.
 *
 *   npm run --silent sim -- [--port N] [--host H] [--scenario oneway|hedge|mixed|large]
 *     [--tick-ms N] [--symbols N] [--seed N] [--control] [--no-activity]
 */
import { parseArgs } from 'node:util';
import { type RunningSimulator, type ScenarioName, startSimulator } from './index';
import { SCENARIO_NAMES } from './scenarios';

/** A usage error: reported as one line, exit status 2. */
class UsageError extends Error {}

/** Parses an integer flag strictly; the CLI is an input from outside and is validated. */
function integerFlag(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string' },
        'tick-ms': { type: 'string' },
        interval: { type: 'string' }, // the first cut's name for --tick-ms
        symbols: { type: 'string' },
        control: { type: 'boolean' },
        'no-activity': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const scenario = values.scenario ?? 'oneway';
  if (!SCENARIO_NAMES.includes(scenario as ScenarioName)) {
    throw new UsageError(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}, got ${JSON.stringify(scenario)}`);
  }
  return {
    host: values.host ?? '127.0.0.1',
    port: integerFlag('port', values.port, 0, 0, 65535),
    seed: integerFlag('seed', values.seed, 1, 0, Number.MAX_SAFE_INTEGER),
    scenario: scenario as ScenarioName,
    markIntervalMs: integerFlag('tick-ms', values['tick-ms'] ?? values.interval, 1000, 1, 3_600_000),
    symbols: integerFlag('symbols', values.symbols, 200, 1, 5000),
    control: values.control ?? false,
    activity: !(values['no-activity'] ?? false),
  };
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  // Listen for signals before anything is printed: a harness may signal as soon as it has read
  // the first line, and a signal that arrives before its listener kills the process outright.
  // `on`, not `once`, and idempotent: Ctrl+C under `npm run` delivers SIGINT twice (from the
  // terminal to the whole process group, and relayed by tsx).
  const started: { simulator?: RunningSimulator } = {};
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    if (!started.simulator) process.exit(0); // still starting: nothing to close yet
    started.simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const simulator = await startSimulator(options);
  started.simulator = simulator;
  const { wsApi, market, rest } = simulator.urls;
  const accounts = simulator.keys.map((k) =>
    k.keyType === 'HMAC'
      ? { name: k.name, keyType: k.keyType, apiKey: k.apiKey, secret: k.secret }
      : { name: k.name, keyType: k.keyType, apiKey: k.apiKey, privateKeyPem: k.privateKeyPem },
  );
  // One compact line (PEM newlines are escaped by JSON), so `head -n 1` is enough for scripts.
  // The control token is printed only when the control endpoint is served: it is its only key.
  const control = options.control ? { controlToken: simulator.controlToken } : {};
  process.stdout.write(`${JSON.stringify({ wsApi, market, private: simulator.urls.private, rest, accounts, ...control })}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sim: ${message.split('\n')[0]}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
