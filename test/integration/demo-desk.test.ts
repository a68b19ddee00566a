/**
 * The client and the engine against the simulator over real sockets on 127.0.0.1: what the desk
 * shows equals the simulator's own truth, for both demo accounts, and mark prices move it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyPush } from '../../shared/positions-delta';
import type { PositionsPush } from '../../shared/positions-push';
import type { PositionsView } from '../../shared/position';
import { startDemoDesk, type DemoDesk } from '../support/demo-desk';
import { waitFor } from '../support/wait';
import { exchangeFieldsOf } from '../support/engine-truth';

let running: DemoDesk | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function viewWhen(demo: DemoDesk, accept: (view: PositionsView) => boolean): Promise<PositionsView> {
  return waitFor(() => {
    const latest = demo.desk.positionsView();
    return accept(latest) ? latest : undefined;
  }, 8_000, 'the positions view');
}

describe('demo desk against the simulator', () => {
  it('one-way then hedge: the rows equal the simulator truth field for field', async () => {
    // Marks frozen (one move a minute) so the truth and the snapshot are taken at the same prices.
    running = await startDemoDesk({ markIntervalMs: 60_000 });
    const demo = running;
    const oneway = await viewWhen(demo, (view) => view.rows.length > 0 && view.mode === 'oneway');
    const onewayTruth = demo.simulator.truth('oneway').filter((row) => Number(row.positionAmt) !== 0);
    expect(oneway.rows.map(exchangeFieldsOf)).toEqual(
      onewayTruth.sort((a, b) => a.symbol.localeCompare(b.symbol)),
    );
    expect(oneway.rows.every((row) => row.positionSide === 'BOTH')).toBe(true);
    expect(oneway.rows.some((row) => Number(row.positionAmt) < 0)).toBe(true);
    expect(new Set(oneway.rows.map((row) => row.marginType))).toEqual(new Set(['cross', 'isolated']));

    await demo.desk.handlers.setDemoAccount('hedge');
    const hedge = await viewWhen(demo, (view) => view.mode === 'hedge' && view.rows.length > 0);
    const hedgeTruth = demo.simulator.truth('hedge').filter((row) => Number(row.positionAmt) !== 0);
    expect(hedge.rows.map(exchangeFieldsOf)).toEqual(
      hedgeTruth.sort((a, b) => a.symbol.localeCompare(b.symbol) || (a.positionSide === 'LONG' ? -1 : 1)),
    );
    expect(hedge.rows.filter((row) => row.positionSide === 'SHORT').every((row) => Number(row.positionAmt) < 0)).toBe(true);
    expect((await demo.state()).connection).toMatchObject({ state: 'live', environment: 'demo', demoAccount: 'hedge' });
  });

  it('mark prices from the stream re-price uPnL and notional between snapshots', async () => {
    running = await startDemoDesk({ markIntervalMs: 100 }, 60_000);
    const demo = running;
    const first = await viewWhen(demo, (view) => view.rows.length > 0);
    const btc = first.rows.find((row) => row.symbol === 'BTCUSDT')!;
    // Far from where the walk is, away from the liquidation price (up for a long, down for a short).
    // The walk resumes from a forced mark one step later, so the view is checked near it (steps are
    // 0.05 %), not at it: polling cannot count on seeing one 100 ms frame.
    const forced = Number(btc.markPrice) * (Number(btc.positionAmt) > 0 ? 1.5 : 0.7);
    demo.simulator.setMark('BTCUSDT', forced.toFixed(2));
    const moved = await viewWhen(demo, (view) => {
      const mark = Number(view.rows.find((r) => r.key === btc.key)?.derived.markPrice);
      return Math.abs(mark / forced - 1) < 0.05;
    });
    const row = moved.rows.find((r) => r.key === btc.key)!;
    const mark = Number(row.derived.markPrice);
    const amount = Number(row.positionAmt);
    expect(row.derived.unrealizedPnl).toBeCloseTo(amount * (mark - Number(row.entryPrice)), 6);
    expect(row.derived.notional).toBeCloseTo(amount * mark, 6);
    // Re-priced by the stream, not by a new snapshot: same snapshot, a stream mark time.
    expect(row.snapshotAt).toBe(btc.snapshotAt);
    expect(row.markAt).not.toBeNull();
  });

  it('selecting a symbol narrows the view and follows its mark even without a position', async () => {
    running = await startDemoDesk({ markIntervalMs: 100 });
    const demo = running;
    const all = await viewWhen(demo, (view) => view.rows.length > 1);
    const symbols = await demo.desk.symbols();
    const flat = symbols.find((info) => !all.rows.some((row) => row.symbol === info.symbol))!;
    await demo.desk.handlers.selectSymbol(flat.symbol);
    const selected = await viewWhen(demo, (view) => view.selectedMark !== null);
    expect(selected.rows).toEqual([]);
    expect(selected.selectedSymbol).toBe(flat.symbol);
    expect(selected.selectedMark?.symbol).toBe(flat.symbol);
    const chosen = all.rows[0]!.symbol;
    await demo.desk.handlers.selectSymbol(chosen);
    const narrowed = await viewWhen(demo, (view) => view.selectedSymbol === chosen && view.rows.length > 0);
    expect(narrowed.rows.every((row) => row.symbol === chosen)).toBe(true);
    await expect(Promise.resolve().then(() => demo.desk.handlers.selectSymbol('NOSUCHUSDT'))).rejects.toMatchObject({
      code: 'unknown-symbol',
    });
  });

  it('the pushed deltas rebuild exactly the view main holds', async () => {
    running = await startDemoDesk({ markIntervalMs: 50 });
    const demo = running;
    // Read the view directly: getState would make the next push a full one on purpose.
    const kinds = () =>
      demo.pushes.filter(([channel]) => channel === 'positions').map(([, payload]) => (payload as { kind: string }).kind);
    await waitFor(() => (kinds().filter((kind) => kind === 'delta').length > 5 ? true : undefined), 5_000, 'deltas');
    const rebuild = (): PositionsView | null => {
      const pushes = demo.pushes.filter(([channel]) => channel === 'positions').map(([, payload]) => payload as PositionsPush);
      let view: PositionsView | null = null;
      for (const push of pushes) {
        view = applyPush(view, push);
        if (view === null) throw new Error('a push did not apply to the view before it');
      }
      return view;
    };
    // Marks move every 50 ms; the throttle pushes within ~17 ms, so the receiver catches up often.
    await waitFor(() => (rebuild()?.version === demo.desk.positionsView().version ? true : undefined), 5_000, 'catch-up');
    expect(rebuild()).toEqual(demo.desk.positionsView());
    // One full view on attach, deltas only after it.
    expect(kinds()[0]).toBe('full');
    expect(kinds().slice(1)).not.toContain('full');
  });
});

describe('authentication failures stop the client', () => {
  it.each([
    ['a wrong secret (-1022)', (key: string) => ({ apiKey: key, secret: 'x'.repeat(64) }), /signature/i],
    ['an unknown API key (-2015)', () => ({ apiKey: 'Z'.repeat(64), secret: 'x'.repeat(64) }), /API key/],
  ])('%s: auth-failed with a plain message, and no retry', async (_name, credentialsFor, message) => {
    const { startSimulator } = await import('../../electron/simulator');
    const { Desk } = await import('../../electron/desk/desk');
    const simulator = await startSimulator({ seed: 3 });
    const credentials = credentialsFor(simulator.accounts[0]!.apiKey);
    const desk = new Desk({
      startDemoExchange: () =>
        Promise.resolve({
          endpoints: simulator.urls,
          credentials: { oneway: credentials, hedge: credentials, multi: credentials },
          close: () => simulator.close(),
        }),
    });
    try {
      await desk.start();
      const status = await waitFor(() => {
        const connection = desk.handlers.getState() as { connection: { state: string; message: string | null } };
        return connection.connection.state === 'auth-failed' ? connection.connection : undefined;
      }, 5_000, 'auth-failed');
      expect(status.message).toMatch(message);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((desk.handlers.getState() as { connection: { state: string } }).connection.state).toBe('auth-failed');
    } finally {
      await desk.stop();
    }
  });
});
