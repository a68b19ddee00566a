/**
 * listenKeys (PROTOCOL §6): one active key per account, valid `ttlMs` (60 min on Binance) on
 * the server clock; `start` returns the active key and extends it, `ping` extends it, `stop`
 * invalidates it. Expiry is checked against the server clock whenever a timer fires, so a
 * skewed clock expires keys early and a frozen one never does.
 */
import { randomBytes } from 'node:crypto';
import type { AccountName } from './account-model';

/** Binance's listenKey validity: 60 minutes. */
export const DEFAULT_LISTEN_KEY_TTL_MS = 60 * 60_000;

/** What the registry reports to the user streams. */
export interface ListenKeyListener {
  /** A key expired (TTL or forced): connections get `listenKeyExpired`. */
  expired(key: string, account: AccountName): void;
  /** A key was stopped: its connections are closed. */
  stopped(key: string, account: AccountName): void;
}

interface Entry {
  readonly key: string;
  readonly account: AccountName;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh 64-character alphanumeric key, shaped like Binance's. */
function newKey(): string {
  return [...randomBytes(64)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** The active listenKeys. */
export class ListenKeys {
  private readonly byAccount = new Map<AccountName, Entry>();
  private readonly byKey = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
    private readonly listener: ListenKeyListener,
  ) {}

  /** Returns the account's active key, extended, or a new one. */
  start(account: AccountName): string {
    const existing = this.byAccount.get(account);
    if (existing) return this.extend(existing);
    const entry: Entry = { key: newKey(), account, expiresAt: 0, timer: undefined as unknown as NodeJS.Timeout };
    this.byAccount.set(account, entry);
    this.byKey.set(entry.key, entry);
    return this.extend(entry);
  }

  /** Extends the account's active key; undefined when it has none (-1125). */
  ping(account: AccountName): string | undefined {
    const entry = this.byAccount.get(account);
    return entry && this.extend(entry);
  }

  /** Invalidates the account's key; false when it had none. */
  stop(account: AccountName): boolean {
    const entry = this.byAccount.get(account);
    if (!entry) return false;
    this.remove(entry);
    this.listener.stopped(entry.key, account);
    return true;
  }

  /** Expires the account's key now (fault injection); returns it, or undefined if none. */
  expire(account: AccountName): string | undefined {
    const entry = this.byAccount.get(account);
    if (!entry) return undefined;
    this.remove(entry);
    this.listener.expired(entry.key, account);
    return entry.key;
  }

  /** The account a valid key belongs to. */
  accountOf(key: string): AccountName | undefined {
    return this.byKey.get(key)?.account;
  }

  /** The account's active key, if any. */
  activeKey(account: AccountName): string | undefined {
    return this.byAccount.get(account)?.key;
  }

  /** Expires every key the server clock has passed (after a clock skew). */
  sweep(): void {
    for (const entry of [...this.byKey.values()]) this.check(entry);
  }

  /** Clears every key and timer. */
  close(): void {
    for (const entry of this.byKey.values()) clearTimeout(entry.timer);
    this.byKey.clear();
    this.byAccount.clear();
  }

  private extend(entry: Entry): string {
    entry.expiresAt = this.now() + this.ttlMs;
    this.arm(entry, this.ttlMs);
    return entry.key;
  }

  private arm(entry: Entry, delayMs: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.check(entry), Math.max(1, Math.min(delayMs, 2 ** 31 - 1)));
  }

  private check(entry: Entry): void {
    if (this.byKey.get(entry.key) !== entry) return;
    const left = entry.expiresAt - this.now();
    if (left > 0) {
      // The server clock is frozen or behind real time: look again when it could have passed.
      this.arm(entry, Math.min(left, this.ttlMs));
      return;
    }
    this.remove(entry);
    this.listener.expired(entry.key, entry.account);
  }

  private remove(entry: Entry): void {
    clearTimeout(entry.timer);
    this.byKey.delete(entry.key);
    this.byAccount.delete(entry.account);
  }
}
