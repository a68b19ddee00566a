import { describe, expect, it } from 'vitest';
import { parseCliArgs, type CliOptions } from '../../../electron/cli/args';
import { CliError, EXIT } from '../../../electron/cli/errors';
import { MAINNET } from '../../../electron/exchange/endpoints';

function options(...argv: string[]): CliOptions {
  const parsed = parseCliArgs(argv);
  if (parsed.help) throw new Error('expected options, got help');
  return parsed.options;
}

/** The usage error a command line raises (and that it is one). */
function usage(...argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    return (error as CliError).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

const LOOPBACK = [
  '--ws-api', 'ws://127.0.0.1:9000/ws-fapi/v1/',
  '--market', 'ws://127.0.0.1:9000/market',
  '--private', 'ws://localhost:9000/private',
  '--rest', 'http://[::1]:9000',
];

describe('perpdesk arguments: what they mean', () => {
  it('defaults to demo, one-way account, all symbols, a table and a 20 s timeout', () => {
    expect(options('snapshot')).toEqual({
      command: 'snapshot',
      symbol: null,
      all: false,
      json: false,
      environment: 'demo',
      demoAccount: 'oneway',
      customEndpoints: null,
      timeoutMs: 20_000,
    });
    expect(options('watch').command).toBe('watch');
  });

  it('--help and -h win wherever they stand, even next to a bad flag', () => {
    for (const argv of [['--help'], ['-h'], ['snapshot', '--help'], ['watch', '--bogus', '-h'], ['--env', 'nope', '--help']]) {
      expect(parseCliArgs(argv)).toEqual({ help: true });
    }
  });

  it('reads every flag', () => {
    const parsed = options('snapshot', '--symbol', 'btcusdt', '--all', '--json', '--env', 'demo', '--demo-account', 'hedge', '--timeout', '7');
    expect(parsed).toMatchObject({ symbol: 'BTCUSDT', all: true, json: true, environment: 'demo', demoAccount: 'hedge', timeoutMs: 7_000 });
    expect(options('watch', '--symbol=ETHUSDT_260626').symbol).toBe('ETHUSDT_260626');
    expect(options('watch', '--json').json).toBe(true);
    expect(options('snapshot', '--demo-account', 'multi').demoAccount).toBe('multi');
    expect(options('snapshot', '--env', 'mainnet').environment).toBe('mainnet');
    expect(options('snapshot', '--env', 'testnet').environment).toBe('testnet');
    expect(options('snapshot', '--timeout', '600').timeoutMs).toBe(600_000);
  });

  it('flags may come before the command', () => {
    expect(options('--json', '--env', 'mainnet', 'watch')).toMatchObject({ command: 'watch', json: true, environment: 'mainnet' });
  });

  it('custom: the four URLs, checked (loopback may be plain ws/http) and without trailing slashes', () => {
    expect(options('snapshot', '--env', 'custom', ...LOOPBACK).customEndpoints).toEqual({
      wsApi: 'ws://127.0.0.1:9000/ws-fapi/v1',
      market: 'ws://127.0.0.1:9000/market',
      private: 'ws://localhost:9000/private',
      rest: 'http://[::1]:9000',
    });
    const tls = options('snapshot', '--env', 'custom', '--ws-api', MAINNET.wsApi, '--market', MAINNET.market, '--private', MAINNET.private, '--rest', MAINNET.rest);
    expect(tls.customEndpoints).toEqual(MAINNET);
  });
});

describe('perpdesk arguments: usage errors (exit 2) that name the flag', () => {
  it('a command is required, and only snapshot or watch', () => {
    expect(usage()).toMatch(/Missing command/);
    expect(usage('--json')).toMatch(/Missing command/);
    expect(usage('shapshot')).toMatch(/Unknown command "shapshot"/);
    expect(usage('snapshot', 'extra')).toMatch(/Unexpected argument "extra"/);
    expect(usage('snapshot', 'watch')).toMatch(/Unexpected argument "watch"/);
  });

  it('unknown flags, values given to switches, missing values', () => {
    expect(usage('snapshot', '--bogus')).toBe('Unknown flag --bogus. Run perpdesk --help for the list.');
    expect(usage('snapshot', '-x')).toMatch(/Unknown flag -x\b/);
    expect(usage('snapshot', '--no-json')).toMatch(/--no-json/);
    expect(usage('snapshot', '--json=yes')).toBe('--json takes no value.');
    expect(usage('snapshot', '--all=1')).toBe('--all takes no value.');
    expect(usage('snapshot', '--symbol')).toBe('--symbol needs a value.');
    expect(usage('snapshot', '--symbol', '--json')).toBe('--symbol needs a value.');
    expect(usage('snapshot', '--env')).toBe('--env needs a value.');
  });

  it('a flag given twice', () => {
    expect(usage('snapshot', '--json', '--json')).toBe('--json is given more than once.');
    expect(usage('snapshot', '--symbol', 'BTCUSDT', '--symbol=ETHUSDT')).toBe('--symbol is given more than once.');
  });

  it('bad values', () => {
    expect(usage('snapshot', '--env', 'prod')).toBe('--env must be one of demo, testnet, mainnet, custom (got "prod").');
    expect(usage('snapshot', '--demo-account', 'both')).toBe('--demo-account must be one of oneway, hedge, multi (got "both").');
    expect(usage('snapshot', '--symbol', 'BTC/USDT')).toMatch(/^--symbol must be a symbol such as BTCUSDT/);
    expect(usage('snapshot', '--symbol', 'B')).toMatch(/^--symbol/);
    for (const bad of ['0', '601', '1.5', 'abc', '-1', '', ' 5']) {
      expect(usage('snapshot', `--timeout=${bad}`)).toMatch(/^--timeout must be a whole number of seconds from 1 to 600/);
    }
  });

  it('a long bad value is shortened in the message', () => {
    const message = usage('snapshot', '--env', 'x'.repeat(500));
    expect(message.length).toBeLessThan(120);
  });

  it('flags that do not go together', () => {
    expect(usage('watch', '--all')).toBe('--all applies only to the snapshot command.');
    expect(usage('snapshot', '--env', 'mainnet', '--demo-account', 'hedge')).toBe('--demo-account applies only to --env demo.');
    expect(usage('snapshot', '--market', 'wss://x.example/market')).toBe('--market applies only to --env custom.');
    expect(usage('snapshot', '--env', 'testnet', '--rest', 'https://x.example')).toBe('--rest applies only to --env custom.');
  });

  it('custom needs all four URLs and names the missing ones', () => {
    expect(usage('snapshot', '--env', 'custom')).toBe('--env custom needs --ws-api, --market, --private, --rest.');
    expect(usage('snapshot', '--env', 'custom', '--ws-api', 'wss://x.example/ws-fapi/v1', '--rest', 'https://x.example')).toBe(
      '--env custom needs --market, --private.',
    );
  });

  it('custom URLs: TLS only off loopback, no credentials or query, valid URLs — naming the flag', () => {
    const custom = (flag: string, value: string): string[] => {
      const argv = ['snapshot', '--env', 'custom', ...LOOPBACK];
      argv[argv.indexOf(flag) + 1] = value;
      return argv;
    };
    expect(usage(...custom('--ws-api', 'ws://exchange.example/ws-fapi/v1'))).toMatch(/^--ws-api: The wsApi URL must start with wss:\/\//);
    expect(usage(...custom('--market', 'http://127.0.0.1:9000/market'))).toMatch(/^--market: /);
    expect(usage(...custom('--private', 'not a url'))).toMatch(/^--private: .*not a valid URL/);
    expect(usage(...custom('--rest', 'http://exchange.example'))).toMatch(/^--rest: The rest URL must start with https:\/\//);
    expect(usage(...custom('--rest', 'https://user:pw@exchange.example'))).toMatch(/^--rest: .*must not carry credentials/);
    expect(usage(...custom('--market', 'wss://exchange.example/market?x=1'))).toMatch(/^--market: /);
  });

  it('keys are refused as flags, pointing to the environment, without echoing the value', () => {
    for (const flag of ['--api-key', '--apiKey', '--secret', '--api-secret', '--private-key', '--private-key-file', '--key', '--pem']) {
      const message = usage('snapshot', `${flag}=s3cr3t-canary`);
      expect(message).toMatch(/never accepted as flags/);
      expect(message).toMatch(/PERPDESK_API_KEY/);
      expect(message).not.toContain('s3cr3t-canary');
    }
    expect(usage('snapshot', '--secret', 's3cr3t-canary')).not.toContain('s3cr3t-canary');
  });

  it('an unknown flag with an inline value does not echo the value', () => {
    expect(usage('snapshot', '--token=s3cr3t-canary')).not.toContain('s3cr3t-canary');
  });
});
