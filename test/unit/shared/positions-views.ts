/**
 * Positions views for the push tests: realistic rows (the engine's shapes and value ranges) and a
 * step function that changes a view the way the engine does — rows open and close, marks tick,
 * exchange figures change, the order moves, a symbol is selected — driven by a seed so fast-check
 * can shrink a failing sequence.
 */
import { mulberry32 } from '../../../electron/simulator/prng';
import { summaryOf } from '../../support/positions-summary';
import { positionKey, type HedgeNet, type PositionRow, type PositionSide, type PositionsView } from '../../../shared/position';

export const MAX_ROWS = 2_000;

/** A small deterministic generator (the simulator's mulberry32), so a step is reproducible from its seed. */
export const random = mulberry32;

export function symbolAt(index: number): string {
  return `S${String(index).padStart(4, '0')}USDT`;
}

/** A row as the engine builds it, at a given mark. */
export function makeRow(symbol: string, side: PositionSide, amount: number, mark: number, at: number): PositionRow {
  const entry = mark * 0.98;
  const notional = amount * mark;
  const pnl = amount * (mark - entry);
  const liq = amount > 0 ? mark * 0.8 : mark * 1.2;
  return {
    key: positionKey(symbol, side),
    symbol,
    positionSide: side,
    positionAmt: amount.toFixed(3),
    entryPrice: entry.toFixed(6),
    breakEvenPrice: (entry * 1.0004).toFixed(8),
    markPrice: mark.toFixed(8),
    unRealizedProfit: pnl.toFixed(8),
    liquidationPrice: liq.toFixed(8),
    leverage: '20',
    maxNotionalValue: '25000000',
    marginType: 'cross',
    isolatedMargin: '0.00000000',
    isAutoAddMargin: 'false',
    notional: notional.toFixed(8),
    isolatedWallet: '0',
    updateTime: at - 60_000,
    derived: {
      markPrice: mark.toFixed(8),
      markTime: at,
      unrealizedPnl: pnl,
      notional,
      roePct: (pnl / (Math.abs(notional) / 20)) * 100,
      margin: Math.abs(notional) / 20,
      maintMargin: Math.abs(notional) * 0.004,
      marginRatioPct: null,
      liquidationDistancePct: (Math.abs(mark - liq) / mark) * 100,
      liquidationDistance: Math.abs(mark - liq),
      fundingRate: null,
      nextFundingTime: null,
      fundingIntervalHours: null,
      estimatedFunding: null,
    },
    snapshotAt: at - 1_000,
    markAt: at,
  };
}

/** A mark tick: new derived figures and mark time, the exchange's strings untouched (as the reducer does). */
export function tick(row: PositionRow, mark: number, at: number): PositionRow {
  const moved = makeRow(row.symbol, row.positionSide, Number(row.positionAmt), mark, at);
  return { ...row, derived: moved.derived, markAt: at };
}

function hedgeNetsOf(rows: readonly PositionRow[]): HedgeNet[] {
  const nets = new Map<string, HedgeNet>();
  for (const row of rows) {
    if (row.positionSide === 'BOTH') continue;
    const net = nets.get(row.symbol) ?? { symbol: row.symbol, netAmount: 0, netUnrealizedPnl: 0, netNotional: 0 };
    nets.set(row.symbol, {
      ...net,
      netAmount: net.netAmount + Number(row.positionAmt),
      netUnrealizedPnl: net.netUnrealizedPnl + row.derived.unrealizedPnl,
      netNotional: net.netNotional + row.derived.notional,
    });
  }
  return [...nets.values()];
}

/** A view over `all` rows, narrowed to `selected` when given (as the engine narrows it). */
export function viewOf(version: number, all: readonly PositionRow[], selected: string | null = null): PositionsView {
  const rows = selected === null ? [...all] : all.filter((row) => row.symbol === selected);
  return {
    version,
    selectedSymbol: selected,
    mode: rows.some((row) => row.positionSide !== 'BOTH') ? 'hedge' : rows.length > 0 ? 'oneway' : 'unknown',
    rows,
    selectedMark: selected === null ? null : { symbol: selected, markPrice: '101.5', markTime: version },
    snapshotAt: 1_700_000_000_000,
    openSymbols: [...new Set(all.map((row) => row.symbol))].sort(),
    hedgeNets: hedgeNetsOf(rows),
    summary: summaryOf(rows),
    account: null,
  };
}

/** `count` rows: one-way rows, and hedge symbols with both legs. */
export function makeRows(count: number, at = 1_700_000_000_000, firstSymbol = 0): PositionRow[] {
  const rows: PositionRow[] = [];
  for (let i = 0; rows.length < count; i++) {
    const symbol = symbolAt(firstSymbol + i);
    const mark = 1 + ((firstSymbol + i) % 997) * 13.37;
    if (i % 5 === 4 && rows.length + 2 <= count) {
      rows.push(makeRow(symbol, 'LONG', 1.5, mark, at), makeRow(symbol, 'SHORT', -0.5, mark, at));
    } else {
      rows.push(makeRow(symbol, 'BOTH', (i % 2 === 0 ? 1 : -1) * (i + 1), mark, at));
    }
  }
  return rows;
}

/** How one view turns into the next. */
export interface Step {
  seed: number;
  /** Rows that open (new symbols). */
  open: number;
  /** Share of rows that close (0–1). */
  close: number;
  /** Share of rows whose mark ticks (0–1). */
  ticks: number;
  /** Rows whose exchange figures change (a fill). */
  fills: number;
  /** Rows moved to another place in the order. */
  moves: number;
  /** Select one symbol (true) or show all (false); null keeps the selection. */
  select: boolean | null;
}

/** Applies a step to the engine's rows (all symbols) and returns the new rows and selection. */
export function step(all: readonly PositionRow[], selected: string | null, change: Step, at: number, nextSymbol: number) {
  const rand = random(change.seed);
  let rows = all.filter(() => rand() >= change.close);
  rows = rows.map((row) => (rand() < change.ticks ? tick(row, Number(row.derived.markPrice) * (1 + (rand() - 0.5) / 100), at) : row));
  for (let i = 0; i < change.fills && rows.length > 0; i++) {
    const index = Math.floor(rand() * rows.length);
    const row = rows[index]!;
    rows[index] = { ...row, positionAmt: (Number(row.positionAmt) * 2).toFixed(3), updateTime: at, snapshotAt: at };
  }
  const room = Math.max(0, MAX_ROWS - rows.length);
  const opened = makeRows(Math.min(change.open, room), at, nextSymbol);
  for (const row of opened) rows.splice(Math.floor(rand() * (rows.length + 1)), 0, row);
  for (let i = 0; i < change.moves && rows.length > 1; i++) {
    const [moved] = rows.splice(Math.floor(rand() * rows.length), 1);
    rows.splice(Math.floor(rand() * (rows.length + 1)), 0, moved!);
  }
  let selection = selected;
  if (change.select === true && rows.length > 0) selection = rows[Math.floor(rand() * rows.length)]!.symbol;
  if (change.select === false) selection = null;
  return { rows, selected: selection, opened: opened.length };
}
