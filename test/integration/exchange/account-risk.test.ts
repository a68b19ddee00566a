/**
 * The account risk reads against the real simulator over sockets on 127.0.0.1, with a relay that
 * records the raw WS API replies: `accountStatus()` equals the simulator's own `v2/account.status`
 * (and, when v2 is refused as unknown, its v1 `account.status`), `fundingIntervals()` its
 * `fundingInfo`, v2 position rows keep `adl` and `marginAsset`, and mark ticks carry `r` and `T`.
 */
import { describe, expect, it } from 'vitest';
import type { MarkTick } from '../../../electron/exchange/wire';
import { connectThroughRelay } from '../../support/simulator-client';
import { waitFor } from '../../support/wait';

/** A relay hook set that keeps the raw `result` (or error) of every reply, by the request's method. */
function recorder(refuse: ReadonlySet<string> = new Set()) {
  const methodOf = new Map<unknown, string>();
  const results = new Map<string, unknown[]>();
  return {
    results,
    hooks: {
      onRequest: (request: { id?: unknown; method?: unknown }) => {
        if (typeof request.method === 'string') methodOf.set(request.id, request.method);
      },
      rewrite: (reply: Record<string, unknown>): Record<string, unknown> => {
        const method = methodOf.get(reply.id);
        if (method === undefined) return reply;
        // What an unknown method gets (PROTOCOL §8: -1020 UNSUPPORTED_OPERATION).
        const sent = refuse.has(method) ? { id: reply.id, status: 400, error: { code: -1020, msg: 'This operation is not supported.' } } : reply;
        results.set(method, [...(results.get(method) ?? []), sent.result ?? sent.error]);
        return sent;
      },
    },
  };
}

/** The raw reply's assets as the contract reads them (v1/v2 extras such as `marginAvailable` left out). */
const withoutExtras = (assets: unknown): unknown => (assets as Array<Record<string, unknown>>).map(({ marginAvailable: _m, ...rest }) => rest);
const totalsOf = (raw: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(raw).filter(([name]) => name.startsWith('total') || name === 'availableBalance' || name === 'maxWithdrawAmount'));

