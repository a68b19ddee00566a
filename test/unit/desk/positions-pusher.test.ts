import { afterEach, describe, expect, it } from 'vitest';
import { PositionsPusher } from '../../../electron/desk/positions-pusher';
import type { PositionsView } from '../../../shared/position';
import { replayPushes } from '../../../shared/positions-assemble';
import type { PositionsPush } from '../../../shared/positions-push';
import { makeRows, tick, viewOf } from '../shared/positions-views';
import { waitFor } from '../../support/wait';

let pusher: PositionsPusher | null = null;
afterEach(() => pusher?.dispose());

function start(current: () => PositionsView) {
  const sent: PositionsPush[] = [];
  pusher = new PositionsPusher(current, (push) => sent.push(push));
  return sent;
}

const complete = (sent: readonly PositionsPush[]) => sent.length > 0 && sent[sent.length - 1]!.part === sent[sent.length - 1]!.parts - 1;

describe('PositionsPusher', () => {
  it('sends one part at a time, a full view first, then a delta from it', async () => {
    let view = viewOf(1, makeRows(600));
    const sent = start(() => view);
    pusher!.notify();
    // The leading edge sends at once, but only the first part: the rest follow interval by interval.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.kind).toBe('full');
    expect(sent[0]!.parts).toBeGreaterThan(3);
    await waitFor(() => (complete(sent) ? true : undefined), 5_000, 'the full view');
    expect(replayPushes(sent)).toEqual(view);

    const fullParts = sent.length;
    view = viewOf(2, view.rows.map((row, i) => (i % 2 === 0 ? tick(row, 7, 1_700_000_005_000) : row)));
    pusher!.notify();
    await waitFor(() => (sent.length > fullParts && complete(sent) ? true : undefined), 5_000, 'the delta');
    expect(sent.slice(fullParts).every((push) => push.kind === 'delta')).toBe(true);
    expect(replayPushes(sent)).toEqual(view);
  });

  it('a resync drops the version half sent and starts again with a full view', async () => {
    const view = viewOf(1, makeRows(600));
    const sent = start(() => view);
    pusher!.notify();
    expect(sent).toHaveLength(1);
    pusher!.resync();
    await waitFor(() => (sent.length > 1 && complete(sent) ? true : undefined), 5_000, 'the full view again');
    const restart = sent.findIndex((push, i) => i > 0 && push.part === 0);
    expect(restart).toBe(1);
    expect(replayPushes(sent.slice(restart))).toEqual(view);
  });
});
