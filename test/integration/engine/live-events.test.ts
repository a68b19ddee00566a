/**
 * The stream as the live exchange sends it, against the simulator over real sockets (PROTOCOL
 * §13.4, §13.5, §13.7): `"bep":"0"` keeps the known break-even; an order filled in several trades
 * sharing one `T` is applied trade after trade (none dropped); position queries that lag the stream
 * do not delete a new position, which keeps its liquidation price pending until a reply catches
 * up; auto-deleveraging becomes an alert. Each ends equal to the simulator's truth.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts';
import type { PositionRow } from '../../../shared/position';
import { startDemoDesk, type DemoDesk } from '../../support/demo-desk';
import { openTruth, rowsEqualTruth } from '../../support/engine-truth';
import { waitFor } from '../../support/wait';

let running: DemoDesk | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** A demo desk whose every snapshot reply first records the row `key` as the table showed it then. */
async function watched(key: () => string | null) {
  const seen: Array<PositionRow | undefined> = [];
  let demo: DemoDesk | null = null;
  demo = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000, {
    onSnapshotRows: () => {
      const wanted = key();
      if (demo !== null && wanted !== null) seen.push(demo.desk.positionsView().rows.find((row) => row.key === wanted));
    },
  });
  running = demo;
  await rowsEqualTruth(demo, 'oneway');
  return { demo, seen };
}

const truthRow = (demo: DemoDesk, key: string) => openTruth(demo, 'oneway').find((row) => `${row.symbol}:${row.positionSide}` === key);

describe('the live stream (simulated)', () => {
  it('"bep":"0" on an open row keeps the known break-even until the snapshot brings the new one', async () => {
    let key: string | null = null;
    const { demo, seen } = await watched(() => key);
    const target = openTruth(demo, 'oneway').find((row) => row.symbol === 'BTCUSDT')!;
    key = `${target.symbol}:${target.positionSide}`;
    const known = demo.desk.positionsView().rows.find((row) => row.key === key)!.breakEvenPrice;
    demo.simulator.control.bepZero(true);
    demo.simulator.control.fill({ account: 'oneway', symbol: 'BTCUSDT', side: Number(target.positionAmt) > 0 ? 'BUY' : 'SELL', qty: '0.010' });
    await rowsEqualTruth(demo, 'oneway');
    // Between the update and its snapshot the row had the new size and the known break-even, never 0.
    const between = seen.find((row) => row !== undefined && row.positionAmt !== target.positionAmt);
    expect(between?.breakEvenPrice).toBe(known);
  });

  it('an order filled in three trades sharing one T: every trade applied, in E order, before any snapshot', async () => {
    let key: string | null = null;
    const { demo, seen } = await watched(() => key);
    const target = openTruth(demo, 'oneway').find((row) => row.symbol === 'ETHUSDT')!;
    key = `${target.symbol}:${target.positionSide}`;
    demo.simulator.control.fill({ account: 'oneway', symbol: 'ETHUSDT', side: Number(target.positionAmt) > 0 ? 'BUY' : 'SELL', qty: '0.300', trades: 3 });
    const after = truthRow(demo, key)!;
    await rowsEqualTruth(demo, 'oneway');
    // What the stream alone had made of the three updates: the order's full size, not the first trade's.
    const streamOnly = seen.find((row) => row !== undefined && row.positionAmt !== target.positionAmt);
    expect(Number(streamOnly?.positionAmt)).toBe(Number(after.positionAmt));
  });

  it('snapshots that lag the stream do not delete a new position; it stays, pending, until a reply catches up', async () => {
    let key: string | null = null;
    const { demo, seen } = await watched(() => key);
    const symbols = await demo.desk.symbols();
    const open = new Set(openTruth(demo, 'oneway').map((row) => row.symbol));
    const flat = symbols.find((info) => info.status === 'TRADING' && info.contractType === 'PERPETUAL' && !open.has(info.symbol))!;
    expect(flat).toBeDefined();
    key = `${flat.symbol}:BOTH`;
    // Position queries now answer with the account as it was 4 s ago (PROTOCOL §13.4).
    demo.simulator.control.lagSnapshots(4_000);
    demo.simulator.control.fill({ account: 'oneway', symbol: flat.symbol, side: 'BUY', qty: flat.stepSize });
    // Two lagging replies read after the fill: the new row survived both, its liquidation price pending.
    await waitFor(() => (seen.filter((row) => row !== undefined).length >= 2 ? true : undefined), 15_000, 'two snapshots after the fill');
    const kept = demo.desk.positionsView().rows.find((row) => row.key === key);
    expect(kept).toMatchObject({ positionAmt: truthRow(demo, key)!.positionAmt, liquidationPending: true });
    demo.simulator.control.lagSnapshots(0);
    const rows = await rowsEqualTruth(demo, 'oneway', 15_000);
    expect(rows.find((row) => row.key === key)?.liquidationPending).toBe(false);
  });

  it('auto-deleveraging raises an alert naming symbol, side, quantity and price; the rows end equal to the truth', async () => {
    const notified: string[] = [];
    running = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000, { notify: (_title, body) => notified.push(body) });
    const demo = running;
    await rowsEqualTruth(demo, 'oneway');
    const victim = openTruth(demo, 'oneway').find((row) => row.symbol === 'ETHUSDT')!;
    const long = Number(victim.positionAmt) > 0;
    demo.simulator.control.adl({ account: 'oneway', symbol: 'ETHUSDT' });
    const alert = await waitFor(
      () => demo.pushes.filter(([channel]) => channel === 'alerts').flatMap(([, payload]) => payload as Alert[]).find((candidate) => candidate.kind === 'adl'),
      8_000,
      'the ADL alert',
    );
    expect(alert).toMatchObject({ severity: 'critical', symbol: 'ETHUSDT', key: 'ETHUSDT:BOTH' });
    expect(alert.message).toContain(`ETHUSDT ${long ? 'long' : 'short'} auto-deleveraged`);
    expect(Number(/: ([\d.]+) closed/.exec(alert.message)?.[1])).toBe(Math.abs(Number(victim.positionAmt)));
    expect(notified).toContain(alert.message);
    const rows = await rowsEqualTruth(demo, 'oneway');
    expect(rows.some((row) => row.symbol === 'ETHUSDT')).toBe(false);
  });
});
