/**
 * The real client and engine against the simulator over 127.0.0.1: after a funding round and after
 * a liquidation, the desk's rows equal the simulator's own truth field for field, in a one-way and
 * in a hedge account. Marks are frozen (one step a minute) so the truth is taken at the shown prices.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoDesk, type DemoDesk } from '../support/demo-desk';
import { openTruth, rowsEqualTruth, type DemoAccountName } from '../support/engine-truth';
import { waitFor } from '../support/wait';

let running: DemoDesk | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

type Account = DemoAccountName;

async function startOn(account: Account): Promise<DemoDesk> {
  // Marks frozen; a 1-minute periodic snapshot, so only the engine's own event-driven snapshots run.
  running = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000);
  if (account === 'hedge') await running.desk.handlers.setDemoAccount('hedge');
  await waitFor(() => (running!.desk.positionsView().mode === account ? true : undefined), 8_000, `the ${account} view`);
  await rowsEqualTruth(running, account);
  return running;
}

describe.each(['oneway', 'hedge'] as const)('engine against the simulator truth (%s account)', (account) => {
  it('after a funding round: isolated wallets moved, and every row equals the truth', async () => {
    const demo = await startOn(account);
    const before = openTruth(demo, account);
    demo.simulator.control.settleFunding();
    const rows = await rowsEqualTruth(demo, account);
    // The round really changed what the rows say (an isolated wallet paid or received funding).
    const moved = before.filter((row) => row.marginType === 'isolated' && rows.find((r) => r.symbol === row.symbol && r.positionSide === row.positionSide)?.isolatedWallet !== row.isolatedWallet);
    expect(moved.length).toBeGreaterThan(0);
  });

  it('after a liquidation: the position leaves the open set and every row equals the truth', async () => {
    const demo = await startOn(account);
    const victim = openTruth(demo, account).find((row) => row.marginType === 'isolated' && Number(row.liquidationPrice) > 0);
    if (victim === undefined) throw new Error(`the ${account} demo account has no isolated position to liquidate`);
    const long = Number(victim.positionAmt) > 0;
    // 5 % past the liquidation price, on the losing side.
    const price = Number(victim.liquidationPrice) * (long ? 0.95 : 1.05);
    demo.simulator.setMark(victim.symbol, price.toFixed(2));
    const rows = await rowsEqualTruth(demo, account);
    expect(rows.some((row) => row.symbol === victim.symbol && row.positionSide === victim.positionSide)).toBe(false);
    expect(demo.simulator.truth(account).find((row) => row.symbol === victim.symbol && row.positionSide === victim.positionSide)?.positionAmt).toMatch(/^0(\.0+)?$/);
  });
});
