/**
 * The worker as the build ships it: bundled by the same function electron.vite.config.ts uses, into
 * a folder with no node_modules anywhere near (like app.asar.unpacked), then started the way the app
 * starts it. Bundling here keeps `npx vitest` independent of a previous build.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoExchange } from '../../../electron/desk/demo-exchange';
import { builtWorkerLaunch, DEMO_WORKER_FILE } from '../../../electron/desk/demo-exchange-launch';
import { bundleWorker, workerDigest } from '../../../scripts/bundle-worker';

const entry = join(import.meta.dirname, '..', '..', '..', 'electron', 'desk', 'demo-exchange-worker.ts');
let directory = '';
let code = '';

beforeAll(async () => {
  code = await bundleWorker(entry);
  directory = mkdtempSync(join(tmpdir(), 'perpdesk-worker-'));
  writeFileSync(join(directory, DEMO_WORKER_FILE), code);
}, 120_000);

afterAll(() => {
  if (directory !== '') rmSync(directory, { recursive: true, force: true });
});

describe('the bundled demo exchange worker', () => {
  it('needs nothing but Node: every require is a Node module or one of ws\'s optional speed-ups', () => {
    const required = new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!));
    const node = new Set(builtinModules);
    const foreign = [...required].filter((name) => !node.has(name.replace(/^node:/, '')));
    expect(foreign.sort()).toEqual(['bufferutil', 'utf-8-validate']);
    // ws and zod are inside, not left as imports (the next test shows they work from there).
    expect(required.has('ws')).toBe(false);
    expect(required.has('zod')).toBe(false);
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('starts from its own folder, serves, and closes', async () => {
    const exchange = await startDemoExchange({ launch: builtWorkerLaunch(directory, workerDigest(code)), startupTimeoutMs: 15_000 });
    try {
      const response = await fetch(`${exchange.endpoints.rest}/fapi/v1/exchangeInfo`);
      expect(response.status).toBe(200);
      expect(exchange.credentials.oneway.apiKey).not.toBe(exchange.credentials.hedge.apiKey);
    } finally {
      await exchange.close();
    }
    await expect(fetch(`${exchange.endpoints.rest}/fapi/v1/time`)).rejects.toThrow();
  });
});
