import { describe, expect, it } from 'vitest';
import { normalizeColumns, resolveColumns } from '../../../renderer/store/column-prefs';
import type { ColumnPrefs } from '../../../shared/settings';
import { POSITION_COLUMNS } from '../../../shared/ui-constants';

/** What a version before the funding and ADL columns saved: its whole default order. */
const BEFORE_FUNDING = ['symbol', 'side', 'size', 'notional', 'entry', 'breakEven', 'mark', 'liquidation', 'liqDistance', 'marginType', 'margin', 'marginRatio', 'upnl', 'roe', 'age'];
const NEW = ['funding', 'estFunding', 'fundingToday', 'adl'];

describe('column prefs saved before the funding and ADL columns', () => {
  it('load with the new columns shown, in their default place after ROE', () => {
    const saved = { order: BEFORE_FUNDING, hidden: ['breakEven'] } as ColumnPrefs;
    const resolved = resolveColumns(saved);
    expect(resolved.order).toEqual(POSITION_COLUMNS);
    for (const id of NEW) expect(resolved.visible).toContain(id);
    expect([...resolved.hidden]).toEqual(['breakEven']);
  });

  it('keep the user’s own order and put each new column after the one it follows by default', () => {
    const moved = ['symbol', 'upnl', 'roe', 'side', 'size', 'notional', 'entry', 'breakEven', 'mark', 'liquidation', 'liqDistance', 'marginType', 'margin', 'marginRatio', 'age'];
    const order = resolveColumns({ order: moved, hidden: [] } as unknown as ColumnPrefs).order;
    expect(order.slice(0, 7)).toEqual(['symbol', 'upnl', 'roe', ...NEW]);
    expect(order[order.length - 1]).toBe('age');
    expect(new Set(order).size).toBe(POSITION_COLUMNS.length);
  });

  it('normalise to prefs main stores with every column once', () => {
    const normal = normalizeColumns({ order: BEFORE_FUNDING, hidden: ['age'] } as ColumnPrefs);
    expect([...normal.order].sort()).toEqual([...POSITION_COLUMNS].sort());
    expect(normal.hidden).toEqual(['age']);
  });
});
