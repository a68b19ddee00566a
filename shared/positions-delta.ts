/**
 * Building and applying positions deltas. Kept apart from the push schema (positions-push.ts) so the
 * renderer can import it without zod, which the renderer's CSP does not let initialise cleanly.
 */
import type { PositionRow, PositionsView } from './position';
import type { PositionsPush } from './positions-push';

/** Builds the delta that turns `prev` into `next`. Rows are compared by reference: the engine keeps
 * an unchanged row's object, so reference equality is exactly "did not change". */
export function diffViews(prev: PositionsView, next: PositionsView): PositionsPush {
  const before = new Map(prev.rows.map((row) => [row.key, row]));
  const upserts: PositionRow[] = [];
  for (const row of next.rows) {
    if (before.get(row.key) !== row) upserts.push(row);
  }
  const nextKeys = new Set(next.rows.map((row) => row.key));
  const removed = prev.rows.filter((row) => !nextKeys.has(row.key)).map((row) => row.key);
  return {
    kind: 'delta',
    baseVersion: prev.version,
    version: next.version,
    selectedSymbol: next.selectedSymbol,
    mode: next.mode,
    selectedMark: next.selectedMark,
    snapshotAt: next.snapshotAt,
    openSymbols: next.openSymbols,
    hedgeNets: next.hedgeNets,
    summary: next.summary,
    upserts,
    removed,
    order: next.rows.map((row) => row.key),
  };
}

/**
 * Applies a push to the view the receiver holds. Unchanged rows keep their object identity, so a
 * table row that did not change does not re-render. Returns null when a delta does not apply to
 * `current` (the receiver missed a push): the caller must then ask for the full state.
 */
export function applyPositionsPush(current: PositionsView | null, push: PositionsPush): PositionsView | null {
  if (push.kind === 'full') return push.view;
  if (current === null || current.version !== push.baseVersion) return null;
  const rows = new Map(current.rows.map((row) => [row.key, row]));
  for (const key of push.removed) rows.delete(key);
  for (const row of push.upserts) rows.set(row.key, row);
  const ordered: PositionRow[] = [];
  for (const key of push.order) {
    const row = rows.get(key);
    if (row === undefined) return null;
    ordered.push(row);
  }
  return {
    version: push.version,
    selectedSymbol: push.selectedSymbol,
    mode: push.mode,
    selectedMark: push.selectedMark,
    snapshotAt: push.snapshotAt,
    openSymbols: push.openSymbols,
    hedgeNets: push.hedgeNets,
    summary: push.summary,
    rows: ordered,
  };
}