describe('account risk reads against the simulator', () => {
  it.each(['oneway', 'hedge', 'multi'] as const)('accountStatus() of %s equals the simulator’s own v2/account.status', async (account) => {
    const record = recorder();
    const { simulator, client } = await connectThroughRelay({ simulator: { seed: 5, markIntervalMs: 60_000 }, account, hooks: record.hooks });
    const read = await client.accountStatus();
    const raw = record.results.get('v2/account.status')?.[0] as Record<string, unknown>;
    expect(raw).toBeDefined();
    expect(read.method).toBe('v2/account.status');
    expect(read.totals).toEqual(totalsOf(raw));
    expect(Object.keys(read.totals)).toHaveLength(11);
    expect(read.assets).toEqual(withoutExtras(raw.assets));
    expect(read.positions).toEqual(raw.positions);
    // The positions it lists are the account's open legs (the simulator's v1 truth).
    const open = simulator.truth(account).filter((row) => Number(row.positionAmt) !== 0).map((row) => `${row.symbol}:${row.positionSide}`);
    expect(read.positions.map((row) => `${row.symbol}:${row.positionSide}`).sort()).toEqual(open.sort());
    expect(read.positions.length).toBeGreaterThan(0);
  });

  it('v2/account.status refused as unknown: the v1 account.status totals and assets, said once', async () => {
    const record = recorder(new Set(['v2/account.status']));
    const notices: string[] = [];
    const { client } = await connectThroughRelay({
      simulator: { seed: 5, markIntervalMs: 60_000 },
      account: 'oneway',
      hooks: record.hooks,
      events: { onNotice: (_kind, message) => notices.push(message) },
    });
    const read = await client.accountStatus();
    await client.accountStatus();
    const raw = record.results.get('account.status')?.[0] as Record<string, unknown>;
    expect(read.method).toBe('account.status');
    expect(read.totals).toEqual(totalsOf(raw));
    expect(read.assets).toEqual(withoutExtras(raw.assets));
    expect(record.results.get('v2/account.status')).toHaveLength(1); // not asked again
    expect(notices.filter((message) => /does not serve v2\/account\.status/.test(message))).toHaveLength(1);
  });

  it('a v2/account.status reply with unreadable totals is a clear error; the connection stays live', async () => {
    const methodOf = new Map<unknown, unknown>();
    const { client } = await connectThroughRelay({
      simulator: { seed: 5, markIntervalMs: 60_000 },
      account: 'oneway',
      hooks: {
        onRequest: (request: { id?: unknown; method?: unknown }) => void methodOf.set(request.id, request.method),
        rewrite: (reply) => {
          if (methodOf.get(reply.id) !== 'v2/account.status') return reply;
          const result = { ...(reply.result as Record<string, unknown>), totalMarginBalance: '10,250.00', assets: ['junk'] };
          return { ...reply, result };
        },
      },
    });
    await expect(client.accountStatus()).rejects.toThrow(/v2\/account\.status reply has no readable totals \(field totalMarginBalance\)/);
    expect(client.connectionState).toBe('live');
    expect(client.metrics.malformedRows).toBe(0); // nothing of the reply was used
  });

  it('fundingIntervals() lists the simulator’s adjusted symbols (SUIUSDT 4 h, 币安人生USDT 1 h), others default to 8 h', async () => {
    const { client } = await connectThroughRelay({ simulator: { seed: 5, markIntervalMs: 60_000 }, account: 'oneway', hooks: {} });
    const intervals = await client.fundingIntervals();
    expect(intervals.get('SUIUSDT')).toBe(4);
    expect(intervals.get('币安人生USDT')).toBe(1);
    expect(intervals.has('BTCUSDT')).toBe(false);
    expect(await client.fundingIntervals()).toBe(intervals); // cached
  });

  it('v2 position rows keep the reply’s adl and marginAsset', async () => {
    const record = recorder();
    const { simulator, client } = await connectThroughRelay({ simulator: { seed: 5, markIntervalMs: 60_000, control: true }, account: 'hedge', hooks: record.hooks });
    simulator.control.retireMethod('account.position');
    const rows = await client.fetchPositions();
    const raw = (record.results.get('v2/account.position')?.[0] ?? []) as Array<{ symbol: string; positionSide: string; adl: number; marginAsset: string }>;
    expect(raw.length).toBeGreaterThan(0);
    expect(rows.map((row) => [row.symbol, row.positionSide, row.adl, row.marginAsset])).toEqual(raw.map((row) => [row.symbol, row.positionSide, row.adl, row.marginAsset]));
    expect(rows.every((row) => typeof row.adl === 'number' && row.adl >= 0 && row.adl <= 4)).toBe(true);
  });

  it('mark ticks carry the funding rate and the next funding time', async () => {
    const ticks: MarkTick[] = [];
    const { client } = await connectThroughRelay({
      simulator: { seed: 5, markIntervalMs: 50 },
      account: 'oneway',
      hooks: {},
      events: { onTick: (tick) => ticks.push(tick) },
    });
    client.followMarks(['BTCUSDT', 'SUIUSDT']);
    await waitFor(() => (new Set(ticks.map((tick) => tick.symbol)).size === 2 ? true : undefined), 8_000, 'ticks of both symbols');
    for (const tick of ticks) {
      expect(tick.fundingRate).toMatch(/^-?\d+\.\d+$/);
      expect(tick.nextFundingTime).toBeGreaterThan(tick.eventTime);
    }
    const sui = ticks.find((tick) => tick.symbol === 'SUIUSDT');
    // SUIUSDT funds every 4 h: its next funding is at most 4 h away.
    expect((sui?.nextFundingTime ?? 0) - (sui?.eventTime ?? 0)).toBeLessThanOrEqual(4 * 3_600_000);
  });
});
