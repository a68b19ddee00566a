/**
 * Property tests of the positions channel: for any sequence of views (rows opening, closing,
 * ticking, filling, moving; a symbol selected or not), a receiver that applies every push ends equal
 * to the sender's view and keeps the objects of rows that did not change; and through the real
 * PositionsPusher on a fake clock, with any interleaving of engine changes, deliveries, acks,
 * resyncs and reloads, the receiver only ever shows versions the sender had, never has more than
 * one unacknowledged version coming, and ends on the sender's view.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PositionsPusher } from '../../../electron/desk/positions-pusher';
import type { PositionRow, PositionsView } from '../../../shared/position';
import { applyPush, pushFor } from '../../../shared/positions-delta';
import { positionsPushSchema, type PositionsPush } from '../../../shared/positions-push';
import { makeRows, MAX_ROWS, step, viewOf, type Step } from './positions-views';

const stepArb: fc.Arbitrary<Step> = fc.record({
  seed: fc.integer(),
  open: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: MAX_ROWS / 4 })),
  close: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  ticks: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.constant(1)),
  fills: fc.integer({ min: 0, max: 5 }),
  moves: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })),
  select: fc.oneof(fc.constant(null), fc.boolean()),
});

const scenarioArb = fc.record({
  initial: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 400 })),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 8 }),
});

/** The sender's versions for a scenario, in order. */
function viewsOf(scenario: { initial: number; steps: Step[] }): PositionsView[] {
  const at = 1_700_000_000_000;
  let all: PositionRow[] = makeRows(scenario.initial, at);
  let selected: string | null = null;
  let nextSymbol = scenario.initial;
  const views = [viewOf(1, all)];
  scenario.steps.forEach((change, i) => {
    const next = step(all, selected, change, at + (i + 1) * 1_000, nextSymbol);
    all = next.rows;
    selected = next.selected;
    nextSymbol += next.opened;
    views.push(viewOf(views.length + 1, all, selected));
  });
  return views;
}

describe('positions push properties', () => {
  it('applying every push in order ends equal to the sender, keeps unchanged rows, and every push passes the schema', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        let shown: PositionsView | null = null;
        let sent: PositionsView | null = null;
        for (const view of viewsOf(scenario)) {
          const before = shown;
          const push = pushFor(sent, view);
          expect(positionsPushSchema.safeParse(push).success).toBe(true);
          shown = applyPush(shown, structuredClone(push));
          expect(shown).toEqual(view);
          // A row the sender did not change keeps its object on the receiving side too.
          if (sent !== null && before !== null) {
            const held = new Map(before.rows.map((row) => [row.key, row]));
            const previous = new Map(sent.rows.map((row) => [row.key, row]));
            const unchanged = view.rows.filter((row) => previous.get(row.key) === row).map((row) => row.key);
            const received = new Map(shown!.rows.map((row) => [row.key, row]));
            expect(unchanged.filter((key) => received.get(key) === held.get(key))).toEqual(unchanged);
          }
          sent = view;
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

/** What can happen next, in any order. */
type Op =
  /** The engine moves on to its next view (and notifies). */
  | { kind: 'change' }
  /** The receiver takes the oldest push in transit and applies it (a delta that does not fit: it resyncs). */
  | { kind: 'deliver' }
  /** Main takes the oldest message from the receiver (an ack, or a getState that resyncs). */
  | { kind: 'reply' }
  /** Time passes: the throttle's trailing run may fire. */
  | { kind: 'time'; ms: number }
  /** The receiver asks for the state (getState), as after a lost delta. */
  | { kind: 'resync' }
  /** The renderer reloads: it holds nothing and asks for the state; pushes in transit still arrive. */
  | { kind: 'reload' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'change' }),
  fc.constant<Op>({ kind: 'deliver' }),
  fc.constant<Op>({ kind: 'reply' }),
  fc.integer({ min: 1, max: 40 }).map<Op>((ms) => ({ kind: 'time', ms })),
  fc.constant<Op>({ kind: 'resync' }),
  fc.constant<Op>({ kind: 'reload' }),
);

type Upstream = { kind: 'ack'; version: number } | { kind: 'resync' };

describe('positions pusher and receiver, any interleaving', () => {
  let pusher: PositionsPusher | null = null;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    pusher?.dispose();
    vi.useRealTimers();
  });

  it('shows only versions the sender had, keeps one unacknowledged version in flight, and ends on the sender view', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(opArb, { maxLength: 80 }), (scenario, ops) => {
        pusher?.dispose();
        const views = viewsOf(scenario);
        const byVersion = new Map(views.map((view) => [view.version, view]));
        let current = 0;
        const downstream: PositionsPush[] = [];
        const upstream: Upstream[] = [];
        let shown: PositionsView | null = null;
        /** Pushes sent since the pusher last started over, whose ack it has not taken. */
        let unacked = 0;
        const engine = { view: () => views[current]! };
        pusher = new PositionsPusher(
          () => engine.view(),
          (push) => {
            unacked++;
            expect(unacked).toBeLessThanOrEqual(1);
            downstream.push(push);
          },
          () => Date.now(),
        );
        const p = pusher;
        const resync = () => {
          unacked = 0;
          p.resync();
        };
        const run = (op: Op): void => {
          switch (op.kind) {
            case 'change':
              if (current < views.length - 1) current++;
              p.notify();
              break;
            case 'deliver': {
              const push = downstream.shift();
              if (push === undefined) break;
              const view = applyPush(shown, structuredClone(push));
              if (view === null) {
                upstream.push({ kind: 'resync' });
                break;
              }
              // Whatever is shown is exactly one of the sender's versions.
              expect(view).toEqual(byVersion.get(view.version));
              shown = view;
              upstream.push({ kind: 'ack', version: view.version });
              break;
            }
            case 'reply': {
              const message = upstream.shift();
              if (message === undefined) break;
              if (message.kind === 'resync') resync();
              else {
                // A taken ack may send the next version at once: count the old one off first.
                unacked--;
                if (!p.ack(message.version)) unacked++;
              }
              break;
            }
            case 'time':
              vi.advanceTimersByTime(op.ms);
              break;
            case 'resync':
              upstream.push({ kind: 'resync' });
              break;
            case 'reload':
              shown = null;
              upstream.push({ kind: 'resync' });
              break;
          }
        };
        p.notify(); // a receiver attaches
        ops.forEach(run);
        // Then the engine reaches its last view and everything settles.
        current = views.length - 1;
        p.notify();
        for (let round = 0; round < 200 && (downstream.length > 0 || upstream.length > 0 || p.waiting || round < 2); round++) {
          run({ kind: 'time', ms: 20 });
          while (downstream.length > 0) run({ kind: 'deliver' });
          while (upstream.length > 0) run({ kind: 'reply' });
        }
        expect(downstream).toEqual([]);
        expect(p.waiting).toBe(false);
        expect(shown).toEqual(views[views.length - 1]);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
