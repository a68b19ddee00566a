/**
 * The positions state, and a draft for changing a few of its entries: each map is copied on its
 * first write only. The pure reducers of ticks and account updates open a draft on their input and
 * return what it finished. The engine may instead keep one draft open across many mark batches, so
 * a saturated stream costs O(changed rows) per batch rather than a copy of every map per batch; a
 * state is immutable from the moment a draft finishes it (and the draft refuses writes after that).
 */
import type { PositionRow } from '../../shared/position';
import type { Bracket } from './brackets';
import { deriveBasis, sameBasisFields, type DeriveBasis, type Mark } from './derive';
import { isNewsAt, NOTHING_OBSERVED, type Observed, type Stamp } from './observed';

export interface PositionsState {
  /** Open positions only (non-zero amount), by `${symbol}:${positionSide}`. */
  readonly rows: ReadonlyMap<string, PositionRow>;
  /** Each symbol's open rows (a BOTH row, or up to two hedge legs) with what derive needs from them,
   * parsed: a mark tick finds its rows with one lookup and re-derives without parsing. */
  readonly legs: ReadonlyMap<string, readonly Leg[]>;
  /** The newest mark per symbol, from a snapshot or the mark stream. */
  readonly marks: ReadonlyMap<string, Mark>;
  /** As of when each position is known (observed.ts). */
  readonly observed: Observed;
  /** Position sides seen in the last snapshot, which tell one-way from hedge mode. */
  readonly sides: ReadonlySet<string>;
  /** Notional brackets per symbol, for maintenance margin; empty until fetched. */
  readonly brackets: ReadonlyMap<string, readonly Bracket[]>;
  /** Hours between fundings of the symbols `fundingInfo` lists (others: 8); null until read. */
  readonly fundingIntervals: ReadonlyMap<string, number> | null;
  /** ADL quantiles by position key, from `adlQuantile` (rows of v2 snapshots carry their own). */
  readonly adl: ReadonlyMap<string, number>;
  /** Funding since 00:00 UTC per symbol (income history); null until read. */
  readonly fundingToday: ReadonlyMap<string, number> | null;
}

/** Hours between fundings where `fundingInfo` does not list a symbol (PROTOCOL §13.10). */
export const DEFAULT_FUNDING_INTERVAL_HOURS = 8;

/** The symbol's funding interval in hours, or null while the intervals are not known. */
export function fundingIntervalOf(state: Pick<PositionsState, 'fundingIntervals'>, symbol: string): number | null {
  return state.fundingIntervals === null ? null : (state.fundingIntervals.get(symbol) ?? DEFAULT_FUNDING_INTERVAL_HOURS);
}

/** What a row carries besides the exchange's fields and the derived figures. */
export interface RowExtras {
  readonly adl: number | null;
  readonly fundingToday: number | null;
}

/** The extras the state holds for a row: what the reads said, else what the row already carried. */
export function extrasOf(state: Pick<PositionsState, 'adl' | 'fundingToday'>, key: string, symbol: string, held?: Partial<RowExtras>): RowExtras {
  return {
    adl: state.adl.get(key) ?? held?.adl ?? null,
    fundingToday: state.fundingToday === null ? (held?.fundingToday ?? null) : (state.fundingToday.get(symbol) ?? 0),
  };
}

/** An open row as a mark tick needs it. */
export interface Leg {
  readonly key: string;
  readonly basis: DeriveBasis;
}

export const EMPTY_STATE: PositionsState = {
  rows: new Map(),
  legs: new Map(),
  marks: new Map(),
  observed: NOTHING_OBSERVED,
  sides: new Set(),
  brackets: new Map(),
  fundingIntervals: null,
  adl: new Map(),
  fundingToday: null,
};

/** The legs index of a rows map. */
export function indexLegs(rows: ReadonlyMap<string, PositionRow>): Map<string, readonly Leg[]> {
  const legs = new Map<string, Leg[]>();
  for (const [key, row] of rows) {
    const leg: Leg = { key, basis: deriveBasis(row) };
    const list = legs.get(row.symbol);
    if (list === undefined) legs.set(row.symbol, [leg]);
    else list.push(leg);
  }
  return legs;
}

