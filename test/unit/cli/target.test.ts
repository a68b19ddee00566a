import { describe, expect, it } from 'vitest';
import { parseCliArgs, type CliOptions } from '../../../electron/cli/args';
import { CliError } from '../../../electron/cli/errors';
import { KEY_ENV } from '../../../electron/cli/keys';
import { planSession } from '../../../electron/cli/target';
import { MAINNET, TESTNET } from '../../../electron/exchange/endpoints';

function options(...argv: string[]): CliOptions {
  const parsed = parseCliArgs(['snapshot', ...argv]);
  if (parsed.help) throw new Error('help');
  return parsed.options;
}
const KEYS = { [KEY_ENV.apiKey]: 'k'.repeat(64), [KEY_ENV.secret]: 's'.repeat(64) };

describe('what the CLI connects to', () => {
  it('demo needs no keys and ignores any that are set', () => {
    expect(planSession(options(), {})).toEqual({ kind: 'demo', demoAccount: 'oneway' });
    expect(planSession(options('--demo-account', 'hedge'), KEYS)).toEqual({ kind: 'demo', demoAccount: 'hedge' });
  });

  it('mainnet and testnet use their fixed endpoints and the keys from the environment', () => {
    const mainnet = planSession(options('--env', 'mainnet'), KEYS);
    expect(mainnet).toMatchObject({ kind: 'remote', keyType: 'HMAC', target: { environment: 'mainnet', endpoints: MAINNET, demoAccount: null } });
    expect(planSession(options('--env', 'testnet'), KEYS)).toMatchObject({ target: { environment: 'testnet', endpoints: TESTNET } });
  });

  it('custom uses the checked URLs', () => {
    const plan = planSession(
      options('--env', 'custom', '--ws-api', 'ws://127.0.0.1:1/ws-fapi/v1', '--market', 'ws://127.0.0.1:1/market', '--private', 'ws://127.0.0.1:1/private', '--rest', 'http://127.0.0.1:1/'),
      KEYS,
    );
    expect(plan).toMatchObject({ kind: 'remote', target: { environment: 'custom', endpoints: { rest: 'http://127.0.0.1:1' } } });
  });

  it('the session is named by key type, never by any part of the key', () => {
    const plan = planSession(options('--env', 'mainnet'), KEYS);
    if (plan.kind !== 'remote') throw new Error('remote expected');
    expect(plan.target.profileName).toBe('CLI HMAC key');
    expect(plan.target.profileName).not.toMatch(/kkkk/);
  });

  it('remote environments without keys are usage errors', () => {
    expect(() => planSession(options('--env', 'mainnet'), {})).toThrow(CliError);
    expect(() => planSession(options('--env', 'testnet'), { [KEY_ENV.apiKey]: 'k'.repeat(64) })).toThrow(/secret is missing/);
  });
});
