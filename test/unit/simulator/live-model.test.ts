/**
 * The pieces behind the live-exchange behaviours (PROTOCOL §13): event stamps, account history
 * for lagging snapshots, retirement, quantity splits, and the quote flood's arithmetic.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../electron/simulator/account-model';
import { AccountHistory, MAX_SNAPSHOT_LAG_MS } from '../../../electron/simulator/account-history';
import { dec } from '../../../electron/simulator/decimal';
import { EVENT_DELAY_MS, EventClock } from '../../../electron/simulator/event-clock';
import { quoteCount } from '../../../electron/simulator/quote-flood';
import { MethodRetirement } from '../../../electron/simulator/retirement';
import { splitQuantity } from '../../../electron/simulator/trade-reports';

const account = (wallet: string): Account => ({ name: 'oneway', mode: 'oneway', walletBalance: dec(wallet), settings: new Map(), positions: [] });

describe('event clock', () => {
  it('E is EVENT_DELAY_MS after T and strictly increasing, also for events sharing one T', () => {
    const clock = new EventClock();
    expect(clock.stamp(1000)).toBe(1000 + EVENT_DELAY_MS);
    expect(clock.stamp(1000)).toBe(1000 + EVENT_DELAY_MS + 1);
    expect(clock.stamp(5000)).toBe(5000 + EVENT_DELAY_MS);
  });
});

describe('account history', () => {
  it('answers the state in force at a time, the start-up state before any change', () => {
    const history = new AccountHistory([account('1')]);
    history.record(account('2'), 1000);
    history.record(account('3'), 2000);
    const walletAt = (time: number) => history.at('oneway', time)!.walletBalance;
    expect(walletAt(500)).toBe(dec('1'));
    expect(walletAt(1000)).toBe(dec('2'));
    expect(walletAt(1999)).toBe(dec('2'));
    expect(walletAt(2500)).toBe(dec('3'));
  });

  it('forgets what no lag can reach, but keeps the state at the horizon', () => {
    const history = new AccountHistory([account('1')]);
    for (let i = 1; i <= 100; i++) history.record(account(String(i + 1)), i * 1000);
    const horizon = 100_000 - MAX_SNAPSHOT_LAG_MS;
    expect(history.at('oneway', horizon)!.walletBalance).toBe(dec(String(horizon / 1000 + 1)));
    expect(history.at('oneway', 0)!.walletBalance).toBe(dec(String(horizon / 1000 + 1))); // older ones are gone
  });
});

describe('retirement', () => {
  it('retired answers -5000 naming the v2 method; unknown answers -1020; restore brings them back', () => {
    const retirement = new MethodRetirement();
    expect(retirement.errorFor('account.position')).toBeUndefined();
    retirement.retire('account.position');
    retirement.retire('account.balance', 'unknown');
    expect(retirement.errorFor('account.position')).toEqual({ status: 400, code: -5000, msg: 'account.position is retired, use v2/account.position instead.' });
    expect(retirement.errorFor('account.balance')?.code).toBe(-1020);
    expect(retirement.restore('account.position')).toBe(1);
    expect(retirement.restore()).toBe(1);
    expect(retirement.stateOf('account.balance')).toBeUndefined();
  });
});

describe('splits and counts', () => {
  it('splits an order on the step grid, the remainder last; refuses empty parts', () => {
    expect(splitQuantity(dec('5'), dec('1'), 2)).toEqual([dec('2'), dec('3')]);
    expect(splitQuantity(dec('0.010'), dec('0.001'), 3)).toEqual([dec('0.003'), dec('0.003'), dec('0.004')]);
    expect(splitQuantity(dec('0.002'), dec('0.001'), 3)).toBeUndefined();
  });

  it('a flood sends rate × duration orders, at least one', () => {
    expect(quoteCount(100, 300)).toBe(30);
    expect(quoteCount(1, 10)).toBe(1);
    expect(quoteCount(200, 60_000)).toBe(12_000);
  });
});
