/**
 * Position state compared as exact decimals: the exchange's strings carry more digits than a
 * double holds, and a change past the 15th significant digit is still a change.
 */
import { describe, expect, it } from 'vitest';
import { applyAccountUpdate } from '../../../electron/positions/account-update';
import { applySnapshot, EMPTY_STATE } from '../../../electron/positions/reducer';
import type { AccountUpdatePosition } from '../../../electron/exchange/user-events';
import { sameDecimal } from '../../../shared/decimal';
import { v1Row } from '../../support/position-fixture';

// Equal as doubles (Number() gives 100 and 1 for each), different as decimals.
const ENTRY_A = '100.00000000000000001';
const ENTRY_B = '100.00000000000000002';
const SIZE_A = '1.000000000000000001';

const held = v1Row({ positionAmt: '1', entryPrice: ENTRY_A, markPrice: '100', liquidationPrice: '80', notional: '100', updateTime: 1_000 });
const base = applySnapshot(EMPTY_STATE, { rows: [held], receivedAt: 1_000, serverTime: 1_000, symbol: null });
const change = (pa: string, ep: string): AccountUpdatePosition => ({ s: 'BTCUSDT', ps: 'BOTH', pa, ep, bep: ep, up: '0', mt: 'cross', iw: '0' });

describe('sameDecimal', () => {
  it('is exact past the digits a double holds, and ignores spelling', () => {
    expect(Number(ENTRY_A)).toBe(Number(ENTRY_B)); // the trap this guards against
    expect(sameDecimal(ENTRY_A, ENTRY_B)).toBe(false);
    expect(sameDecimal('1', SIZE_A)).toBe(false);
    expect(sameDecimal('-0.000000000000000000001', '0')).toBe(false);
    expect(sameDecimal('1.50', '1.5')).toBe(true);
    expect(sameDecimal('001.5', '1.500')).toBe(true);
    expect(sameDecimal('-0.00', '0')).toBe(true);
    expect(sameDecimal('0.0', '.0')).toBe(false); // not a plain decimal: equal only when identical
    expect(sameDecimal('-2.5', '2.5')).toBe(false);
    expect(sameDecimal('NaN', 'NaN')).toBe(true);
  });
});

describe('state comparisons use exact decimals', () => {
  it('an ACCOUNT_UPDATE that moves the entry past the 15th digit leaves the liquidation price pending', () => {
    const moved = applyAccountUpdate(base, [change('1', ENTRY_B)], 2_000, 2_000);
    expect(moved.rows.get('BTCUSDT:BOTH')?.liquidationPending).toBe(true);
    const resized = applyAccountUpdate(base, [change(SIZE_A, ENTRY_A)], 2_000, 2_000);
    expect(resized.rows.get('BTCUSDT:BOTH')?.liquidationPending).toBe(true);
    // The same numbers spelled otherwise do not move it.
    const same = applyAccountUpdate(base, [change('1.000', `${ENTRY_A}000`)], 2_000, 2_000);
    expect(same.rows.get('BTCUSDT:BOTH')?.liquidationPending).not.toBe(true);
  });

  it('a lagging snapshot differing past the 15th digit does not stand in for the pending stream row', () => {
    const pending = applyAccountUpdate(base, [change('1', ENTRY_B)], 2_000, 2_000);
    const lagging = v1Row({ positionAmt: '1', entryPrice: ENTRY_A, markPrice: '100', liquidationPrice: '81', notional: '100', updateTime: 1_000 });
    const after = applySnapshot(pending, { rows: [lagging], receivedAt: 2_500, serverTime: 1_500, symbol: null, lagAllowanceMs: 10_000 });
    const row = after.rows.get('BTCUSDT:BOTH')!;
    expect(row).toMatchObject({ entryPrice: ENTRY_B, liquidationPending: true });
    // The same state, exactly, is taken with its liquidation price.
    const matching = { ...lagging, entryPrice: ENTRY_B };
    const confirmed = applySnapshot(pending, { rows: [matching], receivedAt: 2_500, serverTime: 1_500, symbol: null, lagAllowanceMs: 10_000 });
    expect(confirmed.rows.get('BTCUSDT:BOTH')).toMatchObject({ entryPrice: ENTRY_B, liquidationPrice: '81' });
    expect(confirmed.rows.get('BTCUSDT:BOTH')?.liquidationPending).not.toBe(true);
  });
});