export class StateDraft {
  private rows: Map<string, PositionRow> | null = null;
  private legs: Map<string, readonly Leg[]> | null = null;
  private marks: Map<string, Mark> | null = null;
  private observedKeys: Map<string, Stamp> | null = null;
  private finished = false;

  constructor(private readonly base: PositionsState) {}

  row(key: string): PositionRow | undefined {
    return (this.rows ?? this.base.rows).get(key);
  }

  /** The symbol's open rows. */
  legsOf(symbol: string): readonly Leg[] | undefined {
    return (this.legs ?? this.base.legs).get(symbol);
  }

  mark(symbol: string): Mark | undefined {
    return (this.marks ?? this.base.marks).get(symbol);
  }

  /** True when an update of `key` at (`time`, `eventTime`) is newer than what is known (observed.ts). */
  isNews(key: string, symbol: string, time: number, eventTime: number): boolean {
    const observed = this.base.observed;
    return isNewsAt({ ...observed, keys: this.observedKeys ?? observed.keys }, key, symbol, time, eventTime);
  }

  /** Records that the position `key` is known as of update (`time`, `eventTime`). */
  observe(key: string, time: number, eventTime: number): void {
    this.writable();
    (this.observedKeys ??= new Map(this.base.observed.keys)).set(key, { time, eventTime, stream: true });
  }

  brackets(symbol: string): readonly Bracket[] | undefined {
    return this.base.brackets.get(symbol);
  }

  /** The symbol's funding interval (hours), or null while unknown. */
  fundingInterval(symbol: string): number | null {
    return fundingIntervalOf(this.base, symbol);
  }

  /** The extras a row of `key` carries (see extrasOf). */
  extras(key: string, symbol: string, held?: Partial<RowExtras>): RowExtras {
    return extrasOf(this.base, key, symbol, held);
  }

  /** Adds or replaces a row (keyed by `row.key`); its leg is re-parsed only if its basis changed. */
  setRow(row: PositionRow): void {
    this.writable();
    const rows = (this.rows ??= new Map(this.base.rows));
    const held = rows.get(row.key);
    if (held === undefined || !sameBasisFields(held, row)) {
      const leg: Leg = { key: row.key, basis: deriveBasis(row) };
      this.editLegs(row.symbol, (legs) => [...legs.filter((other) => other.key !== row.key), leg]);
    }
    rows.set(row.key, row);
  }

  /** Replaces an open row by one with the same exchange fields (a new mark): its leg stays as it is. */
  repriceRow(row: PositionRow): void {
    this.writable();
    (this.rows ??= new Map(this.base.rows)).set(row.key, row);
  }

  deleteRow(key: string): void {
    this.writable();
    const row = this.row(key);
    if (row === undefined) return;
    (this.rows ??= new Map(this.base.rows)).delete(key);
    this.editLegs(row.symbol, (legs) => legs.filter((other) => other.key !== key));
  }

  setMark(symbol: string, mark: Mark): void {
    this.writable();
    (this.marks ??= new Map(this.base.marks)).set(symbol, mark);
  }

  /** The state with every write applied (the base itself when nothing was written). */
  finish(): PositionsState {
    this.writable();
    this.finished = true;
    if (this.rows === null && this.marks === null && this.observedKeys === null) return this.base;
    return {
      rows: this.rows ?? this.base.rows,
      legs: this.legs ?? this.base.legs,
      marks: this.marks ?? this.base.marks,
      observed: this.observedKeys === null ? this.base.observed : { ...this.base.observed, keys: this.observedKeys },
      sides: this.base.sides,
      brackets: this.base.brackets,
      fundingIntervals: this.base.fundingIntervals,
      adl: this.base.adl,
      fundingToday: this.base.fundingToday,
    };
  }

  private editLegs(symbol: string, edit: (legs: readonly Leg[]) => readonly Leg[]): void {
    const index = (this.legs ??= new Map(this.base.legs));
    const legs = edit(index.get(symbol) ?? []);
    if (legs.length === 0) index.delete(symbol);
    else index.set(symbol, legs);
  }

  private writable(): void {
    // Writing after finish() would change a state that readers already hold.
    if (this.finished) throw new Error('this draft is finished; open a new one');
  }
}

