/**
 * The account state (account-state.ts): a read and the stream's balance rows, merged by time — a
 * balance newer than what the read knows replaces its wallet, an older or repeated one changes
 * nothing, equal `T` is ordered by `E` then arrival, and a reconnect makes the next read the truth.
 */
import { describe, expect, it } from 'vitest';
import type { AccountAssetRead, AccountStatusRead } from '../../../electron/exchange/account-types';
import { accountBasis, applyAccountRead, applyBalances, applyMultiAssets, EMPTY_ACCOUNT, forgetStreamTimes, type AccountState } from '../../../electron/positions/account-state';

function asset(name: string, wallet: string, updateTime: number): AccountAssetRead {
  return {
    asset: name, walletBalance: wallet, unrealizedProfit: '0', marginBalance: wallet, maintMargin: '0', initialMargin: '0',
    positionInitialMargin: '0', openOrderInitialMargin: '0', crossWalletBalance: wallet, crossUnPnl: '0',
    availableBalance: wallet, maxWithdrawAmount: wallet, updateTime,
  };
}

function read(wallet: string, updateTime = 0): AccountStatusRead {
  const z = '0';
  return {
    totals: {
      totalWalletBalance: wallet, totalUnrealizedProfit: z, totalMarginBalance: wallet, totalMaintMargin: z, totalInitialMargin: z,
      totalPositionInitialMargin: z, totalOpenOrderInitialMargin: z, totalCrossWalletBalance: wallet, totalCrossUnPnl: z,
      availableBalance: wallet, maxWithdrawAmount: wallet,
    },
    assets: [asset('USDT', wallet, updateTime)],
    positions: [],
  };
}

const at = (state: AccountState, serverTime: number, status: AccountStatusRead): AccountState =>
  applyAccountRead(state, { read: status, serverTime, receivedAt: serverTime + 1, lagAllowanceMs: 0 });
const wallet = (state: AccountState, name = 'USDT'): number | undefined => state.balances.get(name)?.walletBalance;

describe('account state (account-state.ts)', () => {
  it('has no figures before the first read', () => {
    expect(accountBasis(EMPTY_ACCOUNT)).toBeNull();
    expect(accountBasis(at(EMPTY_ACCOUNT, 100, read('10')))?.readAt).toBe(101);
  });

  it('a balance newer than the read replaces it; one the read already knows changes nothing', () => {
    const loaded = at(EMPTY_ACCOUNT, 1_000, read('10', 900));
    expect(applyBalances(loaded, [{ a: 'USDT', wb: '9', cw: '9' }], 1_000, 1_000, 5)).toBe(loaded); // as of the read
    const newer = applyBalances(loaded, [{ a: 'USDT', wb: '12', cw: '11' }], 1_001, 1_001, 5);
    expect(wallet(newer)).toBe(12);
    expect(newer.balances.get('USDT')?.crossWalletBalance).toBe(11);
    expect(newer.balanceAt).toBe(5);
    // The same event again, or an older one, changes nothing.
    expect(applyBalances(newer, [{ a: 'USDT', wb: '12', cw: '11' }], 1_001, 1_000, 6).balances.get('USDT')?.walletBalance).toBe(12);
    expect(wallet(applyBalances(newer, [{ a: 'USDT', wb: '1', cw: '1' }], 1_000, 1_002, 6))).toBe(12);
  });

  it('rows with one T are ordered by E, then arrival', () => {
    const loaded = at(EMPTY_ACCOUNT, 100, read('10'));
    const later = applyBalances(loaded, [{ a: 'USDT', wb: '2', cw: '2' }], 200, 205, 1);
    expect(wallet(applyBalances(later, [{ a: 'USDT', wb: '1', cw: '1' }], 200, 204, 2))).toBe(2); // earlier E: older
    expect(wallet(applyBalances(later, [{ a: 'USDT', wb: '3', cw: '3' }], 200, 205, 2))).toBe(3); // same E: arrival
    expect(wallet(applyBalances(later, [{ a: 'USDT', wb: '4', cw: '4' }], 200, 206, 2))).toBe(4);
  });

  it('a lagging read keeps the newer stream balance; a read that knows it drops the override', () => {
    const withStream = applyBalances(at(EMPTY_ACCOUNT, 100, read('10')), [{ a: 'USDT', wb: '20', cw: '20' }], 500, 500, 1);
    // Requested at 600 but lagging: its asset says it was last updated at 400, trusted only up to 600 − 1 000.
    const lagging = applyAccountRead(withStream, { read: read('10', 400), serverTime: 600, receivedAt: 2, lagAllowanceMs: 1_000 });
    expect(wallet(lagging)).toBe(20);
    const knowing = applyAccountRead(lagging, { read: read('20', 500), serverTime: 700, receivedAt: 3, lagAllowanceMs: 1_000 });
    expect(knowing.balances.size).toBe(0);
    expect(knowing.read?.assets[0]?.walletBalance).toBe('20');
  });

  it('balances of assets the read does not list are kept; odd numbers are skipped row by row', () => {
    const loaded = at(EMPTY_ACCOUNT, 100, read('10'));
    const next = applyBalances(loaded, [{ a: 'USDC', wb: '5', cw: '5' }, { a: 'BNB', wb: '1e999', cw: '0' }], 200, 200, 1);
    expect(wallet(next, 'USDC')).toBe(5);
    expect(next.balances.has('BNB')).toBe(false);
  });

  it('after a reconnect the next read wins over every balance the old stream gave, not over the new stream', () => {
    const withStream = applyBalances(at(EMPTY_ACCOUNT, 100, read('10')), [{ a: 'USDT', wb: '20', cw: '20' }], 50_000, 50_000, 1);
    const reconnected = forgetStreamTimes(withStream);
    expect(wallet(reconnected)).toBe(20); // still shown meanwhile
    const fresh = applyBalances(reconnected, [{ a: 'USDT', wb: '21', cw: '21' }], 10, 10, 2);
    expect(wallet(fresh)).toBe(21); // the new stream's clock may be anywhere (another exchange)
    expect(at(reconnected, 200, read('15')).balances.size).toBe(0);
  });

  it('the Multi-Assets mode is kept as said', () => {
    const state = applyMultiAssets(EMPTY_ACCOUNT, true);
    expect(state.multiAssets).toBe(true);
    expect(applyMultiAssets(state, true)).toBe(state);
  });
});
