/**
 * The account replies, read from recorded shapes (PROTOCOL §5 and the documented examples): totals are
 * required and their absence is a clear error naming the field; assets, positions, income, ADL and
 * funding intervals are read row by row — an odd row among good ones is dropped and counted, the rest
 * kept; empty lists are empty reads.
 */
import { describe, expect, it } from 'vitest';
import {
  fundingIntervalHours,
  readAccountConfig,
  readAccountStatus,
  readAdlQuantiles,
  readFundingIncomePage,
  readFundingInfo,
} from '../../../electron/exchange/account-replies';
import { asset, statusPosition, TOTALS } from './account-fixtures';

describe('account.status', () => {
  it('reads totals, assets and positions of a v2 reply', () => {
    const { read, dropped } = readAccountStatus(
      { ...TOTALS, assets: [asset('USDT'), asset('USDC', '0.00000000')], positions: [statusPosition('BTCUSDT'), statusPosition('币安人生USDT', 'LONG')] },
      'v2/account.status',
    );
    expect(read.totals).toEqual(TOTALS);
    expect(read.method).toBe('v2/account.status');
    expect(read.assets.map((a) => [a.asset, a.walletBalance])).toEqual([['USDT', '10000.00000000'], ['USDC', '0.00000000']]);
    expect(read.assets[0]).not.toHaveProperty('marginAvailable'); // only the contract's fields
    expect(read.positions.map((p) => `${p.symbol}:${p.positionSide}`)).toEqual(['BTCUSDT:BOTH', '币安人生USDT:LONG']);
    expect(dropped).toEqual({ count: 0, first: null });
  });

  it('an odd asset or position row among good ones is dropped and counted, the rest kept', () => {
    const { read, dropped } = readAccountStatus(
      {
        ...TOTALS,
        assets: [asset('USDT'), { ...asset('BNB'), walletBalance: 12 }, asset('USDC')],
        positions: [statusPosition('BTCUSDT'), { ...statusPosition('ETHUSDT'), positionSide: 'BOTH\n' }, 'junk', statusPosition('SOLUSDT')],
      },
      'v2/account.status',
    );
    expect(read.assets.map((a) => a.asset)).toEqual(['USDT', 'USDC']);
    expect(read.positions.map((p) => p.symbol)).toEqual(['BTCUSDT', 'SOLUSDT']);
    expect(dropped.count).toBe(3);
    expect(dropped.first).toBe('row 2, field walletBalance');
  });

  it('unreadable totals are an error naming the field; a reply that is no object too', () => {
    const { totalMaintMargin: _gone, ...withoutMaint } = TOTALS;
    expect(() => readAccountStatus({ ...withoutMaint, assets: [], positions: [] }, 'v2/account.status')).toThrow(
      /v2\/account\.status reply has no readable totals \(field totalMaintMargin\)/,
    );
    expect(() => readAccountStatus({ ...TOTALS, availableBalance: '1,000.00', assets: [], positions: [] }, 'v2/account.status')).toThrow(/field availableBalance/);
    expect(() => readAccountStatus([TOTALS], 'v2/account.status')).toThrow(/malformed v2\/account\.status reply/);
    expect(() => readAccountStatus(null, 'account.status')).toThrow(/malformed account\.status reply/);
    expect(() => readAccountStatus({ ...TOTALS, assets: 'USDT', positions: [] }, 'v2/account.status')).toThrow(/not a list/);
  });

  it('empty lists read as empty; v1 positions (all symbols, no notional) are not read', () => {
    expect(readAccountStatus({ ...TOTALS, assets: [], positions: [] }, 'v2/account.status').read).toEqual({ totals: TOTALS, assets: [], positions: [], method: 'v2/account.status' });
    const v1 = readAccountStatus(
      { feeTier: 0, canTrade: true, multiAssetsMargin: false, ...TOTALS, assets: [asset('USDT')], positions: [{ symbol: 'BTCUSDT', isolated: false, leverage: '20' }] },
      'account.status',
    );
    expect(v1.read.assets).toHaveLength(1);
    expect(v1.read.positions).toEqual([]);
    expect(v1.read.method).toBe('account.status');
    expect(v1.dropped.count).toBe(0);
  });
});

