/**
 * v1 `account.position` retired on the simulator (its `retireMethod` control): the client switches to
 * `v2/account.position` + signed REST symbolConfig, says so once, and the desk's positions — leverage,
 * margin type, max notional included — end equal to the simulator's v1 truth, through fills, leverage
 * changes (ACCOUNT_CONFIG_UPDATE) and reconnects. Over real sockets on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoDesk, type DemoDesk } from '../../support/demo-desk';
import { waitFor } from '../../support/wait';
import { expectTruth, timeline } from './truth';

const FAST = {
  backoff: { firstMs: 50, capMs: 400 },
  clientTimings: { streamQuietMs: 600, rpcQuietMs: 600, pongTimeoutMs: 600 },
};

/** v2 writes zeros as "0", v1 as "0.00000000": decimals are compared by value. */
const BY_VALUE = { byValue: true };

let running: DemoDesk | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const switched = (demo: DemoDesk) => timeline(demo).filter((entry) => /no longer serves account\.position/.test(entry.message));

describe('v1 retired → v2 + symbolConfig', () => {
  it.each(['retired', 'unknown'] as const)('v1 answers as %s: positions still equal the truth, told once', async (as) => {
    running = await startDemoDesk({ markIntervalMs: 60_000, control: true }, 200, FAST);
    const demo = running;
    await expectTruth(demo);
    demo.simulator.control.retireMethod('account.position', as);
    demo.simulator.control.fill({ account: 'oneway', symbol: 'ETHUSDT', side: 'BUY', positionSide: 'BOTH', qty: '0.5' });
    await waitFor(() => (switched(demo).length > 0 ? true : undefined), 8_000, 'the switch to v2');
    await expectTruth(demo, 'oneway', BY_VALUE);

    // A leverage change arrives as ACCOUNT_CONFIG_UPDATE and is in the rows at the next snapshot.
    demo.simulator.control.setLeverage('oneway', 'BTCUSDT', 7);
    await waitFor(() => (demo.desk.positionsView().rows.find((row) => row.key === 'BTCUSDT:BOTH')?.leverage === '7' ? true : undefined), 8_000, 'leverage 7');
    await expectTruth(demo, 'oneway', BY_VALUE);

    // Reconnects: still v2 (never v1 again), config re-read, still the truth, still one timeline line.
    demo.simulator.control.dropConnections({ mode: 'abrupt' });
    demo.simulator.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'SELL', positionSide: 'BOTH', qty: '3' });
    await expectTruth(demo, 'oneway', BY_VALUE);
    expect(switched(demo)).toHaveLength(1);
  });

  it('the hedge account (LONG/SHORT legs, isolated margin) ends equal to the truth on v2', async () => {
    running = await startDemoDesk({ markIntervalMs: 60_000, control: true }, 200, { ...FAST, demoAccount: 'hedge' });
    const demo = running;
    await expectTruth(demo, 'hedge');
    demo.simulator.control.retireMethod('account.position');
    demo.simulator.control.fill({ account: 'hedge', symbol: 'BTCUSDT', side: 'BUY', positionSide: 'LONG', qty: '0.1' });
    await waitFor(() => (switched(demo).length > 0 ? true : undefined), 8_000, 'the switch to v2');
    await expectTruth(demo, 'hedge', BY_VALUE);
  });
});
