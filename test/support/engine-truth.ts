/**
 * Comparing the desk's rows with the simulator's own truth, for the engine's integration tests: the
 * exchange's fields of each open row, field for field, with no liquidation price awaiting a snapshot.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { PositionRow } from '../../shared/position';
import type { DemoDesk } from './demo-desk';
import { waitFor } from './wait';

export type DemoAccountName = 'oneway' | 'hedge';

/** The exchange's fields of a row, without what main added. */
export function exchangeFieldsOf(row: PositionRow) {
  // ADL and funding today are main's additions too (from their own reads), not position fields.
  const { key: _key, derived: _derived, snapshotAt: _snapshotAt, markAt: _markAt, liquidationPending: _pending, adl: _adl, fundingToday: _funding, ...fields } = row;
  return fields;
}

const byKey = <T extends { symbol: string; positionSide: string }>(a: T, b: T): number =>
  `${a.symbol}:${a.positionSide}`.localeCompare(`${b.symbol}:${b.positionSide}`);

/** The simulator's open positions of an account, sorted by key. */
export function openTruth(demo: DemoDesk, account: DemoAccountName) {
  return demo.simulator.truth(account).filter((row) => Number(row.positionAmt) !== 0).sort(byKey);
}

/** Waits until the desk shows exactly the simulator's open positions, every one fresh, and returns them. */
export async function rowsEqualTruth(demo: DemoDesk, account: DemoAccountName, timeoutMs = 10_000): Promise<PositionRow[]> {
  let shown: PositionRow[] = [];
  try {
    return await waitFor(() => {
      shown = [...demo.desk.positionsView().rows].sort(byKey);
      const fresh = shown.every((row) => row.liquidationPending === false);
      return fresh && isDeepStrictEqual(shown.map(exchangeFieldsOf), openTruth(demo, account)) ? shown : undefined;
    }, timeoutMs, `the ${account} rows to equal the simulator's truth`);
  } catch (error) {
    // Show the difference rather than only that it timed out.
    expect(shown.map(exchangeFieldsOf)).toEqual(openTruth(demo, account));
    throw error;
  }
}