describe('accountConfig', () => {
  it('reads both modes and ignores the rest; a reply without them is an error', () => {
    const reply = { feeTier: 0, canTrade: true, canDeposit: true, canWithdraw: true, dualSidePosition: true, updateTime: 0, multiAssetsMargin: false, tradeGroupId: -1 };
    expect(readAccountConfig(reply)).toStrictEqual({ multiAssetsMargin: false, dualSidePosition: true });
    expect(() => readAccountConfig({ ...reply, multiAssetsMargin: 'false' })).toThrow(/accountConfig sent an unreadable reply \(field multiAssetsMargin\)/);
    expect(() => readAccountConfig([])).toThrow(/accountConfig/);
  });
});

const income = (tranId: number, time: number, symbol = 'BTCUSDT', amount = '-0.52000000') => ({
  symbol,
  incomeType: 'FUNDING_FEE',
  income: amount,
  asset: 'USDT',
  info: 'FUNDING_FEE',
  time,
  tranId,
  tradeId: '',
});

describe('income (FUNDING_FEE)', () => {
  it('reads rows one by one, keeps only FUNDING_FEE, and counts every row the page held', () => {
    const page = readFundingIncomePage([
      income(1, 100),
      { ...income(2, 100), income: 'NaN' },
      { ...income(3, 100), incomeType: 'COMMISSION' },
      income(4, 200, '币安人生USDT', '1.25000000'),
      { ...income(5, 300), tranId: -1 },
    ]);
    expect(page.rows).toStrictEqual([
      { symbol: 'BTCUSDT', asset: 'USDT', income: '-0.52000000', time: 100, tranId: 1 },
      { symbol: '币安人生USDT', asset: 'USDT', income: '1.25000000', time: 200, tranId: 4 },
    ]);
    expect(page.received).toBe(5);
    expect(page.dropped).toEqual({ count: 2, first: 'symbol "BTCUSDT", field income' });
    expect(readFundingIncomePage([])).toEqual({ rows: [], received: 0, dropped: { count: 0, first: null } });
    expect(() => readFundingIncomePage({ code: -1000 })).toThrow(/not a list/);
  });
});

describe('adlQuantile', () => {
  it('keys one-way symbols BOTH, hedge symbols LONG and SHORT, and never reads HEDGE', () => {
    const { read, dropped } = readAdlQuantiles([
      { symbol: 'ETHUSDT', adlQuantile: { LONG: 3, SHORT: 3, HEDGE: 0 } },
      { symbol: 'BTCUSDT', adlQuantile: { LONG: 1, SHORT: 2, BOTH: 0 } },
      { symbol: 'SOLUSDT', adlQuantile: { BOTH: 5 } },
      { symbol: 'BNBUSDT', adlQuantile: { LONG: 0, SHORT: 4 } },
    ]);
    expect([...read.entries()]).toEqual([
      ['ETHUSDT:LONG', 3],
      ['ETHUSDT:SHORT', 3],
      ['BTCUSDT:BOTH', 0],
      ['BTCUSDT:LONG', 1],
      ['BTCUSDT:SHORT', 2],
      ['BNBUSDT:LONG', 0],
      ['BNBUSDT:SHORT', 4],
    ]);
    expect(read.has('ETHUSDT:HEDGE')).toBe(false);
    expect(dropped).toEqual({ count: 1, first: 'symbol "SOLUSDT", field adlQuantile.BOTH' });
    expect(readAdlQuantiles([]).read.size).toBe(0);
  });
});

describe('fundingInfo', () => {
  it('reads hours by symbol, drops odd entries, and defaults unlisted symbols to 8 h', () => {
    const { read, dropped } = readFundingInfo([
      { symbol: 'SUIUSDT', adjustedFundingRateCap: '0.02000000', adjustedFundingRateFloor: '-0.02000000', fundingIntervalHours: 4, disclaimer: false },
      { symbol: '币安人生USDT', adjustedFundingRateCap: '0.03000000', adjustedFundingRateFloor: '-0.03000000', fundingIntervalHours: 1, disclaimer: false },
      { symbol: 'BADUSDT', fundingIntervalHours: '4' },
    ]);
    expect([...read.entries()]).toEqual([['SUIUSDT', 4], ['币安人生USDT', 1]]);
    expect(dropped.count).toBe(1);
    expect(fundingIntervalHours(read, 'SUIUSDT')).toBe(4);
    expect(fundingIntervalHours(read, 'BTCUSDT')).toBe(8);
    expect(readFundingInfo([]).read.size).toBe(0);
  });
});
