/**
 * The refresh policy against the simulator over real sockets (PROTOCOL §13.6): a quoting bot on the
 * same account (orders placed, amended, cancelled, expired: no fill) costs no snapshot at all; a burst of fills on
 * the account — a bot trading beside the trader — costs at most one positions snapshot per 2 s
 * (the floor), counted at the desk's snapshot hook against the time that really passed, so a slow
 * machine only loosens the bound; and the rows still end equal to the simulator's truth.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoDesk, type DemoDesk } from '../../support/demo-desk';
import { rowsEqualTruth } from '../../support/engine-truth';
import { waitFor } from '../../support/wait';

let running: DemoDesk | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('refresh policy under a fill flood', () => {
  it('at most one snapshot per 2 s while fills stream in; the rows end equal to the truth', async () => {
    const snapshots: number[] = [];
    running = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000, { onSnapshotRows: () => snapshots.push(Date.now()) });
    const demo = running;
    await rowsEqualTruth(demo, 'oneway');
    const start = Date.now();
    const before = snapshots.length;
    // 60 fills, bought and sold in turn, paced about 20 a second.
    for (let i = 0; i < 60; i++) {
      demo.simulator.control.fill({ account: 'oneway', symbol: 'BTCUSDT', side: i % 2 === 0 ? 'BUY' : 'SELL', qty: '0.001' });
      await pause(50);
    }
    await rowsEqualTruth(demo, 'oneway');
    const elapsed = Date.now() - start;
    const during = snapshots.slice(before);
    // Fills did ask for snapshots…
    expect(during.length).toBeGreaterThan(0);
    // …but no more than one per 2 s of the time that passed, plus the one the last fill asked for.
    expect(during.length).toBeLessThanOrEqual(Math.floor(elapsed / 2_000) + 1);
  });

  it('a quoting bot (20 orders/s, no fills) costs no snapshot; the fill after it costs one', async () => {
    const snapshots: number[] = [];
    running = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000, { onSnapshotRows: () => snapshots.push(Date.now()) });
    const demo = running;
    await rowsEqualTruth(demo, 'oneway');
    const before = snapshots.length;
    const orders = demo.simulator.control.quote({ account: 'oneway', symbol: 'BTCUSDT', ordersPerSecond: 20, durationMs: 2_000 });
    expect(orders).toBeGreaterThanOrEqual(20);
    // Let the bot run its course (whatever is still in flight after this changes no count below).
    await pause(2_200);
    expect(snapshots.length).toBe(before);
    // A fill after the bot, on the same stream: the one event here that changes a position.
    const btc = demo.desk.positionsView().rows.find((row) => row.symbol === 'BTCUSDT')!;
    demo.simulator.control.fill({ account: 'oneway', symbol: 'BTCUSDT', side: 'BUY', qty: '0.001' });
    await waitFor(() => (demo.desk.positionsView().rows.find((row) => row.symbol === 'BTCUSDT')?.positionAmt !== btc.positionAmt ? true : undefined), 8_000, 'the fill');
    await rowsEqualTruth(demo, 'oneway');
    expect(snapshots.length).toBeGreaterThan(before);
  });
});
