/**
 * What the state knows, and as of when (exchange time): a snapshot tells the truth of every position
 * in its scope as of the moment it was requested, an ACCOUNT_UPDATE that of its positions as of its
 * transaction time. News older than what is known about a position changes nothing, so events may
 * arrive late, twice or out of order — around a snapshot in flight, too — without the state ever
 * going back in time. A v1 flat row carries `updateTime: 0`, so a row's own `updateTime` cannot
 * tell a late event from a new one: these times can.
 */
export interface Observed {
  /** The newest whole-account snapshot (-Infinity before the first). */
  readonly account: number;
  /** Symbol snapshots newer than `account`. */
  readonly symbols: ReadonlyMap<string, number>;
  /** ACCOUNT_UPDATEs newer than `account`, by position key. */
  readonly keys: ReadonlyMap<string, number>;
}

export const NOTHING_OBSERVED: Observed = { account: -Infinity, symbols: new Map(), keys: new Map() };

/** As of when the state knows the position `key` (of `symbol`). */
export function observedAt(observed: Observed, key: string, symbol: string): number {
  return Math.max(observed.account, observed.symbols.get(symbol) ?? -Infinity, observed.keys.get(key) ?? -Infinity);
}

/** After a snapshot of `symbol` (null: the whole account) requested at exchange time `time`. */
export function observeSnapshot(observed: Observed, symbol: string | null, time: number): Observed {
  if (symbol !== null) {
    if ((observed.symbols.get(symbol) ?? -Infinity) >= time || observed.account >= time) return observed;
    return { ...observed, symbols: new Map(observed.symbols).set(symbol, time) };
  }
  if (observed.account >= time) return observed;
  // What the new whole-account time covers needs no entry of its own: this keeps both maps small.
  const newer = <K>(times: ReadonlyMap<K, number>): Map<K, number> => new Map([...times].filter(([, at]) => at > time));
  return { account: time, symbols: newer(observed.symbols), keys: newer(observed.keys) };
}
