import { describe, expect, it } from 'vitest';
import { groupHedgeLegs, type DisplayItem } from '../../../renderer/components/table/display-rows';
import type { HedgeNet, PositionRow } from '../../../shared/position';
import { positionRow } from './fake-api';

const net = (symbol: string, netAmount: number): HedgeNet => ({ symbol, netAmount, netUnrealizedPnl: 1, netNotional: 2 });
const same = (row: PositionRow) => row;
const describeItems = (items: DisplayItem<PositionRow>[]) =>
  items.map((item) => (item.kind === 'net' ? `net:${item.net.symbol}` : `${item.leg ? '  ' : ''}${item.row.key}`));

describe('groupHedgeLegs', () => {
  it('puts a hedge symbol’s legs under one net row, where its first leg sorted', () => {
    const rows = [
      positionRow('ETHUSDT', 'SHORT', '-1'),
      positionRow('BNBUSDT', 'LONG', '6'),
      positionRow('BTCUSDT', 'LONG', '0.15'),
      positionRow('ETHUSDT', 'LONG', '2'),
      positionRow('BTCUSDT', 'SHORT', '-0.08'),
    ];
    const items = groupHedgeLegs(rows, same, [net('BTCUSDT', 0.07), net('ETHUSDT', 1), net('BNBUSDT', 6)]);
    expect(describeItems(items)).toEqual([
      'net:ETHUSDT',
      '  ETHUSDT:SHORT',
      '  ETHUSDT:LONG',
      // A single open leg needs no net row.
      'BNBUSDT:LONG',
      'net:BTCUSDT',
      '  BTCUSDT:LONG',
      '  BTCUSDT:SHORT',
    ]);
    const btc = items.find((item) => item.kind === 'net' && item.net.symbol === 'BTCUSDT');
    expect(btc).toMatchObject({ kind: 'net', legs: 2, collapsed: false, net: { netAmount: 0.07 } });
  });

  it('leaves one-way rows flat', () => {
    const rows = [positionRow('BTCUSDT', 'BOTH', '1'), positionRow('ETHUSDT', 'BOTH', '-2')];
    expect(describeItems(groupHedgeLegs(rows, same, []))).toEqual(['BTCUSDT:BOTH', 'ETHUSDT:BOTH']);
  });

  it('draws legs flat when main sent no net for their symbol', () => {
    const rows = [positionRow('BTCUSDT', 'LONG', '1'), positionRow('BTCUSDT', 'SHORT', '-1')];
    expect(describeItems(groupHedgeLegs(rows, same, []))).toEqual(['BTCUSDT:LONG', 'BTCUSDT:SHORT']);
  });

  it('folds a collapsed group to its net row', () => {
    const rows = [positionRow('BTCUSDT', 'LONG', '1'), positionRow('BTCUSDT', 'SHORT', '-1'), positionRow('ETHUSDT', 'LONG', '1')];
    const items = groupHedgeLegs(rows, same, [net('BTCUSDT', 0)], new Set(['BTCUSDT']));
    expect(describeItems(items)).toEqual(['net:BTCUSDT', 'ETHUSDT:LONG']);
    expect(items[0]).toMatchObject({ collapsed: true, legs: 2 });
  });
});
