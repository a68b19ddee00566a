/**
 * The whole app but Electron, for the browser figures: the simulator (scenario `large`, N open
 * one-way positions, marks every `markIntervalMs`), the real Desk (client, engine, pusher) connected
 * to it, the built renderer served on 127.0.0.1 in Chromium, and the browser test bridge carrying
 * IPC (test/support/test-bridge.ts) — the e2e-browser tests' path, on the bridge's socket carrier. Pushes entering the
 * carrier are timestamped here and their arrival in the page there, so its queue can be shown.
 */
import type { Browser, Page } from '@playwright/test';
import { Desk } from '../../electron/desk/desk';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { demoAccounts } from '../../electron/simulator/accounts';
import { simulatorDemoExchange } from '../../test/support/simulator-demo';
import { serveDirectory } from '../../test/support/static-server';
import { installTestBridge } from '../../test/support/test-bridge';
import { RENDERER_DIR } from './built-renderer';

export interface LiveDeskOptions {
  /** Open positions on the one-way demo account (its standard legs included). */
  positions: number;
  markIntervalMs: number;
  /** The simulator's occasional fills and funding, as demo mode runs them (default off). */
  activity?: boolean;
  viewport?: { width: number; height: number };
}

export interface LiveDesk {
  page: Page;
  simulator: RunningSimulator;
  desk: Desk;
  /** Node `performance.now()` of every push handed to the carrier. */
  pushesEntered: number[];
  /** Page clock (timeOrigin + now) of every push the page received, in order. */
  pushesArrived(): Promise<number[]>;
  close(): Promise<void>;
}

/** Runs in the page after the bridge's own init script: counts pushes as they arrive, before they are decoded. */
function countArrivals(): void {
  const host = window as unknown as { __perpdeskPush: (c: string, e: string) => void; __benchArrivals: number[] };
  const deliver = host.__perpdeskPush;
  host.__benchArrivals = [];
  host.__perpdeskPush = (channel, encoded) => {
    host.__benchArrivals.push(performance.timeOrigin + performance.now());
    deliver(channel, encoded);
  };
}

/** Standard open legs of the one-way demo account, which `large` keeps beside its generated ones. */
const STANDARD_ONEWAY = demoAccounts(Date.now()).oneway.positions.length;

/** Starts everything and resolves once the table shows its first position row. */
export async function startLiveDesk(browser: Browser, options: LiveDeskOptions): Promise<LiveDesk> {
  const simulator = await startSimulator({
    seed: 7,
    scenario: 'large',
    symbols: Math.max(1, options.positions - STANDARD_ONEWAY),
    markIntervalMs: options.markIntervalMs,
    activity: options.activity ?? false,
  });
  const desk = new Desk({
    startDemoExchange: () => Promise.resolve(simulatorDemoExchange(simulator)),
  });
  await desk.start();
  const server = await serveDirectory(RENDERER_DIR);
  // CSP bypassed for the bridge's socket carrier only (the page's `connect-src 'none'` would refuse
  // it; Electron's IPC, which it stands in for, is not subject to CSP). The e2e tests check the CSP.
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1600, height: 1000 }, bypassCSP: true });
  const page = await context.newPage();
  const pushesEntered: number[] = [];
  // The bridge sees only handlers and attach: wrap attach to timestamp each push entering the carrier.
  const counted = {
    handlers: desk.handlers,
    attach: (sink: Parameters<Desk['attach']>[0]) => {
      return desk.attach((channel, payload) => {
        pushesEntered.push(performance.now());
        sink(channel, payload);
      });
    },
  } as unknown as Desk;
  // tsx (esbuild, keepNames) wraps named functions in page callbacks with a `__name` helper that
  // exists only in Node: give the page a do-nothing one.
  await page.addInitScript({ content: 'window.__name = (target) => target;' });
  const bridge = await installTestBridge(page, counted, { carrier: 'socket' });
  await page.addInitScript(countArrivals);
  await page.goto(server.url);
  await page.waitForSelector('tr[data-row-key]', { timeout: 60_000 });
  return {
    page,
    simulator,
    desk,
    pushesEntered,
    pushesArrived: () => page.evaluate(() => (window as unknown as { __benchArrivals: number[] }).__benchArrivals.slice()),
    close: async () => {
      await bridge.dispose();
      await context.close();
      await desk.stop();
      await server.close();
      await simulator.close();
    },
  };
}
