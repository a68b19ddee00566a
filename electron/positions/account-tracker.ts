/**
 * The engine's account: reads `v2/account.status` when asked (with every whole-account snapshot),
 * takes the stream's balances and the account's mode, and gives the figures at the live rows
 * (derive-account.ts). A reply from an older session is dropped; a failed read leaves the last
 * figures — never the positions — and is told once, until a read succeeds again.
 */
import type { AccountView } from '../../shared/account';
import type { PositionRow } from '../../shared/position';
import type { AccountStatusRead } from '../exchange/account-types';
import type { AccountUpdateBalance } from '../exchange/user-events';
import { accountBasis, applyAccountRead, applyBalances, applyMultiAssets, EMPTY_ACCOUNT, forgetStreamTimes, type AccountState } from './account-state';
import { accountLegs, deriveAccount } from './derive-account';

export interface AccountTrackerOptions {
  /** `v2/account.status`; absent: no account figures. */
  read: (() => Promise<AccountStatusRead>) | undefined;
  now: () => number;
  /** True while connected and in `epoch` (the engine's session epoch). */
  live: (epoch: number) => boolean;
  lagAllowanceMs: () => number;
  onChange: () => void;
  onNotice: (message: string) => void;
}

export class AccountTracker {
  private state: AccountState = EMPTY_ACCOUNT;
  private failing = false;
  /** The epoch of the read in flight, or null. */
  private inFlightEpoch: number | null = null;

  constructor(private readonly options: AccountTrackerOptions) {}

  /**
   * One read, asked for in `epoch` at exchange time `requestedAt`; settles when it is in or failed.
   * Nothing waits for it (a slow read holds up no snapshot); while one of this epoch is in flight no
   * second is asked for (it would cost weight and could land out of order): the next snapshot's covers it.
   */
  read(epoch: number, requestedAt: number): Promise<void> {
    const read = this.options.read;
    if (read === undefined || this.inFlightEpoch === epoch) return Promise.resolve();
    this.inFlightEpoch = epoch;
    return this.run(read, epoch, requestedAt).finally(() => {
      if (this.inFlightEpoch === epoch) this.inFlightEpoch = null;
    });
  }

  private async run(read: () => Promise<AccountStatusRead>, epoch: number, requestedAt: number): Promise<void> {
    let status: AccountStatusRead;
    try {
      status = await read();
    } catch (error) {
      if (!this.options.live(epoch) || this.failing) return;
      this.failing = true;
      this.options.onNotice(`The account could not be read (${error instanceof Error ? error.message : String(error)}); its last figures stay.`);
      return;
    }
    if (!this.options.live(epoch)) return;
    this.failing = false;
    this.set(applyAccountRead(this.state, { read: status, serverTime: requestedAt, receivedAt: this.options.now(), lagAllowanceMs: this.options.lagAllowanceMs() }));
  }

  /** The balances of an ACCOUNT_UPDATE (transaction time `time`, event time `eventTime`). */
  balances(rows: readonly AccountUpdateBalance[], time: number, eventTime: number): void {
    if (rows.length > 0) this.set(applyBalances(this.state, rows, time, eventTime, this.options.now()));
  }

  /** The account's Multi-Assets mode, from its config or an `ai` event. */
  multiAssets(multiAssets: boolean): void {
    this.set(applyMultiAssets(this.state, multiAssets));
  }

  /** The stream may have missed events: the next read is the truth. */
  reconnected(): void {
    this.state = forgetStreamTimes(this.state);
  }

  /** Another account: nothing of this one is kept. */
  reset(): void {
    this.state = EMPTY_ACCOUNT;
    this.failing = false;
  }

  /** The figures at the open rows, or null before the first read of the session. */
  view(rows: Iterable<PositionRow>, assetOf: (symbol: string) => string): AccountView | null {
    const basis = accountBasis(this.state);
    if (basis === null) return null;
    const open = [...rows];
    let lastMoveAt = 0;
    for (const row of open) lastMoveAt = Math.max(lastMoveAt, row.markAt ?? row.snapshotAt);
    return deriveAccount(basis, accountLegs(open, assetOf), lastMoveAt);
  }

  private set(next: AccountState): void {
    if (next === this.state) return;
    this.state = next;
    this.options.onChange();
  }
}
