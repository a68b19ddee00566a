import { describe, expect, it } from 'vitest';
import { accountLabel, DEMO_ACCOUNT_LABEL } from '../../../renderer/components/labels';
import { type ConnectionStatus, demoAccountSchema } from '../../../shared/connection';

function connection(overrides: Partial<ConnectionStatus>): ConnectionStatus {
  return {
    state: 'live',
    environment: 'demo',
    profileName: 'Demo',
    demoAccount: 'oneway',
    latencyMs: null,
    clockOffsetMs: null,
    weightUsed: null,
    weightLimit: null,
    lastMessageAt: null,
    message: null,
    ...overrides,
  };
}

describe('demo account labels', () => {
  it('the switch names every demo account the schema knows, Multi-Assets included', () => {
    expect(demoAccountSchema.options.map((account) => DEMO_ACCOUNT_LABEL[account])).toEqual(['One-way', 'Hedge', 'Multi-Assets']);
  });

  it('in a sentence: lower case, except the proper name Multi-Assets', () => {
    expect(accountLabel(connection({ demoAccount: 'oneway' }))).toBe('Demo · one-way account');
    expect(accountLabel(connection({ demoAccount: 'hedge' }))).toBe('Demo · hedge account');
    expect(accountLabel(connection({ demoAccount: 'multi' }))).toBe('Demo · Multi-Assets account');
    expect(accountLabel(connection({ environment: 'mainnet', profileName: 'Main', demoAccount: null }))).toBe('Main · Mainnet');
  });
});
