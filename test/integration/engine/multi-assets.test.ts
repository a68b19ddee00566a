/**
 * Multi-Assets mode against the simulator's `multi` account over real sockets (PROTOCOL §13.9): a
 * USDT-margined and a USDC-margined position, each row equal to the simulator's truth, totals kept
 * per margin asset (never USDC summed into USDT), and messages naming the right asset.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/desk/desk';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { Alert } from '../../../shared/alerts';
import type { PositionRow } from '../../../shared/position';
import { exchangeFieldsOf } from '../../support/engine-truth';
import { waitFor } from '../../support/wait';

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

/** A desk on the simulator's Multi-Assets account, as a session with its key (demo mode's own switch: test/integration/demo-worker/desk-multi-on-worker.test.ts). */
async function multiDesk(marginCallRatio?: number): Promise<{ simulator: RunningSimulator; desk: Desk; alerts: () => Alert[] }> {
  const simulator = await startSimulator({ seed: 11, markIntervalMs: 60_000, ...(marginCallRatio === undefined ? {} : { marginCallRatio }) });
  const account = simulator.accounts.find((candidate) => candidate.name === 'multi');
  if (account === undefined) throw new Error('the simulator has no multi account');
  const desk = new Desk({
    session: { environment: 'demo', profileName: 'Multi-Assets', demoAccount: null, endpoints: simulator.urls, credentials: { apiKey: account.apiKey, secret: account.secret } },
    refreshIntervalMs: 60_000,
  });
  const pushed: Alert[] = [];
  const detach = desk.attach((channel, payload) => {
    if (channel === 'alerts') pushed.push(...(payload as Alert[]));
  });
  await desk.start();
  stop = async () => {
    detach();
    await desk.stop();
    await simulator.close();
  };
  return { simulator, desk, alerts: () => pushed };
}

const byKey = (a: { symbol: string; positionSide: string }, b: { symbol: string; positionSide: string }) =>
  `${a.symbol}:${a.positionSide}`.localeCompare(`${b.symbol}:${b.positionSide}`);

async function rowsEqualMultiTruth(simulator: RunningSimulator, desk: Desk): Promise<PositionRow[]> {
  const truth = () => simulator.truth('multi').filter((row) => Number(row.positionAmt) !== 0).sort(byKey);
  let shown: PositionRow[] = [];
  try {
    return await waitFor(() => {
      shown = [...desk.positionsView().rows].sort(byKey);
      const fresh = shown.every((row) => row.liquidationPending === false);
      return fresh && shown.length > 0 && isDeepStrictEqual(shown.map(exchangeFieldsOf), truth()) ? shown : undefined;
    }, 10_000, 'the multi rows to equal the truth');
  } catch (error) {
    expect(shown.map(exchangeFieldsOf)).toEqual(truth());
    throw error;
  }
}

describe('Multi-Assets account (simulated)', () => {
  it('rows equal the truth; totals are per margin asset, each in its own currency', async () => {
    const { simulator, desk } = await multiDesk();
    const rows = await rowsEqualMultiTruth(simulator, desk);
    expect(new Set(rows.map((row) => row.symbol))).toEqual(new Set(['ETHUSDT', 'BTCUSDC']));
    // The symbol list says which asset margins each symbol; the totals follow it.
    const symbols = await desk.symbols();
    expect(symbols.find((info) => info.symbol === 'BTCUSDC')?.marginAsset).toBe('USDC');
    const summary = await waitFor(() => {
      const current = desk.positionsView().summary;
      return current.byAsset?.length === 2 ? current : undefined;
    }, 5_000, 'totals per asset');
    const totalOf = (asset: string) => summary.byAsset!.find((totals) => totals.asset === asset)!;
    const usdt = rows.filter((row) => row.symbol === 'ETHUSDT');
    const usdc = rows.filter((row) => row.symbol === 'BTCUSDC');
    expect(totalOf('USDT')).toEqual({
      asset: 'USDT',
      positions: usdt.length,
      unrealizedPnl: usdt.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0),
      notional: usdt.reduce((sum, row) => sum + Math.abs(row.derived.notional), 0),
    });
    expect(totalOf('USDC')).toEqual({
      asset: 'USDC',
      positions: usdc.length,
      unrealizedPnl: usdc.reduce((sum, row) => sum + row.derived.unrealizedPnl, 0),
      notional: usdc.reduce((sum, row) => sum + Math.abs(row.derived.notional), 0),
    });
    // No one-currency total over both.
    expect(summary.unrealizedPnl).toBeNull();
    expect(summary.notional).toBeNull();
  });

  it('a margin call names the margin asset of each position: USDC for BTCUSDC, USDT for ETHUSDT', async () => {
    // A margin-call threshold so low that any risk check calls: the shared pool's cross legs.
    const { simulator, desk, alerts } = await multiDesk(0.000001);
    const rows = await rowsEqualMultiTruth(simulator, desk);
    simulator.setMark('BTCUSDC', rows.find((row) => row.symbol === 'BTCUSDC')!.derived.markPrice);
    const calls = await waitFor(() => {
      const found = alerts().filter((alert) => alert.kind === 'margin-call');
      return new Set(found.map((alert) => alert.symbol)).size === 2 ? found : undefined;
    }, 8_000, 'margin calls on both legs');
    const messageOf = (symbol: string) => calls.find((alert) => alert.symbol === symbol)!.message;
    expect(messageOf('BTCUSDC')).toMatch(/maintenance margin [\d.]+ USDC at mark/);
    expect(messageOf('ETHUSDT')).toMatch(/maintenance margin [\d.]+ USDT at mark/);
  });
});
