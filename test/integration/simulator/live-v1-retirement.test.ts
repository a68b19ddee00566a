/**
 * The v1 account methods' retirement and weights (PROTOCOL §13.3): v1 `account.position` costs 10
 * (change log 2024-08-07), v2 5, as `rateLimits` reports; a retired method answers an error, not
 * data, until it is restored.
 */
import { describe, expect, it } from 'vitest';
import { liveSimulators } from './live-helpers';

const start = liveSimulators();

const countOf = (reply: { rateLimits?: { count: number }[] }): number => reply.rateLimits![0]!.count;

describe('v1 weights', () => {
  it('v1 account.position is charged 10 and v2 5, and rateLimits says so', async () => {
    const { call } = await start();
    const first = countOf(await call('v2/account.position', 'oneway'));
    const afterV1 = countOf(await call('account.position', 'oneway'));
    const afterV2 = countOf(await call('v2/account.position', 'oneway'));
    expect(afterV1 - first).toBe(10);
    expect(afterV2 - afterV1).toBe(5);
  });
});

describe('retiring a v1 method', () => {
  it('answers 400 / -5000 "… is retired, use v2/…" until restored; v2 keeps serving', async () => {
    const { sim, call } = await start();
    sim.control.retireMethod('account.position');
    const refused = await call('account.position', 'oneway');
    expect(refused.status).toBe(400);
    expect(refused.error?.code).toBe(-5000);
    expect(refused.error?.msg).toMatch(/account\.position is retired, use v2\/account\.position/);
    expect(refused.result).toBeUndefined();
    expect((await call('v2/account.position', 'oneway')).status).toBe(200);
    expect((await call('account.status', 'oneway')).status).toBe(200);
    expect(sim.control.restoreMethod('account.position')).toBe(1);
    const back = await call('account.position', 'oneway');
    expect(back.status).toBe(200);
    expect(back.result).toEqual(sim.truth('oneway'));
  });

  it('as unknown: the same error as a method the exchange never had', async () => {
    const { sim, call, api } = await start();
    sim.control.retireMethod('account.balance', 'unknown');
    sim.control.retireMethod('account.status');
    const unknown = await api.call({ id: 'x', method: 'no.such.method', params: {} });
    const retired = await call('account.balance', 'oneway');
    expect(retired.status).toBe(unknown.status);
    expect(retired.error).toEqual(unknown.error);
    expect((await call('account.status', 'oneway')).error?.code).toBe(-5000);
    expect((await call('v2/account.balance', 'oneway')).status).toBe(200);
    expect(sim.control.restoreMethod()).toBe(2);
    expect((await call('account.balance', 'oneway')).status).toBe(200);
  });

  it('refuses methods that cannot be retired', async () => {
    const { sim } = await start();
    const reply = sim.control.run({ command: 'retireMethod', method: 'v2/account.position' });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).toMatch(/method/);
  });
});
