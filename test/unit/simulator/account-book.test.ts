/**
 * The account book: the events Binance pushes for fills, funding and liquidation, in order,
 * with only what changed.
 */
import { describe, expect, it } from 'vitest';
import type { Account, AccountName } from '../../../electron/simulator/account-model';
import { AccountBook, DEFAULT_MARGIN_CALL_RATIO } from '../../../electron/simulator/account-book';
import { demoAccounts } from '../../../electron/simulator/accounts';
import { dec } from '../../../electron/simulator/decimal';
import { createMarket } from '../../../electron/simulator/market';
import { SYMBOLS } from '../../../electron/simulator/symbols';
import type { UserEvent } from '../../../electron/simulator/user-events';

const T = Date.UTC(2026, 0, 15, 12);

function book(accounts: Record<AccountName, Account> = demoAccounts(T)) {
  const market = createMarket(SYMBOLS, 1);
  const events: [AccountName, UserEvent][] = [];
  const b = new AccountBook(accounts, { market, now: () => T, emit: (a, e) => events.push([a, e]), marginCallRatio: DEFAULT_MARGIN_CALL_RATIO });
  return { book: b, market, events };
}

describe('account book: liquidation', () => {
  it('an isolated long whose mark falls below its LP is closed at the LP and loses its margin', () => {
    const { book: b, market, events } = book();
    const walletBefore = b.get('oneway').walletBalance;
    market.walk.setMark('BTCUSDT', '92000'); // LP 92 019.21686747
    b.checkAllRisk();
    expect(b.get('oneway').positions.map((p) => p.symbol)).not.toContain('BTCUSDT');
    const kinds = events.filter(([a]) => a === 'oneway').map(([, e]) => e.e);
    expect(kinds).toEqual(['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
    const order = events[0]![1];
    if (order.e !== 'ORDER_TRADE_UPDATE') throw new Error('order first');
    expect(order.o).toMatchObject({
      s: 'BTCUSDT', S: 'SELL', o: 'LIQUIDATION', ot: 'LIQUIDATION', x: 'CALCULATED', X: 'FILLED', q: '0.250', L: '92019.21686747', R: true, ps: 'BOTH',
    });
    expect(order.o.c).toMatch(new RegExp(`^autoclose-${T}\\d{6}$`)); // Binance: "autoclose-<time><sequence>"
    expect(order.o.x).toBe('CALCULATED');
    const update = events[1]![1];
    if (update.e !== 'ACCOUNT_UPDATE') throw new Error('update second');
    expect(update.a.m).toBe('ORDER');
    expect(update.a.P).toEqual([expect.objectContaining({ s: 'BTCUSDT', pa: '0', ps: 'BOTH', mt: 'isolated', iw: '0.00000000' })]);
    expect(b.get('oneway').walletBalance).toBe(walletBefore - dec('2545.865'));
  });

  it('a short is liquidated when the mark rises above its LP; nothing happens on the safe side', () => {
    const { book: b, market, events } = book();
    market.walk.setMark('XRPUSDT', '2.5');
    b.checkAllRisk();
    expect(events).toEqual([]);
    market.walk.setMark('XRPUSDT', '2.9');
    b.checkAllRisk();
    expect(b.get('oneway').positions.map((p) => p.symbol)).not.toContain('XRPUSDT');
    expect(events.map(([, e]) => e.e)).toEqual(['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
  });

  it('hedge legs under cross share an LP and are liquidated together', () => {
    const { book: b, market, events } = book();
    market.walk.setMark('BTCUSDT', '10000');
    b.checkAllRisk();
    const hedgeEvents = events.filter(([a]) => a === 'hedge').map(([, e]) => e);
    const closed = hedgeEvents.flatMap((e) => (e.e === 'ACCOUNT_UPDATE' ? e.a.P.map((p) => `${p.s}:${p.ps}:${p.pa}`) : []));
    expect(closed).toEqual(expect.arrayContaining(['BTCUSDT:LONG:0', 'BTCUSDT:SHORT:0']));
    expect(b.get('hedge').positions.some((p) => p.symbol === 'BTCUSDT')).toBe(false);
  });
});

describe('account book: funding', () => {
  it('cross legs: one balance-only update; isolated legs: one update each with that leg', () => {
    const { book: b, events } = book();
    const before = b.get('oneway');
    b.settleFunding();
    const oneway = events.filter(([a]) => a === 'oneway').map(([, e]) => e);
    const updates = oneway.filter((e) => e.e === 'ACCOUNT_UPDATE');
    expect(updates.every((e) => e.e === 'ACCOUNT_UPDATE' && e.a.m === 'FUNDING_FEE')).toBe(true);
    const [cross, ...isolated] = updates;
    if (cross?.e !== 'ACCOUNT_UPDATE') throw new Error('expected an update');
    expect(cross.a.P).toEqual([]);
    // ETH −3.5 × 3650 × 0.0001 received (+1.2775), SOL 40 × 182.5 × 0.00007315 paid (−0.53399500),
    // 币安人生 8000 × 0.1924 × 0.00005 paid (−0.07696).
    expect(cross.a.B).toEqual([expect.objectContaining({ a: 'USDT', bc: '0.66654500' })]);
    expect(isolated.map((e) => (e.e === 'ACCOUNT_UPDATE' ? e.a.P.map((p) => p.s) : []))).toEqual([['BTCUSDT'], ['XRPUSDT']]);
    const btc = isolated[0];
    if (btc?.e !== 'ACCOUNT_UPDATE') throw new Error('expected an update');
    // BTC 0.25 × 104 250 × 0.0001 paid from its isolated wallet.
    expect(btc.a.B[0]!.bc).toBe('-2.60625000');
    expect(btc.a.P[0]!.iw).toBe('2543.25875000');
    const xrpFee = dec('5000') * dec('2.31') * dec('0.0001') / 10n ** 36n; // short receives
    expect(b.get('oneway').walletBalance).toBe(before.walletBalance + dec('0.666545') - dec('2.60625') + xrpFee);
  });
});
