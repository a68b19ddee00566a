/**
 * A position cell is drawn again only when its column's `meta.shows` of the row changes
 * (renderer/components/table/PositionCell.tsx, compared by its `sameShown`). That is safe only if
 * `shows` names everything the cell's output depends on: here, for every column, two rows that
 * agree on it (and on the symbol's grid, which the cell is also given) must render the same markup,
 * over random rows and random edits of them. A field missing from a column's list shows up as a pair
 * of rows with equal `shows` and different markup — for the fields varied below, which are every row
 * field a cell reads today: a cell that starts reading another must add it to the pool.
 */
import fc from 'fast-check';
import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { PositionRow, PositionsView } from '../../../shared/position';
import { positionKey } from '../../../shared/position';
import { sameShown } from '../../../renderer/components/table/PositionCell';
import { positionsColumns, type Shown } from '../../../renderer/components/table/positions-columns';
import { AppStoreContext, createAppStore } from '../../../renderer/store/store';
import { positionRow, SYMBOLS } from './fake-api';

const NOW = 1_764_600_000_000;
vi.mock('../../../renderer/components/clock', () => ({ useClock: <T>(fn: (now: number) => T): T => fn(NOW) }));

/** Small pools, so that random edits often leave a column's inputs as they were. */
const fields = {
  symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT'),
  positionSide: fc.constantFrom('BOTH' as const, 'LONG' as const, 'SHORT' as const),
  positionAmt: fc.constantFrom('1.5', '-1.5', '0.001', '-2'),
  entryPrice: fc.constantFrom('95.0', '95.00', '100'),
  breakEvenPrice: fc.constantFrom('95.1', '0', '101.25'),
  liquidationPrice: fc.constantFrom('0', '80.5', '120'),
  leverage: fc.constantFrom('10', '20'),
  marginType: fc.constantFrom('cross' as const, 'isolated' as const),
  liquidationPending: fc.constantFrom(undefined, true, false),
  adl: fc.constantFrom(undefined, null, 0, 3),
  fundingToday: fc.constantFrom(undefined, null, 0, 1.25, -3),
  markAt: fc.constantFrom(null, NOW - 2_000, NOW - 20_000),
  snapshotAt: fc.constantFrom(NOW - 5_000, NOW - 1_000),
  markPrice: fc.constantFrom('100.0', '101.5'),
  unrealizedPnl: fc.constantFrom(5, -3, 0),
  notional: fc.constantFrom(100, -150.5),
  roePct: fc.constantFrom(null, 50, -12),
  margin: fc.constantFrom(10, 12),
  marginRatioPct: fc.constantFrom(null, 4, 7.5),
  liquidationDistancePct: fc.constantFrom(null, 20, -1, 3),
  fundingRate: fc.constantFrom(null, 0.0001, -0.0002, 0),
  nextFundingTime: fc.constantFrom(null, NOW + 3_600_000, NOW + 60_000),
  fundingIntervalHours: fc.constantFrom(null, 8, 4),
  estimatedFunding: fc.constantFrom(null, 0.5, -0.25, 0),
};
type Fields = { [K in keyof typeof fields]: (typeof fields)[K] extends fc.Arbitrary<infer T> ? T : never };

function rowOf(f: Fields): PositionRow {
  const base = positionRow(f.symbol, f.positionSide, f.positionAmt, f.markPrice);
  const row: PositionRow = {
    ...base,
    key: positionKey(f.symbol, f.positionSide),
    entryPrice: f.entryPrice,
    breakEvenPrice: f.breakEvenPrice,
    liquidationPrice: f.liquidationPrice,
    leverage: f.leverage,
    marginType: f.marginType,
    markAt: f.markAt,
    snapshotAt: f.snapshotAt,
    derived: {
      ...base.derived,
      unrealizedPnl: f.unrealizedPnl,
      notional: f.notional,
      roePct: f.roePct,
      margin: f.margin,
      marginRatioPct: f.marginRatioPct,
      liquidationDistancePct: f.liquidationDistancePct,
      fundingRate: f.fundingRate,
      nextFundingTime: f.nextFundingTime,
      fundingIntervalHours: f.fundingIntervalHours,
      estimatedFunding: f.estimatedFunding,
    },
  };
  if (f.liquidationPending !== undefined) row.liquidationPending = f.liquidationPending;
  if (f.adl !== undefined) row.adl = f.adl;
  if (f.fundingToday !== undefined) row.fundingToday = f.fundingToday;
  return row;
}

/** A row and an edit of it: some fields drawn again, the rest kept. */
const pairs = fc.record(fields).chain((first) =>
  fc
    .record(Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, fc.option(value as fc.Arbitrary<unknown>, { freq: 3 })])))
    .map((edits) => {
      const second = { ...first } as Record<string, unknown>;
      for (const [name, value] of Object.entries(edits)) if (value !== null) second[name] = value;
      return [rowOf(first), rowOf(second as Fields)] as const;
    }),
);

const store = createAppStore();
store.setState({ positions: { account: { cross: { marginRatioPct: 12.5 } } } as unknown as PositionsView });
const rendered = { ...store, getInitialState: store.getState };
const symbols = new Map(SYMBOLS.map((info) => [info.symbol, info]));

type CellFn = (context: unknown) => ReactNode;

function markup(cell: CellFn, row: PositionRow): string {
  const context = { row: { original: row }, table: { options: { meta: { symbols, thresholdPct: 5 } } } };
  const Probe = () => createElement(Fragment, null, cell(context));
  return renderToStaticMarkup(createElement(AppStoreContext, { value: rendered }, createElement(Probe)));
}

describe("every column's `shows` names all its cell depends on", () => {
  for (const column of positionsColumns) {
    const def = column as unknown as { id: string; cell: CellFn; meta?: { shows?: (row: PositionRow) => Shown } };
    it(`${def.id}: rows that agree on what it shows render the same cell`, () => {
      const shows = def.meta?.shows;
      expect(shows, `${def.id} says what it shows`).toBeTypeOf('function');
      let agreed = 0;
      fc.assert(
        fc.property(pairs, ([a, b]) => {
          if (!sameShown(shows!(a), shows!(b)) || symbols.get(a.symbol) !== symbols.get(b.symbol)) return true;
          agreed += 1;
          return markup(def.cell, a) === markup(def.cell, b);
        }),
        { numRuns: 400 },
      );
      // The property was exercised, not vacuously true: enough pairs agreed.
      expect(agreed).toBeGreaterThan(20);
    });
  }
});
