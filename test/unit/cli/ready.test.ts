import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CliError, EXIT } from '../../../electron/cli/errors';
import { waitForFirstView, type ReadySource } from '../../../electron/cli/ready';
import type { ConnectionState, ConnectionStatus } from '../../../shared/connection';
import type { PositionsView } from '../../../shared/position';
import { ONEWAY_ROWS, viewOf, withAccount } from './fixtures';

const T = 1_800_000_000_000;

/** A session stand-in whose state the test sets, notifying subscribers like the Desk's pushes do. */
class FakeSource implements ReadySource {
  current: PositionsView = { ...viewOf([], T), snapshotAt: null };
  state: ConnectionStatus | null = null;
  lastProblem: string | null = null;
  private readonly listeners = new Set<() => void>();

  view = (): PositionsView => this.current;
  status = (): ConnectionStatus | null => this.state;
  problem = (): string | null => this.lastProblem;
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  get subscribers(): number {
    return this.listeners.size;
  }
  setState(state: ConnectionState, message: string | null = null): void {
    this.state = { state, environment: 'demo', profileName: 'Demo', demoAccount: 'oneway', latencyMs: null, clockOffsetMs: null, weightUsed: null, weightLimit: null, lastMessageAt: null, message };
    this.emit();
  }
  setView(view: PositionsView): void {
    this.current = view;
    this.emit();
  }
  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('waiting for the first complete view', () => {
  let source: FakeSource;
  beforeEach(() => {
    vi.useFakeTimers();
    source = new FakeSource();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves once live with a full snapshot and a first mark for every row', async () => {
    let done = false;
    const wait = waitForFirstView(source, { timeoutMs: 10_000 }).then(() => (done = true));
    source.setState('connecting');
    source.setState('live');
    source.setView(viewOf(ONEWAY_ROWS, T)); // snapshot, no ticks yet
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    source.setView(viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '1']]));
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false); // ETHUSDT has not ticked yet
    source.setView(viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '1'], ['ETHUSDT', '2']]));
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false); // every row has ticked, but the account has not been read yet
    source.setView(withAccount(viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '1'], ['ETHUSDT', '2']]), T));
    await wait;
    expect(done).toBe(true);
    expect(source.subscribers).toBe(0);
  });

  it('an account read that does not come within the mark wait does not fail the command', async () => {
    let done = false;
    const wait = waitForFirstView(source, { timeoutMs: 10_000, markWaitMs: 3_000 }).then(() => (done = true));
    source.setState('live');
    source.setView(viewOf([], T));
    await vi.advanceTimersByTimeAsync(2_900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    await wait;
    expect(done).toBe(true);
  });

  it('an account without positions is complete with its snapshot and its account read', async () => {
    source.setState('live');
    source.setView(withAccount(viewOf([], T), T));
    await expect(waitForFirstView(source, { timeoutMs: 1_000 })).resolves.toBeUndefined();
  });

  it('marks that do not come within the mark wait do not fail the command', async () => {
    const wait = waitForFirstView(source, { timeoutMs: 10_000, markWaitMs: 3_000 });
    source.setState('live');
    source.setView(viewOf(ONEWAY_ROWS, T));
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(wait).resolves.toBeUndefined();
  });

  it('rejected keys: exit 3 with the exchange-derived explanation', async () => {
    const wait = waitForFirstView(source, { timeoutMs: 10_000 });
    source.setState('live');
    source.setState('auth-failed', 'The exchange rejected the request signature: check the API secret and the key type.');
    const error = await rejection(wait);
    expect(error.exitCode).toBe(EXIT.auth);
    expect(error.message).toMatch(/rejected the request signature/);
    expect(source.subscribers).toBe(0);
  });

  it('not reachable at the first attempt: exit 4 at once, without waiting for retries', async () => {
    const wait = waitForFirstView(source, { timeoutMs: 10_000 });
    source.setState('connecting');
    source.setState('reconnecting', 'Cannot reach the exchange: connect ECONNREFUSED 127.0.0.1:9. Retrying in 0.4 s.');
    const error = await rejection(wait);
    expect(error.exitCode).toBe(EXIT.unreachable);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('a drop after the connection was live is waited out', async () => {
    let done = false;
    const wait = waitForFirstView(source, { timeoutMs: 10_000 }).then(() => (done = true));
    source.setState('live');
    source.setState('reconnecting', 'dropped');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(false);
    source.setState('live');
    source.setView(withAccount(viewOf([], T), T));
    await wait;
    expect(done).toBe(true);
  });

  it('a ban: exit 4', async () => {
    source.setState('banned', 'The exchange has temporarily banned this IP for too many requests.');
    expect((await rejection(waitForFirstView(source, { timeoutMs: 10_000 }))).exitCode).toBe(EXIT.unreachable);
  });

  it('no snapshot within the timeout: exit 4, naming the state and the last problem', async () => {
    const wait = waitForFirstView(source, { timeoutMs: 5_000 });
    source.setState('live');
    source.lastProblem = 'Positions snapshot failed: The exchange timed out; retrying.';
    const caught = rejection(wait);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await caught;
    expect(error.exitCode).toBe(EXIT.unreachable);
    expect(error.message).toBe('No positions snapshot within 5 s (connection: live): Positions snapshot failed: The exchange timed out; retrying.');
    expect(vi.getTimerCount()).toBe(0);
  });
});
