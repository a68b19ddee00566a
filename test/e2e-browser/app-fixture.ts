/**
 * A Playwright fixture with the whole main side running for real: the simulator on 127.0.0.1, the
 * Desk (client + engine) connected to it, the built renderer served locally, and the test bridge
 * in between. Console errors and page errors are collected; a test that produced any fails.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { Desk } from '../../electron/desk/desk';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { requireChromium } from '../support/chromium';
import { serveDirectory } from '../support/static-server';
import { installTestBridge, type TestBridge } from '../support/test-bridge';

export interface AppUnderTest {
  page: Page;
  simulator: RunningSimulator;
  desk: Desk;
  bridge: TestBridge;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

const rendererDir = join(import.meta.dirname, '..', '..', 'out', 'renderer');

export const test = base.extend<{ app: AppUnderTest }>({
  app: async ({ page }, use) => {
    requireChromium();
    const simulator = await startSimulator({ seed: 7 });
    const credentials = (name: 'oneway' | 'hedge') => {
      const account = simulator.accounts.find((candidate) => candidate.name === name);
      if (account === undefined) throw new Error(`no ${name} account`);
      return { apiKey: account.apiKey, secret: account.secret };
    };
    const desk = new Desk({
      startDemoExchange: () =>
        Promise.resolve({
          endpoints: simulator.urls,
          credentials: { oneway: credentials('oneway'), hedge: credentials('hedge') },
          close: () => Promise.resolve(),
        }),
    });
    await desk.start();
    const server = await serveDirectory(rendererDir);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    const bridge = await installTestBridge(page, desk);
    await page.goto(server.url);
    await use({ page, simulator, desk, bridge, errors });
    bridge.dispose();
    await desk.stop();
    await server.close();
    await simulator.close();
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
