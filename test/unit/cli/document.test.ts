import { describe, expect, it } from 'vitest';
import { positionsDocument, statusDocument } from '../../../electron/cli/document';
import type { ConnectionStatus } from '../../../shared/connection';
import { exchangePositionSchema } from '../../../shared/position';
import { accountView, HEDGE_ROWS, ONEWAY_ROWS, viewOf, withAccount, withLiquidationPending } from './fixtures';

const T = 1_800_000_000_000;
const V1_FIELDS = Object.keys(exchangePositionSchema.shape).sort();
const status = (state: ConnectionStatus['state'], message: string | null = null): ConnectionStatus => ({
  state,
  environment: 'demo',
  profileName: 'Demo',
  demoAccount: 'oneway',
  latencyMs: 1,
  clockOffsetMs: 0,
  weightUsed: 5,
  weightLimit: 2400,
  lastMessageAt: T,
  message,
});

function doc(view = viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '101500.5']]), allRows?: typeof ONEWAY_ROWS) {
  return positionsDocument({
    view,
    status: status('live'),
    environment: 'demo',
    demoAccount: 'oneway',
    now: T + 2_000,
    ...(allRows === undefined ? {} : { allRows: { rows: allRows, receivedAt: T + 1_000 } }),
  });
}

describe('JSON document', () => {
  it('open positions only, each with the v1 fields as the exchange wrote them, derived figures and ages', () => {
    const document = doc();
    expect(document).toMatchObject({ type: 'positions', at: T + 2_000, environment: 'demo', demoAccount: 'oneway', connection: 'live', mode: 'oneway', symbol: null, snapshotAt: T });
    expect(document.positions.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    const btc = document.positions[0]!;
    expect(Object.keys(btc).sort()).toEqual([...V1_FIELDS, 'adl', 'derived', 'fundingToday', 'markAgeMs', 'markAt', 'snapshotAgeMs', 'snapshotAt'].sort());
    const source = ONEWAY_ROWS.find((row) => row.symbol === 'BTCUSDT')!;
    for (const field of V1_FIELDS) expect(btc[field as keyof typeof btc]).toBe(source[field as keyof typeof source]);
    expect(btc.markPrice).toBe('101000.05000000'); // the snapshot's own string; the live mark is in derived
    expect(btc.derived).toMatchObject({ markPrice: '101500.5', markTime: T + 400 });
    expect(btc.derived!.unrealizedPnl).toBeCloseTo(0.15 * (101500.5 - 100000.1), 9);
    expect(btc).toMatchObject({ snapshotAt: T, markAt: T + 500, snapshotAgeMs: 2_000, markAgeMs: 1_500 });
    const eth = document.positions[1]!;
    expect(eth).toMatchObject({ markAt: null, markAgeMs: null, positionAmt: '-2.500' });
    expect(document.summary.positions).toBe(2);
  });

  it('the account block: null before the first read, then the figures under the exchange names', () => {
    expect(doc().account).toBeNull();
    const account = doc(withAccount(viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '101500.5']]), T - 3_000)).account!;
    const view = accountView(T - 3_000);
    expect(account).toEqual({
      multiAssetsMargin: false,
      currency: 'USDT',
      totalWalletBalance: view.total.walletBalance,
      totalUnrealizedProfit: view.total.unrealizedProfit,
      totalMarginBalance: view.total.marginBalance,
      totalMaintMargin: view.total.maintMargin,
      totalInitialMargin: view.total.initialMargin,
      availableBalance: view.total.availableBalance,
      accountMarginRatioPct: 20,
      totalCrossWalletBalance: view.cross.walletBalance,
      totalCrossUnPnl: view.cross.unrealizedProfit,
      crossMarginRatioPct: 22.5,
      crossMaintMargin: view.cross.maintMargin,
      assets: [
        {
          asset: 'USDT',
          walletBalance: view.total.walletBalance,
          unrealizedProfit: view.total.unrealizedProfit,
          marginBalance: view.total.marginBalance,
          maintMargin: view.total.maintMargin,
          initialMargin: view.total.initialMargin,
          availableBalance: view.total.availableBalance,
          marginRatioPct: 20,
        },
      ],
      readAt: T - 3_000,
      readAgeMs: 5_000,
      updatedAt: T - 2_600,
    });
  });

  it('rows carry their ADL quantile and funding today, null while unknown', () => {
    const view = viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '101500.5']]);
    const rows = view.rows.map((row) => (row.symbol === 'BTCUSDT' ? { ...row, adl: 3, fundingToday: -1.25 } : row));
    const [btc, eth] = doc({ ...view, rows }).positions;
    expect(btc).toMatchObject({ adl: 3, fundingToday: -1.25 });
    expect(eth).toMatchObject({ adl: null, fundingToday: null });
  });

  it('a liquidation price awaiting its snapshot is null, not the stale price; other rows keep theirs', () => {
    const document = doc(withLiquidationPending(viewOf(ONEWAY_ROWS, T, [['BTCUSDT', '101500.5']]), 'BTCUSDT'));
    const [btc, eth] = document.positions;
    expect(btc!.liquidationPrice).toBeNull();
    expect(btc!.derived!.liquidationDistancePct).toBeNull();
    expect(eth!.liquidationPrice).toBe(ONEWAY_ROWS.find((row) => row.symbol === 'ETHUSDT')!.liquidationPrice);
  });

  it('survives JSON: numbers stay numbers, decimals stay the exchange strings', () => {
    const parsed = JSON.parse(JSON.stringify(doc())) as ReturnType<typeof doc>;
    expect(parsed.positions[0]!.entryPrice).toBe('100000.10');
    expect(typeof parsed.positions[0]!.derived!.notional).toBe('number');
  });

  it('--all adds the flat rows of the raw snapshot, in table order, with nothing derived', () => {
    const document = doc(undefined, ONEWAY_ROWS);
    expect(document.positions.map((p) => `${p.symbol}:${p.positionAmt}`)).toEqual(['BTCUSDT:0.150', 'ETHUSDT:-2.500', 'XRPUSDT:0.0']);
    expect(document.positions[2]).toMatchObject({ derived: null, markAt: null, snapshotAt: T + 1_000, snapshotAgeMs: 1_000 });
  });

  it('--all never adds an open row the engine does not have (it arrives with the engine’s next snapshot)', () => {
    const later = [...ONEWAY_ROWS, { ...ONEWAY_ROWS[2]!, symbol: 'SOLUSDT', positionAmt: '3' }];
    expect(doc(undefined, later).positions.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'XRPUSDT']);
  });

  it('--all with --symbol keeps to that symbol; hedge legs in LONG, SHORT order', () => {
    const view = viewOf(HEDGE_ROWS, T, [], 'ETHUSDT');
    const document = doc(view, HEDGE_ROWS);
    expect(document.symbol).toBe('ETHUSDT');
    expect(document.positions.map((p) => `${p.symbol}:${p.positionSide}`)).toEqual(['ETHUSDT:LONG', 'ETHUSDT:SHORT']);
    const all = doc(viewOf(HEDGE_ROWS, T), HEDGE_ROWS);
    expect(all.positions.map((p) => `${p.symbol}:${p.positionSide}`)).toEqual(['BTCUSDT:LONG', 'BTCUSDT:SHORT', 'ETHUSDT:LONG', 'ETHUSDT:SHORT']);
    expect(all.mode).toBe('hedge');
    expect(all.hedgeNets).toHaveLength(1);
  });

  it('status lines carry the state and its explanation', () => {
    expect(statusDocument(status('reconnecting', 'The connection dropped.'), T)).toEqual({
      type: 'status',
      at: T,
      connection: 'reconnecting',
      message: 'The connection dropped.',
    });
  });
});
