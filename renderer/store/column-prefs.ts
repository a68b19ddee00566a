/**
 * The user's column choice (which columns, in which order) as pure functions over the contract's
 * `ColumnPrefs`. Main persists whatever the renderer sends; the renderer normalises on the way in,
 * so prefs saved by an older version (a column since removed or added) still make a valid table.
 */
import type { ColumnPrefs } from '../../shared/settings';
import { POSITION_COLUMNS, type PositionColumn } from '../../shared/ui-constants';

/** The one column that identifies a row: never hidden. */
export const LOCKED_COLUMN: PositionColumn = 'symbol';

export const DEFAULT_COLUMN_PREFS: ColumnPrefs = { order: [...POSITION_COLUMNS], hidden: [] };

const KNOWN = new Set<string>(POSITION_COLUMNS);

export interface ResolvedColumns {
  /**
   * Every column, in the user's order; a column the prefs do not mention (one added since they
   * were saved) is shown, right after the column it follows by default.
   */
  readonly order: readonly PositionColumn[];
  readonly hidden: ReadonlySet<PositionColumn>;
  /** Shown columns, in order. */
  readonly visible: readonly PositionColumn[];
}

/** Drops unknown and repeated ids, inserts missing ones at their default place, and never hides the symbol column. */
export function resolveColumns(prefs: ColumnPrefs | null | undefined): ResolvedColumns {
  const known = new Set<PositionColumn>();
  for (const id of prefs?.order ?? []) if (KNOWN.has(id)) known.add(id);
  const all = withMissingColumns([...known]);
  const hidden = new Set<PositionColumn>((prefs?.hidden ?? []).filter((id) => KNOWN.has(id) && id !== LOCKED_COLUMN));
  return { order: all, hidden, visible: all.filter((id) => !hidden.has(id)) };
}

/**
 * The user's order with every column it lacks put back where it sits by default: after the
 * nearest column that precedes it in POSITION_COLUMNS (the first of all when none does). Prefs saved
 * before the funding columns existed thus show them next to ROE, not after Age.
 */
function withMissingColumns(order: PositionColumn[]): PositionColumn[] {
  const result = [...order];
  POSITION_COLUMNS.forEach((id, index) => {
    if (result.includes(id)) return;
    let at = 0;
    for (let before = index - 1; before >= 0; before -= 1) {
      const place = result.indexOf(POSITION_COLUMNS[before]!);
      if (place >= 0) {
        at = place + 1;
        break;
      }
    }
    result.splice(at, 0, id);
  });
  return result;
}

/** The prefs in their normal form (what is sent to main). */
export function normalizeColumns(prefs: ColumnPrefs | null | undefined): ColumnPrefs {
  const { order, hidden } = resolveColumns(prefs);
  return { order: [...order], hidden: order.filter((id) => hidden.has(id)) };
}

/** Shows or hides one column. The symbol column stays shown. */
export function setColumnVisible(prefs: ColumnPrefs, id: PositionColumn, visible: boolean): ColumnPrefs {
  const { order, hidden } = resolveColumns(prefs);
  const next = new Set(hidden);
  if (visible || id === LOCKED_COLUMN) next.delete(id);
  else next.add(id);
  return { order: [...order], hidden: order.filter((column) => next.has(column)) };
}

/** Moves a column one place earlier (-1) or later (+1); at either end it stays. */
export function moveColumn(prefs: ColumnPrefs, id: PositionColumn, step: -1 | 1): ColumnPrefs {
  const { order, hidden } = resolveColumns(prefs);
  const next = [...order];
  const from = next.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= next.length) return normalizeColumns(prefs);
  next[from] = next[to]!;
  next[to] = id;
  return { order: next, hidden: next.filter((column) => hidden.has(column)) };
}

/** TanStack's `columnOrder` and `columnVisibility` state for the resolved prefs. */
export function tableColumnState(columns: ResolvedColumns): {
  columnOrder: string[];
  columnVisibility: Record<string, boolean>;
} {
  return {
    columnOrder: [...columns.order],
    columnVisibility: Object.fromEntries(columns.order.map((id) => [id, !columns.hidden.has(id)])),
  };
}
