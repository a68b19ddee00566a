import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PositionsPusher } from '../../../electron/desk/positions-pusher';
import { Receivers } from '../../../electron/desk/receivers';
import { dispatchInvoke } from '../../../electron/ipc/dispatch';
import type { ConnectionStatus } from '../../../shared/connection';
import { invokeContract, type InvokeHandlers } from '../../../shared/ipc';
import type { PositionsView } from '../../../shared/position';
import { applyPush } from '../../../shared/positions-delta';
import type { PositionsPush } from '../../../shared/positions-push';
import { makeRows, tick, viewOf } from '../shared/positions-views';

let pusher: PositionsPusher | null = null;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  pusher?.dispose();
  vi.useRealTimers();
});

/** Lets the turn of the event loop end: a change goes out then (setImmediate, faked here). */
function endOfTurn(): void {
  vi.advanceTimersByTime(0);
}

function start(current: () => PositionsView) {
  const sent: PositionsPush[] = [];
  pusher = new PositionsPusher(current, (push) => sent.push(push), () => Date.now());
  return { sent, pusher };
}

const moved = (view: PositionsView, version: number, at: number): PositionsView =>
  viewOf(version, view.rows.map((row, i) => (i % 2 === 0 ? tick(row, Number(row.derived.markPrice) + 1, at) : row)));

describe('PositionsPusher', () => {
  it('sends a 2,000-row full view as one message at once, then nothing until it is acknowledged', () => {
    let view = viewOf(1, makeRows(2_000));
    const { sent, pusher } = start(() => view);
    pusher.notify();
    endOfTurn();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'full', version: 1 });
    expect(applyPush(null, sent[0]!)).toEqual(view);

    // The view keeps changing; without an ack nothing more goes out, however long.
    for (let version = 2; version <= 30; version++) {
      view = moved(view, version, 1_700_000_000_000 + version);
      pusher.notify();
      vi.advanceTimersByTime(50);
    }
    expect(sent).toHaveLength(1);
    expect(pusher.waiting).toBe(true);
    // No timer keeps a hung receiver's pusher busy.
    expect(vi.getTimerCount()).toBe(0);

    // The ack: one delta from the acknowledged version straight to the newest.
    expect(pusher.ack(1)).toBe(true);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ kind: 'delta', baseVersion: 1, version: 30 });
    expect(applyPush(applyPush(null, sent[0]!), sent[1]!)).toEqual(view);
  });

  it('ignores an ack of a version not in flight (stale, repeated or made up)', () => {
    let view = viewOf(1, makeRows(10));
    const { sent, pusher } = start(() => view);
    pusher.notify();
    endOfTurn();
    view = moved(view, 2, 1_700_000_000_002);
    pusher.notify();
    endOfTurn();
    expect(pusher.ack(7)).toBe(false);
    expect(pusher.ack(0)).toBe(false);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    expect(pusher.ack(1)).toBe(true);
    expect(pusher.ack(1)).toBe(false); // the same ack twice
    vi.advanceTimersByTime(100);
    expect(sent.map((push) => push.version)).toEqual([1, 2]);
  });

  it('keeps the leading throttle: an ack within the interval sends at its end, never more than 60 a second', () => {
    let view = viewOf(1, makeRows(20));
    const { sent, pusher } = start(() => view);
    pusher.notify();
    endOfTurn();
    const startedAt = Date.now();
    // A receiver that acknowledges at once, and an engine that changes every millisecond.
    for (let ms = 1; ms <= 1_000; ms++) {
      view = moved(view, view.version + 1, 1_700_000_000_000 + ms);
      pusher.notify();
      endOfTurn();
      const last = sent[sent.length - 1]!;
      if (pusher.waiting) pusher.ack(last.version);
      vi.advanceTimersByTime(1);
    }
    const times = sent.length;
    expect(Date.now() - startedAt).toBe(1_000);
    expect(times).toBeGreaterThanOrEqual(55);
    expect(times).toBeLessThanOrEqual(61); // the leading push at 0 ms, then one per 16.7 ms
  });

  it('a resync starts again with a full view, without waiting for the ack of the version in flight', () => {
    let view = viewOf(1, makeRows(10));
    const { sent, pusher } = start(() => view);
    pusher.notify();
    endOfTurn();
    view = moved(view, 2, 1_700_000_000_002);
    pusher.resync();
    vi.advanceTimersByTime(20);
    expect(sent.map((push) => [push.kind, push.version])).toEqual([
      ['full', 1],
      ['full', 2],
    ]);
    // The ack of the version sent before the resync is not the one in flight now.
    expect(pusher.ack(1)).toBe(false);
    expect(pusher.ack(2)).toBe(true);
  });

  it('sends the changes of one turn of the event loop as one push, not the first alone', () => {
    let view = viewOf(1, makeRows(10));
    const { sent, pusher } = start(() => view);
    pusher.notify();
    endOfTurn();
    pusher.ack(1);
    vi.advanceTimersByTime(100);
    // A burst: five socket reads in one turn, each moving the view on.
    for (let version = 2; version <= 6; version++) {
      view = moved(view, version, 1_700_000_000_000 + version);
      pusher.notify();
    }
    expect(sent).toHaveLength(1);
    endOfTurn();
    expect(sent.map((push) => [push.kind, push.version])).toEqual([
      ['full', 1],
      ['delta', 6],
    ]);
  });

  it('sends nothing for an unchanged view after an ack', () => {
    const view = viewOf(1, makeRows(5));
    const { sent, pusher } = start(() => view);
    pusher.notify();
    endOfTurn();
    pusher.ack(1);
    pusher.notify();
    endOfTurn();
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    expect(pusher.waiting).toBe(false);
  });
});

describe('acknowledgements across IPC', () => {
  const status = {} as ConnectionStatus;

  it('route to the receivers, validated like every invoke call', async () => {
    let view = viewOf(1, makeRows(4));
    const receivers = new Receivers(() => view, () => status);
    const pushes: PositionsPush[] = [];
    const detach = receivers.attach((channel, payload) => {
      if (channel === 'positions') pushes.push(payload as PositionsPush);
    });
    endOfTurn();
    const handlers = { ackPositions: (version: number) => (receivers.ackPositions(version), null) } as unknown as InvokeHandlers;
    view = moved(view, 2, 1_700_000_000_002);
    receivers.positions();
    endOfTurn();
    expect(pushes).toHaveLength(1);

    for (const bad of [[-1], [1.5], ['1'], [], [1, 2], [null]]) {
      const result = await dispatchInvoke(handlers, 'ackPositions', bad);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    vi.advanceTimersByTime(100);
    expect(pushes).toHaveLength(1);

    expect(await dispatchInvoke(handlers, 'ackPositions', [1])).toEqual({ ok: true, value: null });
    vi.advanceTimersByTime(100);
    expect(pushes.map((push) => push.version)).toEqual([1, 2]);
    expect(invokeContract.ackPositions.result.parse(null)).toBeNull();
    detach();
    receivers.dispose();
  });
});
