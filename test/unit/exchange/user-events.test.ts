import { describe, expect, it } from 'vitest';
import { readUserEvent } from '../../../electron/exchange/user-events';

const accountUpdate = {
  e: 'ACCOUNT_UPDATE',
  E: 1564745798939,
  T: 1564745798938,
  a: {
    m: 'ORDER',
    B: [{ a: 'USDT', wb: '122624.12345678', cw: '100.12345678', bc: '50.12345678' }],
    P: [
      { s: 'BTCUSDT', pa: '20', ep: '6563.66500', bep: '6564.32', cr: '0', up: '2850.21200', mt: 'isolated', iw: '13200.70726908', ps: 'LONG' },
      { s: 'BTCUSDT', pa: '-10', ep: '6563.86000', bep: '6563.6', cr: '-45.04000000', up: '-1423.15600', mt: 'isolated', iw: '6570.42511771', ps: 'SHORT' },
    ],
  },
};

describe('user data events (PROTOCOL §6)', () => {
  it('reads the documented ACCOUNT_UPDATE example', () => {
    const event = readUserEvent(accountUpdate);
    expect(event).toMatchObject({ type: 'account-update' });
    if (event === null || event === 'ignored' || event.type !== 'account-update') return;
    expect(event.event.a.P?.map((p) => `${p.s}:${p.ps}:${p.pa}`)).toEqual(['BTCUSDT:LONG:20', 'BTCUSDT:SHORT:-10']);
  });

  it('reads MARGIN_CALL, ORDER_TRADE_UPDATE, ACCOUNT_CONFIG_UPDATE and listenKeyExpired (E as string or number)', () => {
    expect(
      readUserEvent({ e: 'MARGIN_CALL', E: 1587727187525, cw: '3.16812045', p: [{ s: 'ETHUSDT', ps: 'LONG', pa: '1.327', mt: 'CROSSED', iw: '0', mp: '187.17127', up: '-1.166074', mm: '1.614445' }] }),
    ).toMatchObject({ type: 'margin-call' });
    const order = { s: 'BTCUSDT', x: 'TRADE', X: 'FILLED', c: 'autoclose-1', S: 'SELL', ps: 'BOTH', l: '1', z: '1', L: '97000', ap: '97000' } as const;
    expect(readUserEvent({ e: 'ORDER_TRADE_UPDATE', E: 2, T: 1, o: order })).toEqual({ type: 'order-update', symbol: 'BTCUSDT', time: 1, eventTime: 2, order });
    expect(readUserEvent({ e: 'ACCOUNT_CONFIG_UPDATE', E: 1, T: 1, ac: { s: 'BTCUSDT', l: 25 } })).toMatchObject({ type: 'config-update' });
    expect(readUserEvent({ e: 'listenKeyExpired', E: '1736996475556', listenKey: 'k' })).toEqual({ type: 'listen-key-expired' });
    expect(readUserEvent({ e: 'listenKeyExpired', E: 1736996475556, listenKey: 'k' })).toEqual({ type: 'listen-key-expired' });
  });

  it('ignores unknown events and rejects malformed ones', () => {
    expect(readUserEvent({ e: 'TRADE_LITE', E: 1 })).toBe('ignored');
    expect(readUserEvent({ e: 'GRID_UPDATE' })).toBe('ignored');
    for (const bad of [null, 42, 'x', [], { E: 1 }]) {
      expect(readUserEvent(bad)).toBeNull();
    }
    // A known event with an unreadable envelope is reported as such, so the loss can be said.
    expect(readUserEvent({ ...accountUpdate, T: '1' })).toEqual({ type: 'invalid', eventType: 'ACCOUNT_UPDATE' });
    expect(readUserEvent({ ...accountUpdate, T: 2 ** 60 })).toEqual({ type: 'invalid', eventType: 'ACCOUNT_UPDATE' });
    // An odd row is dropped on its own (row-by-row tests: test/unit/desk/user-event-rows.test.ts).
    expect(readUserEvent({ ...accountUpdate, a: { m: 'ORDER', P: [{ s: 'BTCUSDT', pa: '1e309' }] } })).toMatchObject({
      type: 'account-update',
      dropped: [{ kind: 'ACCOUNT_UPDATE position row', count: 1 }],
    });
  });
});
