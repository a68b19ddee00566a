/**
 * The income history: what the book records as it moves wallets (income-ledger.ts, account-book.ts)
 * and how `GET /fapi/v1/income` reads its params (rest-account-endpoints.ts).
 */
import { describe, expect, it } from 'vitest';
import { AccountBook, DEFAULT_MARGIN_CALL_RATIO } from '../../../electron/simulator/account-book';
import { demoAccounts } from '../../../electron/simulator/accounts';
import { dec } from '../../../electron/simulator/decimal';
import { IncomeLedger } from '../../../electron/simulator/income-ledger';
import { createMarket } from '../../../electron/simulator/market';
import { DEFAULT_INCOME_WINDOW_MS, parseIncomeQuery } from '../../../electron/simulator/rest-account-endpoints';
import { SYMBOLS } from '../../../electron/simulator/symbols';
import type { UserEvent } from '../../../electron/simulator/user-events';

const T = Date.UTC(2026, 0, 15, 12);
const everything = { startTime: 0, endTime: Number.MAX_SAFE_INTEGER, page: 1, limit: 1000 };

describe('income ledger', () => {
  it('keeps the newest rows up to its capacity, oldest first, and books no zero amounts', () => {
    const ledger = new IncomeLedger(10);
    for (let i = 1; i <= 25; i++) ledger.book('oneway', { symbol: 'BTCUSDT', incomeType: 'FUNDING_FEE', amount: dec(String(i)), asset: 'USDT', time: i });
    ledger.book('oneway', { symbol: 'BTCUSDT', incomeType: 'COMMISSION', amount: 0n, asset: 'USDT', time: 26 });
    const rows = ledger.query('oneway', everything);
    expect(rows.map((r) => r.time)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(rows[0]).toMatchObject({ income: '16.00000000', info: 'FUNDING_FEE', tradeId: '' });
    expect(ledger.query('hedge', everything)).toEqual([]);
  });

  it('the book records liquidation losses: PnL, commission and the isolated margin cleared', () => {
    const market = createMarket(SYMBOLS, 1);
    const events: UserEvent[] = [];
    const book = new AccountBook(demoAccounts(T), { market, now: () => T, emit: (_a, e) => events.push(e), marginCallRatio: DEFAULT_MARGIN_CALL_RATIO });
    const before = book.get('oneway').walletBalance;
    market.walk.setMark('BTCUSDT', '92000'); // the isolated BTC long's LP is 92 019.21686747
    book.checkAllRisk();
    const rows = book.income.query('oneway', { ...everything, symbol: 'BTCUSDT' });
    expect(rows.map((r) => r.incomeType)).toEqual(['REALIZED_PNL', 'COMMISSION', 'INSURANCE_CLEAR']);
    const total = rows.reduce((sum, r) => sum + dec(r.income.replace('-', '')) * (r.income.startsWith('-') ? -1n : 1n), 0n);
    // Every movement of the wallet is in the history: their sum is the wallet's change.
    expect(total).toBe(book.get('oneway').walletBalance - before);
    // The whole isolated wallet (2545.865) is lost, to the last printed decimal.
    const lost = -dec('2545.865') - total;
    expect(lost < 0n ? -lost : lost).toBeLessThanOrEqual(dec('0.00000001'));
  });
});

describe('income query params', () => {
  const now = T;
  const isSymbol = (s: string) => s === 'BTCUSDT';
  const parse = (query: string) => parseIncomeQuery(new URLSearchParams(query), now, isSymbol);

  it('defaults: the last 7 days, page 1, limit 100', () => {
    expect(parse('')).toEqual({ ok: true, value: { symbol: undefined, incomeType: undefined, startTime: now - DEFAULT_INCOME_WINDOW_MS, endTime: now, page: 1, limit: 100 } });
    expect(parse(`startTime=${now - 5000}`)).toMatchObject({ ok: true, value: { startTime: now - 5000, endTime: now } });
    // Only endTime: everything kept up to it, which is never more than three months.
    expect(parse(`endTime=${now - 1000}`)).toMatchObject({ ok: true, value: { startTime: now - 90 * 86_400_000, endTime: now - 1000 } });
    expect(parse('startTime=5')).toMatchObject({ ok: true, value: { startTime: now - 90 * 86_400_000 } });
  });

  it('refuses what Binance refuses, naming the parameter', () => {
    expect(parse('incomeType=SALARY')).toMatchObject({ ok: false, error: { code: -1130, msg: "Data sent for parameter 'incomeType' is not valid." } });
    expect(parse('limit=0')).toMatchObject({ ok: false, error: { code: -1130 } });
    expect(parse('limit=1000')).toMatchObject({ ok: true });
    expect(parse('page=0')).toMatchObject({ ok: false, error: { code: -1130 } });
    expect(parse('endTime=-1')).toMatchObject({ ok: false, error: { code: -1100, msg: "Illegal characters found in parameter 'endTime'; legal range is '^[0-9]{1,20}$'." } });
    expect(parse('startTime=10&endTime=9')).toMatchObject({ ok: false, error: { code: -1130 } });
    expect(parse('startTime=5&endTime=9')).toMatchObject({ ok: true }); // older than kept: an empty window, not an error
    expect(parse('symbol=NOPE')).toMatchObject({ ok: false, error: { code: -1121 } });
  });
});
