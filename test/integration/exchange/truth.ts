/** Waiting for a demo desk's positions to equal the simulator's truth, field for field. */
import type { PositionRow } from '../../../shared/position';
import type { DemoDesk } from '../../support/demo-desk';
import { waitFor } from '../../support/wait';

/** The exchange's fields of a row: what main adds (identity, derived figures, freshness flags) is left out. */
function exchangeFields(row: PositionRow): object {
  const { key: _key, derived: _derived, snapshotAt: _snapshotAt, markAt: _markAt, adl: _adl, fundingToday: _fundingToday, ...fields } = row;
  // Flags main may add to a row (e.g. a liquidation price pending after a flip) are not exchange fields.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value !== 'boolean'));
}

/**
 * Rows as comparable text: keys sorted, so field order does not matter. `byValue` compares decimal
 * strings by value: v2 replies write a zero as "0" where v1 writes "0.00000000" (the documented v2
 * example does too), and neither is more true than the other.
 */
function canonical(rows: object[], byValue: boolean): string {
  const value = (field: unknown): unknown => (byValue && typeof field === 'string' && /^-?\d+(\.\d+)?$/.test(field) ? Number(field) : field);
  const sorted = (row: object): Array<[string, unknown]> =>
    Object.entries(row)
      .map(([name, field]): [string, unknown] => [name, value(field)])
      .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(rows.map((row) => Object.fromEntries(sorted(row))));
}

type Keyed = { symbol: string; positionSide: string };
const order = (a: Keyed, b: Keyed): number => a.symbol.localeCompare(b.symbol) || a.positionSide.localeCompare(b.positionSide);

/** Waits until the desk's rows equal the simulator's open positions of `account`; the failure shows both. */
export async function expectTruth(
  demo: DemoDesk,
  account: 'oneway' | 'hedge' = 'oneway',
  { timeoutMs = 8_000, byValue = false }: { timeoutMs?: number; byValue?: boolean } = {},
): Promise<void> {
  let last = '';
  await waitFor(
    () => {
      const truth = demo.simulator.truth(account).filter((row) => Number(row.positionAmt) !== 0).sort(order);
      const held = demo.desk.positionsView().rows.map((row) => exchangeFields(row) as Keyed).sort(order);
      const [expected, actual] = [canonical(truth, byValue), canonical(held, byValue)];
      last = `truth ${expected}\nheld  ${actual}`;
      return expected === actual ? true : undefined;
    },
    timeoutMs,
    'the engine to equal the truth',
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n${last}`);
  });
}

/** The timeline entries so far. */
export function timeline(demo: DemoDesk): Array<{ kind: string; message: string }> {
  return demo.desk.handlers.getTimeline() as Array<{ kind: string; message: string }>;
}
