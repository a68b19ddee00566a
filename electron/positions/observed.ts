/**
 * What the state knows, and as of when (exchange time). A snapshot tells the truth of every position
 * in its scope as of some moment before it was requested — position queries can lag the user data
 * stream (PROTOCOL §13.4), so the engine trusts a snapshot only as of its request time minus a lag
 * allowance, and as of each open row's own `updateTime`. An ACCOUNT_UPDATE tells the truth of its
 * positions as of its transaction time `T`; updates that share one `T` are ordered by their event
 * time `E`, then by arrival (§13.5). News older than what is known about a position changes nothing,
 * so events may arrive late, twice or out of order — around a snapshot in flight, too — without the
 * state ever going back in time. A v1 flat row carries `updateTime: 0`, so a row's own `updateTime`
 * alone cannot tell a late event from a new one: these times can.
 */

/** As of when one position is known, and from where. */
export interface Stamp {
  /** Exchange time (ms): an update's `T`, or the `updateTime` of the snapshot row that set it. */
  readonly time: number;
  /** An update's `E`, which orders updates with one `T`; 0 for a snapshot row. */
  readonly eventTime: number;
  /** True when set by the stream: a snapshot row as new wins a tie (it carries the liquidation price). */
  readonly stream: boolean;
}

export interface Observed {
  /** The newest whole-account snapshot's trusted time (-Infinity before the first). */
  readonly account: number;
  /** Symbol snapshots' trusted times, newer than `account`. */
  readonly symbols: ReadonlyMap<string, number>;
  /** Positions known as of a time newer than `account`, by position key. */
  readonly keys: ReadonlyMap<string, Stamp>;
}

export const NOTHING_OBSERVED: Observed = { account: -Infinity, symbols: new Map(), keys: new Map() };

/** As of when the state knows the position `key` (of `symbol`). */
export function observedAt(observed: Observed, key: string, symbol: string): number {
  return Math.max(observed.account, observed.symbols.get(symbol) ?? -Infinity, observed.keys.get(key)?.time ?? -Infinity);
}

/**
 * True when an update of `key` at transaction time `time`, event time `eventTime`, is news: newer than
 * everything known about the position, or as new as an earlier update and not before it in `E` (two
 * updates with one `T` and one `E` are taken in arrival order, so the later one wins).
 */
export function isNewsAt(observed: Observed, key: string, symbol: string, time: number, eventTime: number): boolean {
  const snapshots = Math.max(observed.account, observed.symbols.get(symbol) ?? -Infinity);
  if (time <= snapshots) return false;
  const stamp = observed.keys.get(key);
  if (stamp === undefined || stamp.time < time) return true;
  if (stamp.time > time || !stamp.stream) return false;
  return eventTime >= stamp.eventTime;
}

/**
 * After a snapshot of `symbol` (null: the whole account) trusted as of exchange time `time`; `rowStamps`
 * are the open rows it installed whose own `updateTime` is newer than `time`.
 */
export function observeSnapshot(observed: Observed, symbol: string | null, time: number, rowStamps: ReadonlyMap<string, number> = new Map()): Observed {
  let next = observed;
  if (symbol !== null) {
    if ((observed.symbols.get(symbol) ?? -Infinity) < time && observed.account < time) {
      next = { ...observed, symbols: new Map(observed.symbols).set(symbol, time) };
    }
  } else if (observed.account < time) {
    // What the new whole-account time covers needs no entry of its own: this keeps both maps small.
    const newer = <K, V>(times: ReadonlyMap<K, V>, at: (value: V) => number): Map<K, V> =>
      new Map([...times].filter(([, value]) => at(value) > time));
    next = { account: time, symbols: newer(observed.symbols, (at) => at), keys: newer(observed.keys, (stamp) => stamp.time) };
  }
  if (rowStamps.size === 0) return next;
  const keys = new Map(next.keys);
  for (const [key, at] of rowStamps) {
    if ((keys.get(key)?.time ?? -Infinity) <= at) keys.set(key, { time: at, eventTime: 0, stream: false });
  }
  return { ...next, keys };
}

