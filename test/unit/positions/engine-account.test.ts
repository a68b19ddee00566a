/**
 * The engine's reads beside positions, over a fake exchange whose replies the test resolves: the
 * account read with every whole-account snapshot (and only those), its figures moving with marks and
 * balances between reads, a failure told once and leaving the last figures, a read from an old
 * session dropped; funding fields from the stream kept across snapshots; funding today and ADL on
 * the rows; the UTC day change and FUNDING_FEE reads on fake timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountConfigRead, AccountStatusRead, AdlQuantiles, FundingIncomeRead, FundingIntervals } from '../../../electron/exchange/account-types';
import type { Bracket } from '../../../electron/positions/brackets';
import { PositionEngine } from '../../../electron/positions/engine';
import type { ExchangePosition } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

interface Deferred<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

const T0 = Date.UTC(2026, 11, 1, 23, 0); // an hour before midnight UTC

type Held = 'config' | 'intervals' | 'income' | 'adl';

/**
 * The engine sends one request at a time (request-lane.ts), so a read the test does not answer
 * would hold up the rest: the reads not named in `hold` answer at once (no Multi-Assets, no listed
 * intervals, no income, no quantiles); those named wait for the test, as do positions and the account.
 */
function harness(options: { adlInRows?: boolean; hold?: readonly Held[] } = {}) {
  const held = new Set(options.hold ?? []);
  const fetches: Deferred<ExchangePosition[]>[] = [];
  const statuses: Deferred<AccountStatusRead>[] = [];
  const configs: Deferred<AccountConfigRead>[] = [];
  const incomes: { startTime: number; reply: Deferred<FundingIncomeRead[]> }[] = [];
  const adls: Deferred<AdlQuantiles>[] = [];
  const intervals: Deferred<FundingIntervals>[] = [];
  const notices: string[] = [];
  const clock = { local: T0 };
  const engine = new PositionEngine({
    exchange: {
      fetchPositions: () => new Promise((resolve, reject) => fetches.push({ resolve, reject })),
      fetchBrackets: () => Promise.resolve(new Map<string, readonly Bracket[]>([['BTCUSDT', [{ notionalFloor: 0, notionalCap: 1e12, maintMarginRatio: 0.004, cum: 0 }]]])),
      followMarks: () => undefined,
      fetchAccountStatus: () => new Promise((resolve, reject) => statuses.push({ resolve, reject })),
      fetchAccountConfig: () =>
        held.has('config') ? new Promise((resolve, reject) => configs.push({ resolve, reject })) : Promise.resolve({ multiAssetsMargin: false, dualSidePosition: false }),
      fetchFundingIncome: (startTime) =>
        held.has('income') ? new Promise((resolve, reject) => incomes.push({ startTime, reply: { resolve, reject } })) : Promise.resolve([]),
      fetchAdlQuantiles: () => (held.has('adl') ? new Promise((resolve, reject) => adls.push({ resolve, reject })) : Promise.resolve(new Map())),
      fetchFundingIntervals: () => (held.has('intervals') ? new Promise((resolve, reject) => intervals.push({ resolve, reject })) : Promise.resolve(new Map())),
    },
    now: () => clock.local,
    serverNow: () => clock.local,
    onChange: () => undefined,
    onSnapshotError: (error) => {
      throw error;
    },
    onReadNotice: (message) => notices.push(message),
    refreshIntervalMs: 1_000_000_000,
    eventDebounceMs: 10,
    eventRefreshFloorMs: 10,
    fundingReadFloorMs: 10,
    snapshotLagAllowanceMs: 0,
  });
  const row = (fields: Partial<ExchangePosition> = {}): ExchangePosition => {
    const base = v1Row({ symbol: 'BTCUSDT', positionAmt: '1', entryPrice: '50000', markPrice: '50000', notional: '50000', updateTime: 1, ...fields });
    return options.adlInRows === true ? ({ ...base, adl: 3 } as ExchangePosition) : base;
  };
  return { engine, fetches, statuses, configs, incomes, adls, intervals, notices, clock, row };
}

function status(wallet: number, maint = 200, upnl = 0): AccountStatusRead {
  const s = (value: number): string => value.toFixed(8);
  return {
    totals: {
      totalWalletBalance: s(wallet), totalUnrealizedProfit: s(upnl), totalMarginBalance: s(wallet + upnl), totalMaintMargin: s(maint),
      totalInitialMargin: '5000', totalPositionInitialMargin: '5000', totalOpenOrderInitialMargin: '0', totalCrossWalletBalance: s(wallet),
      totalCrossUnPnl: s(upnl), availableBalance: s(wallet + upnl - 5000), maxWithdrawAmount: '0',
    },
    assets: [
      {
        asset: 'USDT', walletBalance: s(wallet), unrealizedProfit: s(upnl), marginBalance: s(wallet + upnl), maintMargin: s(maint),
        initialMargin: '5000', positionInitialMargin: '5000', openOrderInitialMargin: '0', crossWalletBalance: s(wallet), crossUnPnl: s(upnl),
        availableBalance: s(wallet + upnl - 5000), maxWithdrawAmount: '0', updateTime: 1,
      },
    ],
    positions: [],
  };
}

