import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COLUMN_PREFS,
  moveColumn,
  normalizeColumns,
  resolveColumns,
  setColumnVisible,
  tableColumnState,
} from '../../../renderer/store/column-prefs';
import type { ColumnPrefs } from '../../../shared/settings';
import { POSITION_COLUMNS } from '../../../shared/ui-constants';

describe('column prefs', () => {
  it('resolves nothing to every column in the default order', () => {
    const resolved = resolveColumns(null);
    expect(resolved.order).toEqual(POSITION_COLUMNS);
    expect(resolved.visible).toEqual(POSITION_COLUMNS);
    expect(resolved.hidden.size).toBe(0);
  });

  it('keeps the user’s order, drops unknown and repeated ids, and adds columns the prefs do not mention', () => {
    const saved = { order: ['mark', 'gone', 'symbol', 'mark'], hidden: ['gone', 'roe'] } as unknown as ColumnPrefs;
    const resolved = resolveColumns(saved);
    expect(resolved.order[0]).toBe('mark');
    expect(resolved.order.indexOf('side')).toBe(resolved.order.indexOf('symbol') + 1);
    expect(resolved.order).toHaveLength(POSITION_COLUMNS.length);
    expect(new Set(resolved.order).size).toBe(POSITION_COLUMNS.length);
    expect([...resolved.hidden]).toEqual(['roe']);
    expect(resolved.visible).not.toContain('roe');
  });

  it('never hides the symbol column', () => {
    expect(resolveColumns({ order: [], hidden: ['symbol'] }).visible).toContain('symbol');
    expect(setColumnVisible(DEFAULT_COLUMN_PREFS, 'symbol', false).hidden).toEqual([]);
  });

  it('hides and shows a column', () => {
    const hidden = setColumnVisible(DEFAULT_COLUMN_PREFS, 'breakEven', false);
    expect(hidden.hidden).toEqual(['breakEven']);
    expect(setColumnVisible(hidden, 'breakEven', true).hidden).toEqual([]);
  });

  it('moves a column one place either way, and not past either end', () => {
    const left = moveColumn(DEFAULT_COLUMN_PREFS, 'side', -1);
    expect(left.order.slice(0, 2)).toEqual(['side', 'symbol']);
    expect(moveColumn(left, 'side', -1).order.slice(0, 2)).toEqual(['side', 'symbol']);
    const last = POSITION_COLUMNS[POSITION_COLUMNS.length - 1]!;
    expect(moveColumn(DEFAULT_COLUMN_PREFS, last, 1).order).toEqual(POSITION_COLUMNS);
    expect(moveColumn(DEFAULT_COLUMN_PREFS, 'mark', 1).order.indexOf('mark')).toBe(POSITION_COLUMNS.indexOf('mark') + 1);
  });

  it('keeps hidden columns hidden when moving them, in the new order', () => {
    const prefs = { order: [...POSITION_COLUMNS], hidden: ['entry', 'side'] } as ColumnPrefs;
    const moved = moveColumn(prefs, 'entry', -1);
    expect(moved.hidden).toEqual(['side', 'entry']);
  });

  it('normalises to what main stores, and gives TanStack its state', () => {
    expect(normalizeColumns(undefined)).toEqual(DEFAULT_COLUMN_PREFS);
    const state = tableColumnState(resolveColumns({ order: ['roe', 'symbol'], hidden: ['age'] }));
    expect(state.columnOrder[0]).toBe('roe');
    expect(state.columnVisibility).toMatchObject({ roe: true, age: false, symbol: true });
  });
});
