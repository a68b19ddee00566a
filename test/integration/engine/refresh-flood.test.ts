/**
 * The refresh policy against the simulator over real sockets (PROTOCOL §13.6): a burst of fills on
 * the account — a bot trading beside the trader — costs at most one positions snapshot per 2 s
 * (the floor), counted at the desk's snapshot hook against the time that really passed, so a slow
 * machine only loosens the bound; and the rows still end equal to the simulator's truth.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoDesk, type DemoDesk } from '../../support/demo-desk';
import { rowsEqualTruth } from '../../support/engine-truth';

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
});
