import { describe, expect, it } from 'vitest';
import { payloadBytes, utf8Bytes } from '../../../shared/payload-size';
import { applyPush, diffViews, pushFor } from '../../../shared/positions-delta';
import { applyListEdit, diffList, longestIncreasing, type ListCodec } from '../../../shared/positions-list-edit';
import { MAX_PUSH_ROWS, positionsPushSchema } from '../../../shared/positions-push';
import { makeRow, makeRows, tick, viewOf } from './positions-views';

const AT = 1_700_000_000_000;

describe('positions deltas', () => {
  const btc = makeRow('BTCUSDT', 'BOTH', 1, 100_000, AT);
  const eth = makeRow('ETHUSDT', 'BOTH', 2, 3_000, AT);
  const sol = makeRow('SOLUSDT', 'BOTH', 3, 150, AT);
  const before = viewOf(1, [btc, eth, sol]);

  it('a mark tick sends only the derived figures and the mark time of the rows it moved', () => {
    const moved = tick(eth, 3_010, AT + 1_000);
    const change = diffViews(before, viewOf(2, [btc, moved, sol]));
    // Only the slot that changed travels; the unchanged lists are left out altogether.
    expect(change.rows).toEqual({ patched: [{ key: 'ETHUSDT:BOTH', derived: moved.derived, markAt: AT + 1_000 }] });
    expect(change.openSymbols).toBeUndefined();
    expect(change.hedgeNets).toBeUndefined();
    expect(Object.keys(change).sort()).toEqual(['baseVersion', 'head', 'kind', 'rows', 'version']);
  });

  it('a new row travels whole with its place; a closed one by its key', () => {
    const xrp = makeRow('XRPUSDT', 'BOTH', -5, 2, AT);
    const change = diffViews(before, viewOf(2, [btc, eth, xrp]));
    expect(change.rows?.added).toEqual([xrp]);
    expect(change.rows?.placed).toEqual([{ key: 'XRPUSDT:BOTH', at: 2 }]);
    expect(change.rows?.removed).toEqual(['SOLUSDT:BOTH']);
    expect(change.openSymbols?.removed).toEqual(['SOLUSDT']);
    expect(change.openSymbols?.placed).toEqual([{ key: 'XRPUSDT', at: 2 }]);
  });

  it('round-trips as one message through structured clone, keeps unchanged rows identical, and passes the schema', () => {
    const after = viewOf(2, [btc, tick(eth, 2_990, AT + 1), makeRow('XRPUSDT', 'BOTH', -5, 2, AT)]);
    const push = structuredClone(pushFor(before, after)); // what IPC delivers
    expect(positionsPushSchema.parse(push)).toEqual(push);
    const applied = applyPush(before, push);
    expect(applied).toEqual(after);
    expect(applied?.rows[0]).toBe(btc);
  });

  it('a version that changed nothing but the head sends only the head', () => {
    const same = { ...before, version: 2, snapshotAt: AT + 5 };
    const push = pushFor(before, same);
    expect(Object.keys(push).sort()).toEqual(['baseVersion', 'head', 'kind', 'version']);
    expect(applyPush(before, push)).toEqual(same);
    // The receiver keeps its very lists, so nothing downstream recomputes.
    expect(applyPush(before, push)?.rows).toBe(before.rows);
  });

  it('a full view keeps the identity of the rows the receiver already holds with the same figures', () => {
    const copy = structuredClone(before); // what IPC delivers: equal values, new objects
    const applied = applyPush(before, pushFor(null, copy));
    expect(applied).toEqual(before);
    applied!.rows.forEach((row, i) => expect(row).toBe(before.rows[i]));
  });

  it('refuses a delta built on another version (the receiver must resync)', () => {
    const push = pushFor(before, viewOf(2, [btc]));
    expect(applyPush(viewOf(7, [btc]), push)).toBeNull();
    expect(applyPush(null, push)).toBeNull();
  });

  it('refuses a delta whose edit does not fit the view held, though the version matches', () => {
    const push = pushFor(before, viewOf(2, [btc, eth]));
    // Same version number, but the receiver holds other rows: the removed key is unknown to it.
    expect(applyPush(viewOf(1, [btc, eth]), push)).toBeNull();
  });
});

