/**
 * Property (PROTOCOL §13.4–13.5): whatever the interleaving of the user stream (in order, equal `T`s
 * ordered by `E`, then arrival) and position queries that lag it by up to the allowance, answered
 * late: no row ever shows a state older than the newest stream update delivered for it — a lagging
 * snapshot neither deletes a new position nor resurrects a closed one — and once the stream is
 * delivered and a reply taken after the lag allowance read, the state is the exchange's truth,
 * every liquidation price known.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAccountUpdate } from '../../../electron/positions/account-update';
import { applySnapshot, EMPTY_STATE, type PositionsState } from '../../../electron/positions/reducer';
import { positionKey } from '../../../shared/position';
import { LAG_ALLOWANCE, StreamExchange, streamStep } from './stream-truth-model';
import { sidesOf, SYMBOLS, type Mode } from './truth-model';

function deliver(state: PositionsState, exchange: StreamExchange, delivered: Map<string, number>, at: number): PositionsState {
  const update = exchange.stream.shift();
  if (update === undefined) return state;
  for (const change of update.changes) delivered.set(positionKey(change.s, change.ps), update.T);
  return applyAccountUpdate(state, update.changes, update.T, at, update.E);
}

function reply(state: PositionsState, exchange: StreamExchange, at: number): PositionsState {
  const answer = exchange.replies.shift();
  if (answer === undefined) return state;
  return applySnapshot(state, { rows: answer.rows, receivedAt: at, serverTime: answer.serverTime, symbol: answer.scope, lagAllowanceMs: LAG_ALLOWANCE });
}

/** The row of `key` (or its absence) is a version of the position from `since` on. */
function expectNotOlder(state: PositionsState, exchange: StreamExchange, key: string, since: number): void {
  const row = state.rows.get(key);
  const shown = row === undefined ? '0' : `${row.positionAmt}@${row.entryPrice}`;
  const allowed = exchange.versionsSince(key, since).map((version) => (version.positionAmt === '0' ? '0' : `${version.positionAmt}@${version.entryPrice}`));
  expect(allowed).toContain(shown);
}

describe.each(['oneway', 'hedge'] as const)('stream and lagging snapshots (%s account)', (mode: Mode) => {
  const keys = SYMBOLS.flatMap((symbol) => sidesOf(mode).map((side) => positionKey(symbol, side)));

  it('never older than the delivered stream; ends at the truth with every liquidation price known', () => {
    fc.assert(
      fc.property(fc.array(streamStep(mode), { maxLength: 60 }), (steps) => {
        const exchange = new StreamExchange(mode);
        const delivered = new Map<string, number>();
        let state: PositionsState = EMPTY_STATE;
        let at = 1;
        for (const step of steps) {
          if (step.kind === 'change') exchange.change(step);
          else if (step.kind === 'request') exchange.request(step.scope, step.lag);
          else if (step.kind === 'deliver') state = deliver(state, exchange, delivered, at++);
          else state = reply(state, exchange, at++);
          for (const [key, since] of delivered) expectNotOlder(state, exchange, key, since);
        }
        while (exchange.stream.length > 0) state = deliver(state, exchange, delivered, at++);
        while (exchange.replies.length > 0) state = reply(state, exchange, at++);
        // A fresh reply once the allowance has passed: a reply taken between two updates that share
        // one `T` shows that `T` and may hold either, so only then is it certain to be the truth.
        exchange.time += LAG_ALLOWANCE + 1;
        exchange.request(null, 0);
        state = reply(state, exchange, at++);
        for (const key of keys) {
          const truth = exchange.versionAt(key, exchange.time);
          const row = state.rows.get(key);
          if (truth === undefined || truth.positionAmt === '0') expect(row).toBeUndefined();
          else expect(row).toMatchObject({ positionAmt: truth.positionAmt, entryPrice: truth.entryPrice, updateTime: truth.time, liquidationPending: false, liquidationPrice: '50' });
        }
      }),
      { numRuns: 500 },
    );
  });
});