const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
};

afterEach(() => {
  vi.useRealTimers();
});

describe('engine: the account read', () => {
  it('reads the account with every whole-account snapshot, right after it, and not with a symbol snapshot', async () => {
    const h = harness();
    h.engine.connected();
    expect(h.fetches).toHaveLength(1);
    expect(h.statuses).toHaveLength(0); // one request at a time: the positions first
    expect(h.engine.view().account).toBeNull();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    expect(h.statuses).toHaveLength(1);
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    const account = h.engine.view().account!;
    expect(account.total.walletBalance).toBe(10_000);
    expect(account.total.maintMargin).toBeCloseTo(200, 8); // 50 000 × 0.004, live
    expect(account.total.marginRatioPct).toBeCloseTo(2, 8);

    void h.engine.select('BTCUSDT');
    expect(h.fetches).toHaveLength(1);
    expect(h.statuses).toHaveLength(0);
  });

  it('one request at a time: the next snapshot waits for a slow account read, and only one read is asked for', async () => {
    const h = harness();
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    expect(h.statuses).toHaveLength(1);
    void h.engine.snapshot(null);
    await settle();
    expect(h.fetches).toHaveLength(0); // behind the account read (the client times out a hung one)
    h.statuses.shift()!.reject(new Error('timed out'));
    await settle();
    expect(h.fetches).toHaveLength(1);
    h.fetches.shift()!.resolve([h.row({ positionAmt: '2' })]);
    await settle();
    expect(h.engine.view().rows[0]!.positionAmt).toBe('2');
    expect(h.statuses).toHaveLength(1); // this snapshot's own read
  });

  it('moves with the mark and with balances between reads, without asking again', async () => {
    const h = harness();
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    h.engine.tick({ symbol: 'BTCUSDT', markPrice: '45000', eventTime: T0 + 10 });
    let account = h.engine.view().account!;
    expect(account.total.unrealizedProfit).toBeCloseTo(-5_000, 8);
    expect(account.total.marginBalance).toBeCloseTo(5_000, 8);
    expect(account.total.maintMargin).toBeCloseTo(180, 8);
    expect(account.cross.marginRatioPct).toBeCloseTo((180 / 5_000) * 100, 8);
    h.engine.balanceUpdate([{ a: 'USDT', wb: '9000', cw: '9000' }], T0 + 20, T0 + 20, 'ORDER');
    account = h.engine.view().account!;
    expect(account.total.walletBalance).toBe(9_000);
    expect(account.total.marginBalance).toBeCloseTo(4_000, 8);
    expect(h.statuses).toHaveLength(0);
  });

  it('a failed read keeps the last figures and the positions, told once until a read succeeds', async () => {
    const h = harness();
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    for (let attempt = 0; attempt < 2; attempt++) {
      void h.engine.snapshot(null);
      h.fetches.shift()!.resolve([h.row()]);
      await settle();
      h.statuses.shift()!.reject(new Error('timeout'));
      await settle();
    }
    expect(h.notices.filter((notice) => notice.includes('account could not be read'))).toHaveLength(1);
    expect(h.engine.view().account?.total.walletBalance).toBe(10_000);
    expect(h.engine.view().rows).toHaveLength(1);
    void h.engine.snapshot(null);
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(11_000));
    await settle();
    expect(h.engine.view().account?.total.walletBalance).toBe(11_000);
    void h.engine.snapshot(null);
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.reject(new Error('timeout again'));
    await settle();
    expect(h.notices.filter((notice) => notice.includes('account could not be read'))).toHaveLength(2);
  });

  it('after a reconnect the account is read again; the last figures stay on screen meanwhile', async () => {
    const h = harness();
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    h.engine.stop(); // the link dropped
    h.engine.connected();
    expect(h.engine.view().account?.total.walletBalance).toBe(10_000);
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(12_000));
    await settle();
    expect(h.engine.view().account?.total.walletBalance).toBe(12_000);
  });

  it('drops an account read of an old session; the new account starts without figures', async () => {
    const h = harness();
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    const stale = h.statuses.shift()!;
    h.engine.stop();
    h.engine.reset();
    h.engine.connected();
    stale.resolve(status(99_999));
    await settle();
    expect(h.engine.view().account).toBeNull();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(1_000));
    await settle();
    expect(h.engine.view().account?.total.walletBalance).toBe(1_000);
  });

  it('takes the Multi-Assets mode from the config and from an ai event', async () => {
    const h = harness({ hold: ['config'] });
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    // The account first (the figures on screen), then the config.
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    expect(h.engine.view().account?.multiAssets).toBe(false);
    h.configs.shift()!.resolve({ multiAssetsMargin: true, dualSidePosition: false });
    await settle();
    expect(h.engine.view().account?.multiAssets).toBe(true);
    expect(h.engine.view().account?.total.currency).toBe('USD');
    h.engine.multiAssetsChanged(false);
    expect(h.engine.view().account?.multiAssets).toBe(false);
    await settle();
    expect(h.configs).toHaveLength(1); // read again to be sure
  });
});

