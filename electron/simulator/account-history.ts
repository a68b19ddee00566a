/**
 * Recent states of each account, so snapshot replies can lag the user data stream
 * (`lagSnapshots`, PROTOCOL §13.4): position queries answer the state as it was `ms` ago
 * while the stream is already current, which is what Binance's position pages warn of in
 * volatile markets. Bounded by age: only the states a lag of up to {@link MAX_SNAPSHOT_LAG_MS}
 * can reach are kept.
 */
import type { Account, AccountName } from './account-model';

/** The longest lag a test may ask for. */
export const MAX_SNAPSHOT_LAG_MS = 60_000;

interface Entry {
  readonly time: number;
  readonly account: Account;
}

/** Per-account states by the server time they took effect. */
export class AccountHistory {
  private readonly entries = new Map<AccountName, Entry[]>();

  constructor(initial: Iterable<Account>) {
    // The start-up state is in force since forever.
    for (const account of initial) this.entries.set(account.name, [{ time: Number.NEGATIVE_INFINITY, account }]);
  }

  /** Records the state that took effect at `time`, dropping states no lag can reach. */
  record(account: Account, time: number): void {
    const list = this.entries.get(account.name) ?? [];
    list.push({ time, account });
    const horizon = time - MAX_SNAPSHOT_LAG_MS;
    // Keep the newest state at or before the horizon: it is what a maximal lag answers.
    while (list.length > 1 && list[1]!.time <= horizon) list.shift();
    this.entries.set(account.name, list);
  }

  /** The state in force at `time` (the oldest kept one if `time` is earlier still). */
  at(name: AccountName, time: number): Account | undefined {
    const list = this.entries.get(name);
    if (!list || list.length === 0) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.time <= time) return list[i]!.account;
    return list[0]!.account;
  }
}
