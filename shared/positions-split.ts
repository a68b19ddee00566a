/**
 * Cuts a positions change into parts that each stay within a byte budget, so no IPC payload comes
 * near the limit whatever the number of positions. Items are packed in order (the receiver
 * concatenates them back), each measured as the project measures payloads (payload-size.ts).
 */
import type { HedgeNet, PositionRow, PositionsView } from './position';
import { diffViews, fullChange, type PositionsChange } from './positions-delta';
import type { ListEdit } from './positions-list-edit';
import type { PositionsDeltaPart, PositionsFullPart, PositionsPush } from './positions-push';
import { payloadBytes, POSITIONS_PART_BUDGET_BYTES } from './payload-size';

type ListName = 'rows' | 'openSymbols' | 'hedgeNets';
type Slot = keyof ListEdit<unknown, unknown>;

/** One list item headed for a part: which list, which slot of a delta's edit (none for a full view). */
interface Item {
  list: ListName;
  slot: Slot | null;
  value: unknown;
  bytes: number;
}

/** A part's fields other than its items: kind, numbers, list and slot names, brackets. Generous. */
const ENVELOPE_BYTES = 512;

const LISTS: readonly ListName[] = ['rows', 'openSymbols', 'hedgeNets'];
const SLOTS: readonly Slot[] = ['removed', 'patched', 'added', 'placed'];

function itemsOf(change: PositionsChange): Item[] {
  const items: Item[] = [];
  const add = (list: ListName, slot: Slot | null, values: readonly unknown[]) => {
    // +1: the comma that separates the item from the next one.
    for (const value of values) items.push({ list, slot, value, bytes: payloadBytes(value) + 1 });
  };
  for (const list of LISTS) {
    if (change.kind === 'full') {
      add(list, null, change[list]);
    } else {
      const edit: ListEdit<unknown, unknown> = change[list];
      for (const slot of SLOTS) add(list, slot, edit[slot]);
    }
  }
  return items;
}

/** Groups items so that each group, with its envelope (and the head in the first), fits the budget. */
function pack(items: readonly Item[], headBytes: number, budget: number): Item[][] {
  const groups: Item[][] = [[]];
  let used = ENVELOPE_BYTES + headBytes;
  for (const item of items) {
    const group = groups[groups.length - 1]!;
    if (group.length > 0 && used + item.bytes > budget) {
      groups.push([item]);
      used = ENVELOPE_BYTES + item.bytes;
    } else {
      group.push(item);
      used += item.bytes;
    }
  }
  return groups;
}

function fullPart(change: PositionsChange & { kind: 'full' }, part: number, parts: number, items: readonly Item[]): PositionsFullPart {
  const push: PositionsFullPart = { kind: 'full', version: change.version, part, parts };
  if (part === 0) push.head = change.head;
  for (const item of items) {
    if (item.list === 'rows') (push.rows ??= []).push(item.value as PositionRow);
    else if (item.list === 'hedgeNets') (push.hedgeNets ??= []).push(item.value as HedgeNet);
    else (push.openSymbols ??= []).push(item.value as string);
  }
  return push;
}

function deltaPart(change: PositionsChange & { kind: 'delta' }, part: number, parts: number, items: readonly Item[]): PositionsDeltaPart {
  const push: PositionsDeltaPart = { kind: 'delta', version: change.version, baseVersion: change.baseVersion, part, parts };
  if (part === 0) push.head = change.head;
  for (const item of items) {
    const edit = (push[item.list] ??= {}) as Record<Slot, unknown[] | undefined>;
    (edit[item.slot!] ??= []).push(item.value);
  }
  return push;
}

/** The parts of a change, in the order they must be sent. There is always at least one. */
export function splitChange(change: PositionsChange, budget = POSITIONS_PART_BUDGET_BYTES): PositionsPush[] {
  const groups = pack(itemsOf(change), payloadBytes(change.head), budget);
  return groups.map((items, part) =>
    change.kind === 'full' ? fullPart(change, part, groups.length, items) : deltaPart(change, part, groups.length, items),
  );
}

/** Every part that takes a receiver holding `prev` (null: nothing usable) to `next`. */
export function pushesFor(prev: PositionsView | null, next: PositionsView, budget = POSITIONS_PART_BUDGET_BYTES): PositionsPush[] {
  return splitChange(prev === null ? fullChange(next) : diffViews(prev, next), budget);
}
