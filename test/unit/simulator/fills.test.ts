/**
 * Fills against the account model, checked by hand: entry averaging, realised PnL on
 * reductions, one-way flips, the 0.04 % taker commission, and isolated margin moving between
 * the cross wallet and the leg.
 */
import { describe, expect, it } from 'vitest';
import { type Account, type OpenPosition, type PositionSide, accountProblems, crossWalletBalance } from '../../../electron/simulator/account-model';
import { type Dec, dec } from '../../../electron/simulator/decimal';
import { type Fill, applyFill } from '../../../electron/simulator/fills';
import { money8, trimmedPrice } from '../../../electron/simulator/format';

const T = Date.UTC(2026, 0, 15, 12);

function account(
  mode: 'oneway' | 'hedge',
  legs: [string, PositionSide, string, string, string?][],
  marginType: 'cross' | 'isolated' = 'cross',
): Account {
  return {
    name: mode,
    mode,
    walletBalance: dec('10000'),
    settings: new Map([['BTCUSDT', { leverage: 10, marginType, isAutoAddMargin: false }]]),
    positions: legs.map(([symbol, positionSide, amount, entry, iw]) => ({
      symbol,
      positionSide,
      positionAmt: dec(amount),
      entryPrice: dec(entry),
      isolatedWallet: dec(iw ?? '0'),
      updateTime: T - 1000,
    })),
  };
}

const fill = (side: 'BUY' | 'SELL', qty: string, price: string, positionSide: PositionSide = 'BOTH'): Fill => ({
  symbol: 'BTCUSDT',
  side,
  positionSide,
  quantity: dec(qty),
  price: dec(price),
  time: T,
});

function apply(before: Account, f: Fill) {
  const outcome = applyFill(before, f);
  if (!outcome.ok) throw new Error(outcome.error);
  expect(accountProblems(outcome.result.account)).toEqual([]);
  return outcome.result;
}

const legOf = (a: Account): OpenPosition | undefined => a.positions.find((p) => p.symbol === 'BTCUSDT');
const text = (value: Dec): string => money8(value);

describe('fills', () => {
  it('opens a leg at the fill price and charges 0.04 % of the notional', () => {
    const r = apply(account('oneway', []), fill('BUY', '0.5', '100000'));
    expect(legOf(r.account)).toMatchObject({ positionAmt: dec('0.5'), entryPrice: dec('100000'), updateTime: T });
    expect(text(r.commission)).toBe('20.00000000'); // 50 000 × 0.0004
    expect(text(r.account.walletBalance)).toBe('9980.00000000');
    expect(r.realizedPnl).toBe(0n);
  });

  it('averages the entry on increases: (1 × 100 000 + 1 × 110 000) / 2', () => {
    const r = apply(account('oneway', [['BTCUSDT', 'BOTH', '1', '100000']]), fill('BUY', '1', '110000'));
    expect(trimmedPrice(legOf(r.account)!.entryPrice)).toBe('105000.0');
    expect(legOf(r.account)!.positionAmt).toBe(dec('2'));
  });

  it('realises closed × (price − entry) on a partial reduction and keeps the entry', () => {
    const r = apply(account('oneway', [['BTCUSDT', 'BOTH', '2', '100000']]), fill('SELL', '0.5', '104000'));
    expect(text(r.realizedPnl)).toBe('2000.00000000'); // 0.5 × 4000
    expect(legOf(r.account)).toMatchObject({ positionAmt: dec('1.5'), entryPrice: dec('100000') });
    // wallet + 2000 − 0.5 × 104 000 × 0.0004 (20.8)
    expect(text(r.account.walletBalance)).toBe('11979.20000000');
    expect(r.leg.cumulativeRealized).toBe(dec('2000'));
  });

  it('a short gains when it buys back lower', () => {
    const r = apply(account('oneway', [['BTCUSDT', 'BOTH', '-1', '100000']]), fill('BUY', '1', '90000'));
    expect(text(r.realizedPnl)).toBe('10000.00000000');
    expect(legOf(r.account)).toBeUndefined(); // flat legs are not stored
    expect(r.leg).toMatchObject({ positionAmt: 0n, entryPrice: 0n });
  });

  it('flips a one-way position through zero: the rest opens at the fill price', () => {
    const r = apply(account('oneway', [['BTCUSDT', 'BOTH', '1', '100000']]), fill('SELL', '3', '95000'));
    expect(text(r.realizedPnl)).toBe('-5000.00000000'); // only the 1 closed realises
    expect(legOf(r.account)).toMatchObject({ positionAmt: dec('-2'), entryPrice: dec('95000') });
    expect(text(r.commission)).toBe('114.00000000'); // 3 × 95 000 × 0.0004
  });

  it('isolated: adds initial margin on increases, releases a share on reductions, none when flat', () => {
    const opened = apply(account('oneway', [], 'isolated'), fill('BUY', '1', '100000'));
    expect(legOf(opened.account)!.isolatedWallet).toBe(dec('10000')); // 100 000 / 10×
    // The wallet only lost the fee; the margin moved out of the cross wallet.
    expect(text(crossWalletBalance(opened.account))).toBe('-40.00000000');
    const reduced = apply(opened.account, fill('SELL', '0.25', '100000'));
    expect(legOf(reduced.account)!.isolatedWallet).toBe(dec('7500'));
    const closed = apply(reduced.account, fill('SELL', '0.75', '100000'));
    expect(legOf(closed.account)).toBeUndefined();
    expect(text(crossWalletBalance(closed.account))).toBe(text(closed.account.walletBalance));
  });

  it('hedge: BUY opens LONG, SELL opens SHORT (negative), opposite sides only reduce', () => {
    const long = apply(account('hedge', []), fill('BUY', '1', '100000', 'LONG'));
    const both = apply(long.account, fill('SELL', '0.4', '101000', 'SHORT'));
    expect(both.account.positions.map((p) => [p.positionSide, p.positionAmt])).toEqual([
      ['LONG', dec('1')],
      ['SHORT', dec('-0.4')],
    ]);
    const reduced = apply(both.account, fill('BUY', '0.4', '99000', 'SHORT'));
    expect(text(reduced.realizedPnl)).toBe('800.00000000'); // short 0.4 from 101 000 to 99 000
    expect(reduced.account.positions.map((p) => p.positionSide)).toEqual(['LONG']);
  });

  it('refuses what Binance refuses: wrong side for the mode, hedge legs crossing zero, non-positive sizes', () => {
    expect(applyFill(account('oneway', []), fill('BUY', '1', '1', 'LONG'))).toMatchObject({ ok: false });
    expect(applyFill(account('hedge', []), fill('BUY', '1', '1', 'BOTH'))).toMatchObject({ ok: false });
    const hedged = account('hedge', [['BTCUSDT', 'LONG', '1', '100000']]);
    expect(applyFill(hedged, fill('SELL', '2', '1', 'LONG'))).toMatchObject({ ok: false });
    expect(applyFill(account('hedge', []), fill('BUY', '1', '1', 'SHORT'))).toMatchObject({ ok: false });
    expect(applyFill(account('oneway', []), { ...fill('BUY', '1', '1'), quantity: 0n })).toMatchObject({ ok: false });
  });
});
