/**
 * The table's sorting as TanStack applies it with our columns: numbers as numbers, and figures the
 * exchange does not have ("—") last in both directions.
 */
import { constructTable, type SortingState } from '@tanstack/react-table';
// The vanilla (non-React) reactivity TanStack documents for `constructTable`; react-table's own is
// bound to React's render phase. table-core comes with react-table.
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { describe, expect, it } from 'vitest';
import { positionsColumns, positionsFeatures } from '../../../renderer/components/table/positions-columns';
import type { PositionRow } from '../../../shared/position';
import { positionRow, SYMBOLS, withDerived } from './fake-api';

function sortedKeys(rows: PositionRow[], sorting: SortingState): string[] {
  const table = constructTable({
    // Not a typed feature slot: constructTable reads it at run time.
    features: { ...positionsFeatures, coreReactivityFeature: storeReactivityBindings() } as typeof positionsFeatures,
    columns: positionsColumns,
    data: rows,
    getRowId: (row) => row.key,
    meta: { symbols: new Map(SYMBOLS.map((info) => [info.symbol, info])), thresholdPct: 5 },
    state: { sorting },
  });
  return table.getRowModel().rows.map((row) => row.original.symbol);
}

const rows = [
  { ...withDerived(positionRow('AAAUSDT', 'BOTH', '2'), { liquidationDistancePct: 12, marginRatioPct: null, roePct: 3 }), liquidationPrice: '90' },
  { ...withDerived(positionRow('BBBUSDT', 'BOTH', '-10'), { liquidationDistancePct: null, marginRatioPct: 8, roePct: null }), liquidationPrice: '0' },
  { ...withDerived(positionRow('CCCUSDT', 'BOTH', '0.5'), { liquidationDistancePct: 3, marginRatioPct: 2, roePct: -7 }), liquidationPrice: '1100' },
];

describe('positions sorting', () => {
  it('sorts sizes as numbers, whatever the sign', () => {
    expect(sortedKeys(rows, [{ id: 'size', desc: false }])).toEqual(['CCCUSDT', 'AAAUSDT', 'BBBUSDT']);
    expect(sortedKeys(rows, [{ id: 'size', desc: true }])).toEqual(['BBBUSDT', 'AAAUSDT', 'CCCUSDT']);
  });

  it('puts a liquidation price of "0" (shown "—") last in both directions', () => {
    expect(sortedKeys(rows, [{ id: 'liquidation', desc: false }])).toEqual(['AAAUSDT', 'CCCUSDT', 'BBBUSDT']);
    expect(sortedKeys(rows, [{ id: 'liquidation', desc: true }])).toEqual(['CCCUSDT', 'AAAUSDT', 'BBBUSDT']);
  });

  it('puts unknown distances, margin ratios and ROE last in both directions', () => {
    expect(sortedKeys(rows, [{ id: 'liqDistance', desc: false }])).toEqual(['CCCUSDT', 'AAAUSDT', 'BBBUSDT']);
    expect(sortedKeys(rows, [{ id: 'liqDistance', desc: true }])).toEqual(['AAAUSDT', 'CCCUSDT', 'BBBUSDT']);
    expect(sortedKeys(rows, [{ id: 'marginRatio', desc: false }])).toEqual(['CCCUSDT', 'BBBUSDT', 'AAAUSDT']);
    expect(sortedKeys(rows, [{ id: 'roe', desc: true }])).toEqual(['AAAUSDT', 'CCCUSDT', 'BBBUSDT']);
  });

  it('sorts symbols alphabetically and sides by direction', () => {
    expect(sortedKeys([...rows].reverse(), [{ id: 'symbol', desc: false }])).toEqual(['AAAUSDT', 'BBBUSDT', 'CCCUSDT']);
    expect(sortedKeys(rows, [{ id: 'side', desc: false }])).toEqual(['AAAUSDT', 'CCCUSDT', 'BBBUSDT']);
  });

  it('sorts by age with the freshest first when ascending', () => {
    const aged = [
      { ...positionRow('OLDUSDT', 'BOTH', '1'), snapshotAt: 1_000, markAt: 2_000 },
      { ...positionRow('NEWUSDT', 'BOTH', '1'), snapshotAt: 1_000, markAt: 9_000 },
      { ...positionRow('MIDUSDT', 'BOTH', '1'), snapshotAt: 5_000, markAt: null },
    ];
    expect(sortedKeys(aged, [{ id: 'age', desc: false }])).toEqual(['NEWUSDT', 'MIDUSDT', 'OLDUSDT']);
  });

  it('has one column per contract id, in the contract’s order', async () => {
    const { POSITION_COLUMNS } = await import('../../../shared/ui-constants');
    expect(positionsColumns.map((column) => column.id)).toEqual(POSITION_COLUMNS);
  });
});
