import { describe, expect, it } from 'vitest';
import { positionsCsv } from '../../../electron/desk/csv';
import type { PositionRow } from '../../../shared/position';

const row = {
  symbol: 'ETHUSDT',
  positionSide: 'BOTH',
  positionAmt: '-3.500',
  entryPrice: '3712.45',
  breakEvenPrice: '3709.48',
  liquidationPrice: '0',
  marginType: 'cross',
  leverage: '20',
  derived: {
    markPrice: '3648.36',
    liquidationDistancePct: null,
    margin: 638.463,
    marginRatioPct: null,
    notional: -12769.26,
    unrealizedPnl: 224.315,
    roePct: 35.1337,
    fundingRate: 0.0001,
    nextFundingTime: Date.UTC(2026, 11, 2, 8),
    fundingIntervalHours: 8,
    estimatedFunding: 1.276926,
  },
  fundingToday: -0.42,
  adl: 2,
} as unknown as PositionRow;

describe('positionsCsv', () => {
  it('writes a header and the exchange figures unrounded, derived figures as plain numbers', () => {
    const [header, line, end] = positionsCsv([row]).split('\r\n');
    expect(header).toBe(
      'symbol,positionSide,positionAmt,entryPrice,breakEvenPrice,markPrice,liquidationPrice,liquidationDistancePct,marginType,leverage,margin,marginRatioPct,notional,unrealizedPnl,roePct,fundingRate,nextFundingTime,fundingIntervalHours,estimatedFunding,fundingToday,adl',
    );
    expect(line).toBe('ETHUSDT,BOTH,-3.500,3712.45,3709.48,3648.36,0,,cross,20,638.463,,-12769.26,224.315,35.1337,0.0001,2026-12-02T08:00:00.000Z,8,1.276926,-0.42,2');
    expect(end).toBe('');
  });

  it('leaves funding and ADL empty while they are unknown', () => {
    const unknown = { ...row, derived: { ...row.derived, fundingRate: null, nextFundingTime: null, fundingIntervalHours: null, estimatedFunding: null }, fundingToday: null, adl: undefined } as PositionRow;
    expect(positionsCsv([unknown]).split('\r\n')[1]).toMatch(/,35\.1337,,,,,,$/);
  });

  it('writes only the header for an empty view', () => {
    expect(positionsCsv([]).split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
