/**
 * Edits that turn one keyed list into another, sized by what changed rather than by the list: the
 * positions rows, the hedge nets and the open symbols all travel this way. Order is kept with
 * placements: rows that are new or moved say at which index of the new list they stand; every other
 * item keeps its relative order. The engine's lists are sorted, so in practice only new items are
 * placed. (No zod here: the renderer imports this file.)
 */

/** An item that is new or moved stands at index `at` of the new list. */
export interface Placement {
  key: string;
  at: number;
}

/** An absent slot is empty: on the wire an unchanged list costs nothing. */
export interface ListEdit<Item, Patch> {
  /** Keys that left the list. */
  removed?: string[];
  /** Items that are new (never patches). */
  added?: Item[];
  /** Items that stayed and changed: only the fields that changed, with the key. */
  patched?: Patch[];
  /** Where the new and the moved items stand in the new list. */
  placed?: Placement[];
}

/** True when the edit changes nothing. */
export function isEmptyEdit(edit: ListEdit<unknown, unknown>): boolean {
  return !edit.removed?.length && !edit.added?.length && !edit.patched?.length && !edit.placed?.length;
}

export interface ListCodec<Item, Patch> {
  keyOf(item: Item): string;
  /** The key a patch applies to. */
  patchKey(patch: Patch): string;
  /** What changed from `before` to `after` (same key), or null when they are equal. */
  diff(before: Item, after: Item): Patch | null;
  /** `before` with the patch applied. */
  apply(before: Item, patch: Patch): Item;
}

/** The edit that turns `prev` into `next` (keys unique in each); its empty slots are left out. */
export function diffList<Item, Patch>(
  prev: readonly Item[],
  next: readonly Item[],
  codec: ListCodec<Item, Patch>,
): ListEdit<Item, Patch> {
  if (prev === next) return {}; // the engine keeps an unchanged list's array
  const prevIndex = new Map<string, number>();
  prev.forEach((item, index) => prevIndex.set(codec.keyOf(item), index));
  const edit: Required<ListEdit<Item, Patch>> = { removed: [], added: [], patched: [], placed: [] };
  const survivorIndices: number[] = []; // prev index of each surviving item, in next order
  const nextKeys = new Set<string>();
  for (const item of next) {
    const key = codec.keyOf(item);
    nextKeys.add(key);
    const index = prevIndex.get(key);
    if (index === undefined) {
      edit.added.push(item);
      continue;
    }
    survivorIndices.push(index);
    const before = prev[index]!;
    if (before === item) continue; // the engine keeps an unchanged item's object
    const patch = codec.diff(before, item);
    if (patch !== null) edit.patched.push(patch);
  }
  for (const item of prev) {
    const key = codec.keyOf(item);
    if (!nextKeys.has(key)) edit.removed.push(key);
  }
  const staying = longestIncreasing(survivorIndices);
  let survivor = 0;
  next.forEach((item, at) => {
    const key = codec.keyOf(item);
    if (!prevIndex.has(key)) {
      edit.placed.push({ key, at });
      return;
    }
    if (!staying.has(survivor)) edit.placed.push({ key, at });
    survivor++;
  });
  return withoutEmptySlots(edit);
}

function withoutEmptySlots<Item, Patch>(edit: Required<ListEdit<Item, Patch>>): ListEdit<Item, Patch> {
  const kept: ListEdit<Item, Patch> = {};
  if (edit.removed.length > 0) kept.removed = edit.removed;
  if (edit.added.length > 0) kept.added = edit.added;
  if (edit.patched.length > 0) kept.patched = edit.patched;
  if (edit.placed.length > 0) kept.placed = edit.placed;
  return kept;
}

/**
 * Applies an edit to the list the receiver holds. Items not patched keep their object. Returns null
 * when the edit does not fit `base` (unknown or duplicate keys, impossible placements): the receiver
 * then holds something other than what the sender diffed against, and must resync.
 */
export function applyListEdit<Item, Patch>(
  base: readonly Item[],
  edit: ListEdit<Item, Patch>,
  codec: ListCodec<Item, Patch>,
): Item[] | null {
  if (isEmptyEdit(edit)) {
    // Nothing changed: the receiver keeps the very same list, so nothing downstream recomputes.
    return base as Item[];
  }
  const { removed = [], added: addedItems = [], patched = [], placed = [] } = edit;
  const items = new Map<string, Item>();
  for (const item of base) items.set(codec.keyOf(item), item);
  for (const key of removed) {
    if (!items.delete(key)) return null;
  }
  for (const patch of patched) {
    const key = codec.patchKey(patch);
    const before = items.get(key);
    if (before === undefined) return null;
    items.set(key, codec.apply(before, patch));
  }
  const added = new Set<string>();
  for (const item of addedItems) {
    const key = codec.keyOf(item);
    if (items.has(key)) return null;
    items.set(key, item);
    added.add(key);
  }
  const placedKeys = new Set<string>();
  for (const { key } of placed) {
    if (placedKeys.has(key) || !items.has(key)) return null;
    placedKeys.add(key);
  }
  for (const key of added) if (!placedKeys.has(key)) return null;
  const length = items.size;
  const slots = new Array<Item | undefined>(length);
  for (const { key, at } of placed) {
    if (!Number.isInteger(at) || at < 0 || at >= length || slots[at] !== undefined) return null;
    slots[at] = items.get(key);
  }
  let slot = 0;
  for (const item of base) {
    const key = codec.keyOf(item);
    if (placedKeys.has(key) || !items.has(key)) continue;
    while (slots[slot] !== undefined) slot++;
    slots[slot] = items.get(key);
  }
  return slots as Item[];
}

/** Positions (in `values`) of one longest strictly increasing subsequence. O(n log n); O(n) when sorted. */
export function longestIncreasing(values: readonly number[]): Set<number> {
  let sorted = true;
  for (let i = 1; i < values.length && sorted; i++) sorted = values[i - 1]! < values[i]!;
  if (sorted) return new Set(values.keys());
  const tails: number[] = []; // tails[k]: position of the smallest tail of an increasing run of length k + 1
  const parent = new Array<number>(values.length).fill(-1);
  values.forEach((value, position) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]!]! < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) parent[position] = tails[low - 1]!;
    tails[low] = position;
  });
  const kept = new Set<number>();
  for (let position = tails[tails.length - 1] ?? -1; position !== -1; position = parent[position]!) kept.add(position);
  return kept;
}
