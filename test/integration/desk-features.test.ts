/**
 * The desk's own features against the simulator over real sockets: liquidation alerts from live
 * marks, the selected symbol surviving a restart, CSV export, the connection timeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../../electron/desk/settings-store';
import type { Alert } from '../../shared/alerts';
import { startDemoDesk, type DemoDesk } from '../support/demo-desk';
import { waitFor } from '../support/wait';

let running: DemoDesk | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('desk features', () => {
  it('a mark within the threshold of the liquidation price raises one alert and a notification', async () => {
    const notifications: string[] = [];
    running = await startDemoDesk({ markIntervalMs: 100 }, 60_000, { notify: (_title, body) => notifications.push(body) });
    const demo = running;
    const btc = await waitFor(() => demo.desk.positionsView().rows.find((row) => row.key === 'BTCUSDT:BOTH'), 5_000, 'BTC row');
    const liquidation = Number(btc.liquidationPrice);
    expect(liquidation).toBeGreaterThan(0);
    // 2 % above the (long, isolated) liquidation price: inside the default 5 % threshold.
    demo.simulator.setMark('BTCUSDT', (liquidation * 1.02).toFixed(1));
    const alert = await waitFor(
      () =>
        demo.pushes
          .filter(([channel]) => channel === 'alerts')
          .flatMap(([, payload]) => payload as Alert[])
          .find((candidate) => candidate.key === 'BTCUSDT:BOTH'),
      5_000,
      'the alerts push',
    );
    expect(alert).toMatchObject({ kind: 'liquidation-proximity', symbol: 'BTCUSDT' });
    expect(notifications.some((body) => body.startsWith('BTCUSDT long is'))).toBe(true);
    expect((await demo.state()).alerts.map((a) => a.id)).toContain('liquidation-proximity:BTCUSDT:BOTH');
  });

  it('the selected symbol and the alert threshold survive a restart', async () => {
    const settings = new MemorySettingsStore();
    running = await startDemoDesk({ markIntervalMs: 1_000 }, 60_000, { settings });
    await running.desk.handlers.selectSymbol('ETHUSDT');
    await running.desk.handlers.setAlertThreshold(3);
    await running.close();
    running = await startDemoDesk({ markIntervalMs: 1_000 }, 60_000, { settings });
    const demo = running;
    const view = await waitFor(() => {
      const current = demo.desk.positionsView();
      return current.rows.length > 0 ? current : undefined;
    }, 5_000, 'rows');
    expect(view.selectedSymbol).toBe('ETHUSDT');
    expect(view.rows.every((row) => row.symbol === 'ETHUSDT')).toBe(true);
    expect((await demo.state()).settings).toMatchObject({ selectedSymbol: 'ETHUSDT', alertThresholdPct: 3 });
  });

  it('exports the view as CSV through the injected save function', async () => {
    const saved: Array<[string, string]> = [];
    running = await startDemoDesk({}, 60_000, {
      saveFile: (name, contents) => {
        saved.push([name, contents]);
        return Promise.resolve(`/tmp/${name}`);
      },
    });
    const demo = running;
    await waitFor(() => (demo.desk.positionsView().rows.length > 0 ? true : undefined), 5_000, 'rows');
    const path = await demo.desk.handlers.exportCsv();
    expect(path).toMatch(/^\/tmp\/perpdesk-positions-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.csv$/);
    const lines = saved[0]![1].trim().split('\r\n');
    expect(lines).toHaveLength(demo.desk.positionsView().rows.length + 1);
    expect(lines[1]).toMatch(/^BTCUSDT,BOTH,0\.250,/);
  });

  it('records connects and account switches on the timeline and pushes each entry', async () => {
    running = await startDemoDesk();
    const demo = running;
    await waitFor(() => (demo.desk.handlers.getTimeline() as { kind: string }[]).find((e) => e.kind === 'connected'), 5_000, 'connected');
    await demo.desk.handlers.setDemoAccount('hedge');
    const timeline = await waitFor(() => {
      const entries = demo.desk.handlers.getTimeline() as { kind: string; message: string }[];
      return entries.filter((e) => e.kind === 'connected').length >= 2 ? entries : undefined;
    }, 5_000, 'second connect');
    expect(timeline.map((e) => e.kind)).toEqual(['connecting', 'connected', 'connecting', 'connected']);
    expect(timeline[2]!.message).toContain('(hedge)');
    // The receiver attached after the first 'connecting' entry; everything since was pushed.
    expect(demo.pushes.filter(([channel]) => channel === 'log').map(([, entry]) => entry)).toEqual(timeline.slice(1));
  });

  it('refuses column preferences that would hide the symbol or repeat a column', async () => {
    running = await startDemoDesk();
    expect(() => running!.desk.handlers.setColumnPrefs({ order: ['symbol'], hidden: ['symbol'] })).toThrow(/cannot be hidden/);
    expect(() => running!.desk.handlers.setColumnPrefs({ order: ['symbol', 'mark', 'mark'], hidden: [] })).toThrow(/only once/);
    await running.desk.handlers.setColumnPrefs({ order: ['symbol', 'mark'], hidden: ['roe'] });
    expect((await running.state()).settings.columns).toEqual({ order: ['symbol', 'mark'], hidden: ['roe'] });
  });

  it('loads the notional brackets once connected: maintenance margin everywhere, margin ratio for isolated rows', async () => {
    running = await startDemoDesk({ markIntervalMs: 60_000 });
    const demo = running;
    const rows = await waitFor(() => {
      const current = demo.desk.positionsView().rows;
      return current.length > 0 && current.every((row) => row.derived.maintMargin !== null) ? current : undefined;
    }, 5_000, 'brackets');
    for (const row of rows) expect(row.derived.maintMargin).toBeGreaterThan(0);
    const isolated = rows.filter((row) => row.marginType === 'isolated');
    expect(isolated.length).toBeGreaterThan(0);
    for (const row of isolated) {
      expect(row.derived.marginRatioPct).toBeCloseTo((row.derived.maintMargin! / row.derived.margin) * 100, 8);
    }
    expect(rows.filter((row) => row.marginType === 'cross').every((row) => row.derived.marginRatioPct === null)).toBe(true);
  });
});