describe('engine: funding and ADL', () => {
  it('funding fields from the stream, kept when a snapshot gives a new mark; intervals once per session', async () => {
    const h = harness({ hold: ['intervals'] });
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    h.intervals.shift()!.resolve(new Map([['BTCUSDT', 4]]));
    await settle();
    let derived = h.engine.view().rows[0]!.derived;
    expect(derived.fundingRate).toBeNull();
    expect(derived.fundingIntervalHours).toBe(4);
    h.engine.tick({ symbol: 'BTCUSDT', markPrice: '50000', eventTime: T0 + 5, fundingRate: '0.00010000', nextFundingTime: T0 + 3_600_000 });
    derived = h.engine.view().rows[0]!.derived;
    expect(derived.fundingRate).toBe(0.0001);
    expect(derived.nextFundingTime).toBe(T0 + 3_600_000);
    expect(derived.estimatedFunding).toBeCloseTo(-5, 10); // a long pays 50 000 × 0.01 %
    h.clock.local = T0 + 100;
    void h.engine.snapshot(null);
    h.fetches.shift()!.resolve([h.row({ markPrice: '51000' })]);
    await settle();
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    derived = h.engine.view().rows[0]!.derived;
    expect(derived.markPrice).toBe('51000');
    expect(derived.fundingRate).toBe(0.0001);
    expect(derived.nextFundingTime).toBe(T0 + 3_600_000);
    expect(derived.estimatedFunding).toBeCloseTo(-5.1, 10);
    h.engine.connected(); // a reconnect does not read the intervals again
    expect(h.intervals).toHaveLength(0);
  });

  it('funding today at connect, per symbol on rows and hedge nets; re-read after FUNDING_FEE (coalesced) and at the UTC day change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const h = harness({ hold: ['income'] });
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row({ positionSide: 'LONG' }), h.row({ positionSide: 'SHORT', positionAmt: '-0.5' })]);
    await settle();
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    const first = h.incomes.shift()!;
    expect(first.startTime).toBe(Date.UTC(2026, 11, 1));
    first.reply.resolve([
      { symbol: 'BTCUSDT', asset: 'USDT', income: '-1.5', time: T0 - 1_000, tranId: 1 },
      { symbol: 'BTCUSDT', asset: 'USDT', income: '0.25', time: T0 - 500, tranId: 2 },
      { symbol: 'ETHUSDT', asset: 'USDT', income: '3', time: T0 - 500, tranId: 3 },
    ]);
    await settle();
    const view = h.engine.view();
    expect(view.rows.map((row) => row.fundingToday)).toEqual([-1.25, -1.25]);
    expect(view.hedgeNets[0]?.fundingToday).toBe(-1.25);

    h.engine.balanceUpdate([{ a: 'USDT', wb: '1', cw: '1' }], T0 + 1, T0 + 1, 'FUNDING_FEE');
    h.engine.balanceUpdate([{ a: 'USDT', wb: '1', cw: '1' }], T0 + 2, T0 + 2, 'FUNDING_FEE');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.incomes).toHaveLength(1); // one read for the burst
    h.incomes.shift()!.reply.resolve([{ symbol: 'BTCUSDT', asset: 'USDT', income: '2', time: T0, tranId: 4 }]);
    await settle();
    expect(h.engine.view().rows[0]!.fundingToday).toBe(2);

    // Midnight UTC: today starts again.
    h.clock.local = T0 + 3_600_000 + 1_000;
    await vi.advanceTimersByTimeAsync(3_600_000 + 1_000);
    const next = h.incomes.find((read) => read.startTime === Date.UTC(2026, 11, 2));
    expect(next).toBeDefined();
    next!.reply.resolve([]);
    await settle();
    expect(h.engine.view().rows[0]!.fundingToday).toBe(0);
  });

  it('ADL from adlQuantile every 30 s while positions are open, merged onto rows by key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const h = harness({ hold: ['adl'] });
    h.engine.connected();
    expect(h.adls).toHaveLength(0); // nothing open yet
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    h.statuses.shift()!.resolve(status(10_000));
    await settle();
    expect(h.adls).toHaveLength(1); // right after the first snapshot and its account read
    h.adls.shift()!.resolve(new Map([['BTCUSDT:BOTH', 2]]));
    await settle();
    const before = h.engine.view().rows[0]!;
    expect(before.adl).toBe(2);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(h.adls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.adls).toHaveLength(1);
    h.adls.shift()!.resolve(new Map([['BTCUSDT:BOTH', 2]]));
    await settle();
    expect(h.engine.view().rows[0]).toBe(before); // the same quantile keeps the row object
    h.engine.tick({ symbol: 'BTCUSDT', markPrice: '50100', eventTime: T0 + 10 });
    expect(h.engine.view().rows[0]!.adl).toBe(2); // a re-priced row keeps it
  });

  it('no adlQuantile reads when the snapshots carry adl (v2 rows)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const h = harness({ adlInRows: true, hold: ['adl'] });
    h.engine.connected();
    h.fetches.shift()!.resolve([h.row()]);
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.adls).toHaveLength(0);
    expect(h.engine.view().rows[0]!.adl).toBe(3);
  });
});
