/**
 * The cached symbol list: a failed request clears the cache only while it is still the cached one, so
 * an older request failing late never erases a newer list fetched after the TTL.
 */
import { describe, expect, it } from 'vitest';
import { AccountReads } from '../../../electron/exchange/account-reads';
import { emptyMetrics } from '../../../electron/exchange/client-options';
import type { RequestGate } from '../../../electron/exchange/request-gate';
import type { ExchangeInfoRead } from '../../../electron/exchange/rest';
import type { Signer } from '../../../electron/exchange/signing';
import type { SymbolInfo } from '../../../shared/symbols';
import { NO_DROPS } from '../../../electron/exchange/rows';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

/** Account reads whose gate hands out the next pending reply instead of sending anything. */
function readsOnFakeClock() {
  const clock = { now: 0 };
  const replies: ReturnType<typeof deferred<ExchangeInfoRead>>[] = [];
  const gate = {
    run: () => {
      const reply = deferred<ExchangeInfoRead>();
      replies.push(reply);
      return reply.promise;
    },
  } as unknown as RequestGate;
  const reads = new AccountReads({
    restBase: 'http://127.0.0.1:1',
    signer: {} as Signer,
    gate,
    metrics: emptyMetrics(),
    now: () => clock.now,
    serverNow: () => clock.now,
    symbolsTtlMs: 1_000,
    ws: () => Promise.reject(new Error('no WS API here')),
    notice: () => undefined,
  });
  const reply = (index: number) => {
    const pending = replies[index];
    if (pending === undefined) throw new Error(`request ${index} was never sent`);
    return pending;
  };
  return { reads, clock, replies, reply };
}

const listOf = (symbols: string[]): ExchangeInfoRead => ({
  symbols: symbols.map((symbol) => ({ symbol }) as unknown as SymbolInfo),
  weightLimit: null,
  dropped: NO_DROPS,
});

describe('the cached symbol list', () => {
  it('an old request failing after a newer one succeeded keeps the newer list', async () => {
    const { reads, clock, replies, reply } = readsOnFakeClock();
    const old = reads.symbols();
    clock.now += 1_001; // past the TTL while the first request still hangs
    const fresh = reads.symbols();
    expect(replies).toHaveLength(2);
    reply(1).resolve(listOf(['BTCUSDT']));
    await expect(fresh).resolves.toHaveLength(1);
    reply(0).reject(new Error('timed out'));
    await expect(old).rejects.toThrow('timed out');
    const cached = reads.symbols();
    expect(replies).toHaveLength(2); // served from the cache, no new request
    await expect(cached).resolves.toEqual([{ symbol: 'BTCUSDT' }]);
  });

  it('a failure of the cached request lets the next caller try again', async () => {
    const { reads, replies, reply } = readsOnFakeClock();
    const first = reads.symbols();
    reply(0).reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    const again = reads.symbols();
    expect(replies).toHaveLength(2);
    reply(1).resolve(listOf(['ETHUSDT']));
    await expect(again).resolves.toEqual([{ symbol: 'ETHUSDT' }]);
  });
});
