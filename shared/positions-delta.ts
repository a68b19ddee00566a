/**
 * What it takes to turn the view a receiver holds into the sender's view, as one `positions` push
 * (shared/positions-push.ts): the whole view, or a delta against the version the receiver holds.
 * The schema lives apart so the renderer can import this file without zod, which the renderer's CSP
 * does not let initialise cleanly.
 */
import type { HedgeNet, PositionRow, PositionsView } from './position';
import { applyListEdit, diffList, isEmptyEdit, type ListCodec } from './positions-list-edit';
import type { HedgeNetPatch, PositionsDelta, PositionsFull, PositionsHead, PositionsPush, RowPatch } from './positions-push';

/** Equal primitives, or flat objects (a row's `derived`) with equal fields. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && left[key] === right[key]);
}

/** The fields of `after` that differ from `before`, with the identifying field; null when none do. */
function fieldPatch<T extends object, K extends keyof T>(before: T, after: T, idField: K): (Partial<T> & Pick<T, K>) | null {
  let patch: (Partial<T> & Pick<T, K>) | null = null;
  for (const field of Object.keys(after) as (keyof T)[]) {
    if (sameValue(before[field], after[field])) continue;
    patch ??= { [idField]: after[idField] } as Partial<T> & Pick<T, K>;
    patch[field] = after[field];
  }
  return patch;
}

export const rowCodec: ListCodec<PositionRow, RowPatch> = {
  keyOf: (row) => row.key,
  patchKey: (patch) => patch.key,
  diff: (before, after) => fieldPatch(before, after, 'key'),
  apply: (before, patch) => ({ ...before, ...patch }),
};

const hedgeNetCodec: ListCodec<HedgeNet, HedgeNetPatch> = {
  keyOf: (net) => net.symbol,
  patchKey: (patch) => patch.symbol,
  diff: (before, after) => fieldPatch(before, after, 'symbol'),
  apply: (before, patch) => ({ ...before, ...patch }),
};

const symbolCodec: ListCodec<string, never> = {
  keyOf: (symbol) => symbol,
  patchKey: (patch) => patch,
  diff: () => null, // a symbol is its own key: same key, same item
  apply: (before) => before,
};

function headOf(view: PositionsView): PositionsHead {
  return {
    selectedSymbol: view.selectedSymbol,
    mode: view.mode,
    selectedMark: view.selectedMark,
    snapshotAt: view.snapshotAt,
    summary: view.summary,
    account: view.account,
  };
}

function viewOf(version: number, head: PositionsHead, rows: PositionRow[], openSymbols: string[], hedgeNets: HedgeNet[]): PositionsView {
  return { version, ...head, rows, openSymbols, hedgeNets };
}

/** The whole view, for a receiver that holds nothing (or nothing it can build on). */
export function fullPush(view: PositionsView): PositionsFull {
  return {
    kind: 'full',
    version: view.version,
    head: headOf(view),
    rows: view.rows,
    openSymbols: view.openSymbols,
    hedgeNets: view.hedgeNets,
  };
}

/** What turns `prev` into `next`. Rows are first compared by reference (the engine keeps an
 * unchanged row's object), then field by field, so only the fields that changed travel; a list
 * that did not change is left out. */
export function diffViews(prev: PositionsView, next: PositionsView): PositionsDelta {
  const delta: PositionsDelta = { kind: 'delta', version: next.version, baseVersion: prev.version, head: headOf(next) };
  const rows = diffList(prev.rows, next.rows, rowCodec);
  if (!isEmptyEdit(rows)) delta.rows = rows;
  const openSymbols = diffList(prev.openSymbols, next.openSymbols, symbolCodec);
  if (!isEmptyEdit(openSymbols)) delta.openSymbols = openSymbols;
  const hedgeNets = diffList(prev.hedgeNets, next.hedgeNets, hedgeNetCodec);
  if (!isEmptyEdit(hedgeNets)) delta.hedgeNets = hedgeNets;
  return delta;
}

/** The one push that takes a receiver holding `prev` (null: nothing it can build on) to `next`. */
export function pushFor(prev: PositionsView | null, next: PositionsView): PositionsPush {
  return prev === null ? fullPush(next) : diffViews(prev, next);
}

/**
 * Applies a push to the view the receiver holds. Unchanged rows keep their object identity, also
 * across a full view, so a table row that did not change does not re-render. Returns null when a
 * delta does not apply to `current` (the receiver missed something): the caller must resync.
 */
export function applyPush(current: PositionsView | null, push: PositionsPush): PositionsView | null {
  if (push.kind === 'full') {
    const held = new Map(current?.rows.map((row) => [row.key, row]));
    const rows = push.rows.map((row) => {
      const same = held.get(row.key);
      return same !== undefined && rowCodec.diff(same, row) === null ? same : row;
    });
    return viewOf(push.version, push.head, rows, push.openSymbols, push.hedgeNets);
  }
  if (current === null || current.version !== push.baseVersion) return null;
  const rows = applyListEdit(current.rows, push.rows ?? {}, rowCodec);
  const openSymbols = applyListEdit(current.openSymbols, push.openSymbols ?? {}, symbolCodec);
  const hedgeNets = applyListEdit(current.hedgeNets, push.hedgeNets ?? {}, hedgeNetCodec);
  if (rows === null || openSymbols === null || hedgeNets === null) return null;
  return viewOf(push.version, push.head, rows, openSymbols, hedgeNets);
}
