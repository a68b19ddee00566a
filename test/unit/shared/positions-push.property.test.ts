/**
 * Property tests of the positions channel: for any sequence of views (rows opening, closing,
 * ticking, filling, moving; a symbol selected or not; up to 2,000 rows), a receiver that applies
 * every part in order ends equal to the sender's view, keeps the objects of rows that did not
 * change, and every payload is under the IPC limit. A lost or swapped part leads to a resync,
 * never to a wrong table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PositionRow, PositionsView } from '../../../shared/position';
import { IPC_PAYLOAD_LIMIT_BYTES, payloadBytes } from '../../../shared/payload-size';
import { PositionsReceiver } from '../../../shared/positions-assemble';
import type { PositionsPush } from '../../../shared/positions-push';
import { pushesFor } from '../../../shared/positions-split';
import { makeRows, MAX_ROWS, step, viewOf, type Step } from './positions-views';

const stepArb: fc.Arbitrary<Step> = fc.record({
  seed: fc.integer(),
  open: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: MAX_ROWS })),
  close: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  ticks: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.constant(1)),
  fills: fc.integer({ min: 0, max: 5 }),
  moves: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })),
  select: fc.oneof(fc.constant(null), fc.boolean()),
});

const scenarioArb = fc.record({
  initial: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: MAX_ROWS })),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 6 }),
});

interface Version {
  view: PositionsView;
  /** The parts that take the previous version to this one (the first: a full view). */
  pushes: PositionsPush[];
}

/** The sender's versions for a scenario, each with its parts, as the pusher sends them. */
function versionsOf(scenario: { initial: number; steps: Step[] }): Version[] {
  const at = 1_700_000_000_000;
  let all: PositionRow[] = makeRows(scenario.initial, at);
  let selected: string | null = null;
  let nextSymbol = scenario.initial;
  let view = viewOf(1, all);
  const versions: Version[] = [{ view, pushes: pushesFor(null, view) }];
  scenario.steps.forEach((change, i) => {
    const next = step(all, selected, change, at + (i + 1) * 1_000, nextSymbol);
    all = next.rows;
    selected = next.selected;
    nextSymbol += next.opened;
    const nextView = viewOf(view.version + 1, all, selected);
    versions.push({ view: nextView, pushes: pushesFor(view, nextView) });
    view = nextView;
  });
  return versions;
}

describe('positions push properties', () => {
  it('applying every part in order ends equal to the sender, keeps unchanged rows, and every payload is < 64 KB', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const versions = versionsOf(scenario);
        const receiver = new PositionsReceiver();
        let shown: PositionsView | null = null;
        let sent: PositionsView | null = null;
        for (const { view, pushes } of versions) {
          const before = shown;
          for (const [i, push] of pushes.entries()) {
            expect(payloadBytes(push)).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
            const outcome = receiver.receive(shown, push);
            // Nothing is shown before the last part of the version.
            expect(outcome.kind).toBe(i === pushes.length - 1 ? 'view' : 'waiting');
            if (outcome.kind === 'view') shown = outcome.view;
          }
          expect(shown).toEqual(view);
          // A row the sender did not change keeps its object on the receiving side too.
          if (sent !== null && before !== null) {
            const held = new Map(before.rows.map((row) => [row.key, row]));
            const previous = new Map(sent.rows.map((row) => [row.key, row]));
            const unchanged = view.rows.filter((row) => previous.get(row.key) === row).map((row) => row.key);
            const received = new Map(shown!.rows.map((row) => [row.key, row]));
            const kept = unchanged.filter((key) => received.get(key) === held.get(key));
            expect(kept).toEqual(unchanged);
          }
          sent = view;
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a lost, repeated or swapped part leads to a resync before anything wrong is shown', () => {
    const damageArb = fc.record({
      kind: fc.constantFrom('drop', 'repeat', 'swap'),
      where: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    });
    fc.assert(
      fc.property(scenarioArb, damageArb, (scenario, damage) => {
        const versions = versionsOf(scenario);
        // Every push tagged with the view its version shows; one more version follows, so that
        // any damage has a later push to reveal it.
        const tail = versions[versions.length - 1]!.view;
        const extra = viewOf(tail.version + 1, tail.rows, tail.selectedSymbol);
        versions.push({ view: extra, pushes: pushesFor(tail, extra) });
        const stream = versions.flatMap(({ view, pushes }) => pushes.map((push) => ({ push, view })));
        const index = Math.floor(damage.where * (stream.length - 1));
        if (damage.kind === 'drop') stream.splice(index, 1);
        else if (damage.kind === 'repeat') stream.splice(index, 0, stream[index]!);
        else [stream[index], stream[index + 1]] = [stream[index + 1]!, stream[index]!];

        const receiver = new PositionsReceiver();
        let shown: PositionsView | null = null;
        let resynced = false;
        for (const { push } of stream) {
          const outcome = receiver.receive(shown, push);
          if (outcome.kind === 'resync') {
            resynced = true;
            break;
          }
          if (outcome.kind === 'view') {
            // Whatever is shown is exactly one of the sender's versions.
            expect(outcome.view).toEqual(versions.find((version) => version.view.version === outcome.view.version)!.view);
            shown = outcome.view;
          }
        }
        // A lost or swapped part is always noticed; a repeated one may be harmless (a whole
        // version received twice), but then the receiver ends on the sender's view.
        if (damage.kind === 'repeat' && !resynced) expect(shown).toEqual(extra);
        else expect(resynced).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