describe('schema bounds', () => {
  it('a 2,000-position full view and its every-row delta are each one valid message', () => {
    const view = viewOf(5, makeRows(2_000));
    const full = pushFor(null, view);
    expect(positionsPushSchema.safeParse(full).success).toBe(true);
    const moved = viewOf(6, view.rows.map((row) => tick(row, Number(row.derived.markPrice) * 1.001, AT + 9)));
    const delta = pushFor(view, moved);
    expect(delta.kind === 'delta' ? delta.rows?.patched?.length : 0).toBe(2_000);
    expect(positionsPushSchema.safeParse(delta).success).toBe(true);
    expect(applyPush(view, structuredClone(delta))).toEqual(moved);
  });

  it('refuses a message past its bounds instead of carrying it', () => {
    const full = pushFor(null, viewOf(5, makeRows(1)));
    const rows = Array.from({ length: MAX_PUSH_ROWS + 1 }, () => (full as { rows: unknown[] }).rows[0]);
    expect(positionsPushSchema.safeParse({ ...full, rows }).success).toBe(false);
    expect(positionsPushSchema.safeParse({ ...full, version: -1 }).success).toBe(false);
    expect(positionsPushSchema.safeParse({ ...full, kind: 'part' }).success).toBe(false);
  });
});

describe('list edits', () => {
  const strings: ListCodec<string, never> = { keyOf: (s) => s, patchKey: (s) => s, diff: () => null, apply: (s) => s };

  it('keeps the order with placements for moved items only', () => {
    const edit = diffList(['a', 'b', 'c', 'd', 'e'], ['b', 'c', 'a', 'd', 'x', 'e'], strings);
    expect(edit.placed).toEqual([{ key: 'a', at: 2 }, { key: 'x', at: 4 }]);
    expect(applyListEdit(['a', 'b', 'c', 'd', 'e'], edit, strings)).toEqual(['b', 'c', 'a', 'd', 'x', 'e']);
  });

  it('refuses placements outside the list, twice the same key, or an added key without a place', () => {
    const base = ['a', 'b'];
    expect(applyListEdit(base, { placed: [{ key: 'a', at: 2 }] }, strings)).toBeNull();
    expect(applyListEdit(base, { placed: [{ key: 'a', at: 0 }, { key: 'a', at: 1 }] }, strings)).toBeNull();
    expect(applyListEdit(base, { added: ['c'] }, strings)).toBeNull();
    expect(applyListEdit(base, { removed: ['z'] }, strings)).toBeNull();
  });

  it('an empty edit hands back the very same list, and an unchanged list diffs to nothing', () => {
    const base = ['a', 'b'];
    expect(applyListEdit(base, {}, strings)).toBe(base);
    expect(applyListEdit(base, { removed: [], added: [], patched: [], placed: [] }, strings)).toBe(base);
    expect(diffList(base, ['a', 'b'], strings)).toEqual({});
  });

  it('finds a longest increasing run', () => {
    const values = [3, 0, 1, 4, 2, 5];
    const kept = [...longestIncreasing(values)].sort((a, b) => a - b).map((i) => values[i]);
    expect(kept).toHaveLength(4);
    expect(kept).toEqual([...kept].sort((a, b) => a! - b!));
    expect(longestIncreasing([5, 4, 3]).size).toBe(1);
    expect(longestIncreasing([]).size).toBe(0);
  });
});

describe('payload size', () => {
  it('counts UTF-8 bytes of the JSON', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('é€')).toBe(5);
    expect(utf8Bytes('😀')).toBe(4);
    expect(payloadBytes({ a: 'é' })).toBe(Buffer.byteLength(JSON.stringify({ a: 'é' })));
  });
});
