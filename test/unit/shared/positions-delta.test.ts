import { describe, expect, it } from 'vitest';
import { IPC_PAYLOAD_LIMIT_BYTES, payloadBytes, POSITIONS_PART_BUDGET_BYTES, utf8Bytes } from '../../../shared/payload-size';
import { PositionsReceiver, replayPushes } from '../../../shared/positions-assemble';
import { diffViews } from '../../../shared/positions-delta';
import { applyListEdit, diffList, longestIncreasing, type ListCodec } from '../../../shared/positions-list-edit';
import { positionsPushSchema } from '../../../shared/positions-push';
import { pushesFor } from '../../../shared/positions-split';
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
    expect(change.rows.patched).toEqual([{ key: 'ETHUSDT:BOTH', derived: moved.derived, markAt: AT + 1_000 }]);
    expect(change.rows.added).toEqual([]);
    expect(change.rows.removed).toEqual([]);
    expect(change.rows.placed).toEqual([]);
    // Same open symbols, no hedge legs: nothing of those lists travels.
    expect(change.openSymbols).toEqual({ removed: [], added: [], patched: [], placed: [] });
  });

  it('a new row travels whole with its place; a closed one by its key', () => {
    const xrp = makeRow('XRPUSDT', 'BOTH', -5, 2, AT);
    const change = diffViews(before, viewOf(2, [btc, eth, xrp]));
    expect(change.rows.added).toEqual([xrp]);
    expect(change.rows.placed).toEqual([{ key: 'XRPUSDT:BOTH', at: 2 }]);
    expect(change.rows.removed).toEqual(['SOLUSDT:BOTH']);
    expect(change.openSymbols.removed).toEqual(['SOLUSDT']);
    expect(change.openSymbols.placed).toEqual([{ key: 'XRPUSDT', at: 2 }]);
  });

  it('round-trips through its parts, keeps unchanged rows identical, and every part passes the schema', () => {
    const after = viewOf(2, [btc, tick(eth, 2_990, AT + 1), makeRow('XRPUSDT', 'BOTH', -5, 2, AT)]);
    const pushes = pushesFor(before, after);
    for (const push of pushes) expect(positionsPushSchema.parse(push)).toEqual(push);
    const applied = replayPushes(pushes, before);
    expect(applied).toEqual(after);
    expect(applied?.rows[0]).toBe(btc);
  });

  it('a full view keeps the identity of the rows the receiver already holds with the same figures', () => {
    const copy = structuredClone(before); // what IPC delivers: equal values, new objects
    const applied = replayPushes(pushesFor(null, copy), before);
    expect(applied).toEqual(before);
    applied!.rows.forEach((row, i) => expect(row).toBe(before.rows[i]));
  });

  it('refuses a delta built on another version (the receiver must resync)', () => {
    const pushes = pushesFor(before, viewOf(2, [btc]));
    expect(replayPushes(pushes, viewOf(7, [btc]))).toBeNull();
    expect(replayPushes(pushes, null)).toBeNull();
  });
});

describe('parts', () => {
  it('a 2,000-row full view goes in parts under the budget, shown only once the last has arrived', () => {
    const view = viewOf(5, makeRows(2_000));
    const pushes = pushesFor(null, view);
    expect(pushes.length).toBeGreaterThan(10);
    for (const push of pushes) expect(payloadBytes(push)).toBeLessThanOrEqual(POSITIONS_PART_BUDGET_BYTES);
    const receiver = new PositionsReceiver();
    pushes.slice(0, -1).forEach((push) => expect(receiver.receive(null, push)).toEqual({ kind: 'waiting' }));
    const last = receiver.receive(null, pushes[pushes.length - 1]!);
    expect(last.kind === 'view' ? last.view : null).toEqual(view);
  });

  it('a missing, repeated or swapped part asks for a resync instead of showing anything', () => {
    const view = viewOf(5, makeRows(400));
    const pushes = pushesFor(null, view);
    expect(pushes.length).toBeGreaterThan(3);
    const damaged = [
      [pushes[0]!, pushes[2]!], // part 1 lost
      [pushes[0]!, pushes[1]!, pushes[1]!], // part 1 twice
      [pushes[1]!, pushes[0]!], // swapped
    ];
    for (const sequence of damaged) {
      const receiver = new PositionsReceiver();
      const outcomes = sequence.map((push) => receiver.receive(null, push).kind);
      expect(outcomes).toContain('resync');
      expect(outcomes).not.toContain('view');
    }
  });

  it('a delta interrupted by the next one asks for a resync; one interrupted by a full view restarts quietly', () => {
    const base = viewOf(1, makeRows(400));
    const moved = viewOf(2, base.rows.map((row) => tick(row, Number(row.derived.markPrice) + 1, AT + 5)));
    const delta = pushesFor(base, moved);
    expect(delta.length).toBeGreaterThan(1);
    const next = pushesFor(moved, viewOf(3, moved.rows));
    const receiver = new PositionsReceiver();
    expect(receiver.receive(base, delta[0]!).kind).toBe('waiting');
    expect(receiver.receive(base, next[0]!).kind).toBe('resync');

    const restarted = new PositionsReceiver();
    restarted.receive(base, delta[0]!);
    const full = pushesFor(null, moved);
    const outcomes = full.map((push) => restarted.receive(base, push));
    expect(outcomes.at(-1)).toEqual({ kind: 'view', view: moved });
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
    expect(applyListEdit(base, { removed: [], added: [], patched: [], placed: [{ key: 'a', at: 2 }] }, strings)).toBeNull();
    expect(applyListEdit(base, { removed: [], added: [], patched: [], placed: [{ key: 'a', at: 0 }, { key: 'a', at: 1 }] }, strings)).toBeNull();
    expect(applyListEdit(base, { removed: [], added: ['c'], patched: [], placed: [] }, strings)).toBeNull();
    expect(applyListEdit(base, { removed: ['z'], added: [], patched: [], placed: [] }, strings)).toBeNull();
  });

  it('an empty edit hands back the very same list', () => {
    const base = ['a', 'b'];
    expect(applyListEdit(base, { removed: [], added: [], patched: [], placed: [] }, strings)).toBe(base);
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
  it('counts UTF-8 bytes of the JSON, as the limit is stated', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('é€')).toBe(5);
    expect(utf8Bytes('😀')).toBe(4);
    expect(payloadBytes({ a: 'é' })).toBe(Buffer.byteLength(JSON.stringify({ a: 'é' })));
    expect(POSITIONS_PART_BUDGET_BYTES).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
  });
});
