/**
 * One cold start for P5, in a fresh process (bench/p5.ts spawns it): demo mode as the app starts it —
 * the real Desk, the *built* demo exchange worker (out/main/demo-exchange-worker.cjs, checked against
 * its SHA-256 and run in a worker thread, as the app does), a fresh headless Chromium showing the
 * *built* renderer (out/renderer) through the browser test bridge — until the table holds its first
 * position row (Playwright polls on animation frames, so the row has been laid out for a frame).
 * Prints one JSON line of milestones, ms since this process started (`performance.now()`).
 * What differs from the packaged app: main's code is loaded by tsx from source, not the bundle, and
 * the window is a Chromium page fed by the test bridge rather than an Electron BrowserWindow.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Desk } from '../../electron/desk/desk';
import { startDemoExchange } from '../../electron/desk/demo-exchange';
import { builtWorkerLaunch, DEMO_WORKER_FILE } from '../../electron/desk/demo-exchange-launch';
import { serveDirectory } from '../../test/support/static-server';
import { installTestBridge } from '../../test/support/test-bridge';
import { MAIN_DIR, RENDERER_DIR } from '../browser/built-renderer';

const milestones: Record<string, number> = { appModulesLoaded: performance.now() };
// Playwright is the harness, not the app (Electron has its browser built in): loaded on its own so its
// cost shows apart. It loads while main starts, as a window is created while the app connects.
const harness = import('../browser/launch').then((loaded) => {
  milestones.harnessLoaded = performance.now();
  return loaded;
});
const digest = createHash('sha256').update(readFileSync(join(MAIN_DIR, DEMO_WORKER_FILE))).digest('hex');
const desk = new Desk({ startDemoExchange: (events) => startDemoExchange({ ...events, launch: builtWorkerLaunch(MAIN_DIR, digest) }) });
const browserStarting = harness.then((loaded) => loaded.launchChromium()); // the window starts while main connects
await desk.start();
milestones.deskStarted = performance.now();
const server = await serveDirectory(RENDERER_DIR);
const browser = await browserStarting;
milestones.browserLaunched = performance.now();
const page = await browser.newPage();
await page.addInitScript({ content: 'window.__name = (target) => target;' });
const bridge = await installTestBridge(page, desk);
await page.goto(server.url);
milestones.pageLoaded = performance.now();
await page.waitForSelector('tr[data-row-key]', { timeout: 60_000 });
milestones.firstRowPainted = performance.now();
process.stdout.write(`${JSON.stringify(milestones)}\n`);
bridge.dispose();
await browser.close();
await desk.stop();
await server.close();
process.exit(0);
