/**
 * Row-by-row reading of list replies: one row the client cannot read never discards the others, the
 * drop is counted and described by a symbol and a field (never the row), and only a wrong envelope
 * fails the whole reply. Timeline reports: once per reply kind and connection, counted every time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DropReport } from '../../../electron/exchange/drop-report';
import { describeDrop, replyDropMessage, type RowDrops } from '../../../electron/exchange/rows';
import { readAccountPositionRows, readV2PositionRows } from '../../../electron/exchange/wire';

const documented = (JSON.parse(readFileSync(new URL('../../fixtures/account-position-oneway.json', import.meta.url), 'utf8')) as {
  result: Array<Record<string, unknown>>;
}).result;
const row = documented[0]!;

describe('account.position rows, one by one', () => {
  it('a whole-account reply with a Chinese-named symbol and one malformed row keeps every good row', () => {
    const chinese = { ...row, symbol: '币安人生USDT', positionAmt: '120' };
    const broken = { ...row, symbol: 'ETHUSDT', positionAmt: 12 };
    const read = readAccountPositionRows([row, broken, chinese]);
    expect(read.rows.map((r) => r.symbol)).toEqual([row.symbol, '币安人生USDT']);
    expect(read.dropped).toEqual({ count: 1, first: 'symbol "ETHUSDT", field positionAmt' });
  });

  it('describes a bad symbol without echoing it raw (control characters, length)', () => {
    const hostile = { ...row, symbol: `EVIL\u0000\u001b[31m${'X'.repeat(100)}` };
    const read = readAccountPositionRows([hostile]);
    expect(read.rows).toEqual([]);
    expect(read.dropped.count).toBe(1);
    expect(read.dropped.first).toMatch(/^symbol "EVIL\?\?\?31m?X+…", field symbol$/);
    expect([...(read.dropped.first ?? '')].some((char) => char.charCodeAt(0) < 0x20)).toBe(false);
    expect(readAccountPositionRows([42, null]).dropped).toEqual({ count: 2, first: 'row 1, the row itself' });
  });

  it('tells where each kept row stood in the reply, so a second check names the original row', () => {
    const read = readAccountPositionRows([42, row, null, { ...row, symbol: 'ETHUSDT' }]);
    expect(read.rows.map((r) => r.symbol)).toEqual([row.symbol, 'ETHUSDT']);
    expect(read.indexes).toEqual([1, 3]);
    // e.g. fetchExchangeInfo rejecting the second kept row describes it as row 4, not row 2.
    expect(describeDrop({}, read.indexes[1] ?? -1, null)).toBe('row 4, the row itself');
  });

  it('a reply that is not a list (or absurdly long) still fails as a whole', () => {
    expect(() => readAccountPositionRows({ positions: [row] })).toThrow(/malformed account\.position reply \(not a list\)/);
    expect(() => readAccountPositionRows(Array.from({ length: 10_001 }, () => row))).toThrow(/oversized/);
  });

  it('v2 rows need no leverage or margin type, and are read the same way', () => {
    const { leverage: _l, marginType: _m, maxNotionalValue: _n, isAutoAddMargin: _a, ...v2 } = row;
    const read = readV2PositionRows([{ ...v2, marginAsset: 'USDT', positionInitialMargin: '1.5' }, { ...v2, updateTime: -1 }]);
    expect(read.rows).toHaveLength(1);
    expect(read.dropped).toMatchObject({ count: 1, first: `symbol "${String(row.symbol)}", field updateTime` });
  });
});

describe('malformed rows on the timeline', () => {
  it('one entry per reply kind and connection, with the count; every drop is counted', () => {
    let counted = 0;
    const notices: string[] = [];
    const drops = new DropReport((message) => notices.push(message), (rows) => (counted += rows));
    const report = (source: string, dropped: RowDrops) => drops.add(source, dropped.count, () => replyDropMessage(source, dropped));
    report('account.position', { count: 2, first: 'symbol "ETHUSDT", field positionAmt' });
    report('account.position', { count: 1, first: 'symbol "XRPUSDT", field entryPrice' });
    report('exchangeInfo', { count: 0, first: null });
    report('exchangeInfo', { count: 1, first: 'row 3, field filters' });
    expect(counted).toBe(4);
    expect(notices).toEqual([
      'The exchange\'s account.position reply: 2 malformed rows were dropped and the rest used (first: symbol "ETHUSDT", field positionAmt).',
      "The exchange's exchangeInfo reply: 1 malformed row was dropped and the rest used (first: row 3, field filters).",
    ]);
    drops.reset();
    report('account.position', { count: 1, first: 'symbol "XRPUSDT", field entryPrice' });
    expect(notices).toHaveLength(3);
    expect(counted).toBe(5);
  });
});
