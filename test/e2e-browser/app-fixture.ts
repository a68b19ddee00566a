/**
 * A Playwright fixture with the whole main side running for real: the simulator on 127.0.0.1, the
 * Desk (client + engine) connected to it, the built renderer served locally, and the test bridge
 * in between. Console errors and page errors are collected; a test that produced any fails.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Desk } from '../../electron/desk/desk';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { profilesPort } from '../../electron/vault/desk-port';
import { createEphemeralCipher } from '../../electron/vault/ephemeral-cipher';
import { ProfileService } from '../../electron/vault/profile-service';
import { openConfStore } from '../../electron/vault/store-file';
import { requireChromium } from '../support/chromium';
import { serveDirectory } from '../support/static-server';
import { simulatorDemoExchange } from '../support/simulator-demo';
import { installTestBridge, type TestBridge } from '../support/test-bridge';

export interface AppUnderTest {
  page: Page;
  simulator: RunningSimulator;
  desk: Desk;
  bridge: TestBridge;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** The app's data folder for this test (profiles file); removed afterwards. */
  dataDir: string;
  /** Every log line main wrote: the desk, the vault, and each IPC call's outcome. */
  logs: string[];
  profiles: ProfileService;
}

const rendererDir = join(import.meta.dirname, '..', '..', 'out', 'renderer');

export const test = base.extend<{ app: AppUnderTest; keyStore: 'available' | 'unavailable'; carrier: 'devtools' | 'socket' }>({
  /** Whether the (test) OS key store can encrypt secrets; `test.use({ keyStore: 'unavailable' })` to test without. */
  keyStore: ['available', { option: true }],
  /** The test bridge's carrier; `socket` (the bench's) needs `test.use({ bypassCSP: true })` too. */
  carrier: ['devtools', { option: true }],
  app: async ({ page, keyStore, carrier }, use) => {
    requireChromium();
    const simulator = await startSimulator({ seed: 7, control: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'perpdesk-e2e-'));
    const logs: string[] = [];
    const log = (line: string): void => {
      logs.push(line);
    };
    const profiles = new ProfileService({
      location: { dir: dataDir, name: 'profiles' },
      openStore: openConfStore, // electron-store needs Electron; conf is the same store without it
      cipher: createEphemeralCipher({ available: keyStore === 'available' }),
      log,
    });
    const desk = new Desk({
      startDemoExchange: () => Promise.resolve(simulatorDemoExchange(simulator)),
      profiles: profilesPort(profiles),
      log,
    });
    await desk.start();
    const server = await serveDirectory(rendererDir);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    const bridge = await installTestBridge(page, desk, { log: (entry) => log(JSON.stringify(entry)), carrier });
    await page.goto(server.url);
    await use({ page, simulator, desk, bridge, errors, dataDir, logs, profiles });
    await bridge.dispose();
    await desk.stop();
    await server.close();
    await simulator.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
