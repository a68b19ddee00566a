/**
 * The engine and desk against the simulator as the live exchange behaves (PROTOCOL §13), over real
 * sockets on 127.0.0.1, each ending equal to the simulator's truth: a symbol named in Chinese in
 * the whole-account snapshot, a flip whose liquidation price is pending until its snapshot (and
 * raises no alert meanwhile), and a liquidation fill that becomes an alert naming what closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts';
import type { PositionRow } from '../../../shared/position';
import type { TimelineEntry } from '../../../shared/timeline';
import { startDemoDesk, type DemoDesk } from '../../support/demo-desk';
import { openTruth, rowsEqualTruth } from '../../support/engine-truth';
import { waitFor } from '../../support/wait';

let running: DemoDesk | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const alertsPushed = (demo: DemoDesk): Alert[] => demo.pushes.filter(([channel]) => channel === 'alerts').flatMap(([, payload]) => payload as Alert[]);
const timelinePushed = (demo: DemoDesk): TimelineEntry[] => demo.pushes.filter(([channel]) => channel === 'log').map(([, payload]) => payload as TimelineEntry);

describe('the engine on the live exchange (simulated)', () => {
  it('a position in a symbol named in Chinese is in the whole-account snapshot, equal to the truth', async () => {
    // Marks frozen and a 1-minute cadence: what is shown is what the snapshot and stream said.
    running = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000);
    const truth = openTruth(running, 'oneway');
    expect(truth.some((row) => row.symbol === '币安人生USDT')).toBe(true);
    const rows = await rowsEqualTruth(running, 'oneway');
    expect(rows.find((row) => row.symbol === '币安人生USDT')?.derived.markPrice).toMatch(/^\d/);
  });

  it('a symbol named in Chinese is followed on the mark stream (its stream name is the symbol lowercased)', async () => {
    running = await startDemoDesk({ markIntervalMs: 200 }, 60_000);
    const demo = running;
    const row = await waitFor(() => demo.desk.positionsView().rows.find((candidate) => candidate.symbol === '币安人生USDT' && candidate.markAt !== null), 8_000, 'a mark tick for 币安人生USDT');
    expect(row.derived.markTime).toBeGreaterThan(0);
  });

  it('a flip leaves the liquidation price pending, with no distance and no alert, until its snapshot; then equal to the truth', async () => {
    const notified: string[] = [];
    const seenAtSnapshot: PositionRow[] = [];
    let demo: DemoDesk | null = null;
    running = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000, {
      notify: (_title, body) => notified.push(body),
      // Called as each reply arrives, before the engine merges it: what the table showed until then.
      onSnapshotRows: () => {
        const row = demo?.desk.positionsView().rows.find((candidate) => candidate.key === target?.key);
        if (row !== undefined) seenAtSnapshot.push(row);
      },
    });
    demo = running;
    await rowsEqualTruth(demo, 'oneway');
    const target = demo.desk.positionsView().rows.find((row) => row.marginType === 'isolated' && Number(row.liquidationPrice) > 0 && row.symbol !== '币安人生USDT');
    if (target === undefined) throw new Error('the oneway demo account has no isolated position with a liquidation price');
    const amount = Number(target.positionAmt);
    const before = notified.length;
    seenAtSnapshot.length = 0;
    // Twice the size the other way: the long becomes a short of the same size (or the reverse).
    demo.simulator.control.fill({ account: 'oneway', symbol: target.symbol, side: amount > 0 ? 'SELL' : 'BUY', qty: String(Math.abs(amount) * 2) });
    const rows = await rowsEqualTruth(demo, 'oneway');
    const flipped = rows.find((row) => row.key === target.key)!;
    expect(Math.sign(Number(flipped.positionAmt))).toBe(-Math.sign(amount));
    expect(flipped.liquidationPrice).not.toBe(target.liquidationPrice);
    expect(flipped.derived.liquidationDistancePct).not.toBeNull();
    // Until the snapshot after the flip, the row said "pending", with no distance computed.
    const beforeRefresh = seenAtSnapshot.find((row) => Math.sign(Number(row.positionAmt)) === -Math.sign(amount));
    expect(beforeRefresh).toMatchObject({ liquidationPending: true, derived: { liquidationDistancePct: null, liquidationDistance: null } });
    // The stale price (on the wrong side after a flip) raised nothing.
    expect(alertsPushed(demo).filter((alert) => alert.key === target.key)).toEqual([]);
    expect(notified.slice(before).filter((body) => body.startsWith(target.symbol))).toEqual([]);
  });

  it('a liquidation fill raises an alert naming symbol, side, quantity and price, and the row leaves, equal to the truth', async () => {
    const notified: string[] = [];
    running = await startDemoDesk({ markIntervalMs: 60_000 }, 60_000, { notify: (_title, body) => notified.push(body) });
    const demo = running;
    await rowsEqualTruth(demo, 'oneway');
    const victim = openTruth(demo, 'oneway').find((row) => row.marginType === 'isolated' && Number(row.liquidationPrice) > 0);
    if (victim === undefined) throw new Error('the oneway demo account has no isolated position to liquidate');
    const long = Number(victim.positionAmt) > 0;
    demo.simulator.setMark(victim.symbol, (Number(victim.liquidationPrice) * (long ? 0.95 : 1.05)).toFixed(2));
    const alert = await waitFor(() => alertsPushed(demo).find((candidate) => candidate.kind === 'liquidation'), 8_000, 'the liquidation alert');
    expect(alert).toMatchObject({ severity: 'critical', symbol: victim.symbol, key: `${victim.symbol}:${victim.positionSide}` });
    const quantity = victim.positionAmt.replace('-', '');
    expect(alert.message).toContain(`${victim.symbol} ${long ? 'long' : 'short'} liquidated`);
    expect(Number(/: ([\d.]+) closed/.exec(alert.message)?.[1])).toBe(Number(quantity));
    expect(alert.message).toMatch(/closed at \d/);
    expect(notified).toContain(alert.message);
    expect(timelinePushed(demo).some((entry) => entry.message === alert.message)).toBe(true);
    const rows = await rowsEqualTruth(demo, 'oneway');
    expect(rows.some((row) => row.symbol === victim.symbol && row.positionSide === victim.positionSide)).toBe(false);
  });
});
