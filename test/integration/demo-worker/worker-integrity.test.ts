/**
 * The unpacked demo worker runs only if it is the file the build wrote (issue 14, item 2): the build
 * bakes its SHA-256 into the main bundle, and the launch hashes the file before every start. A file
 * changed after installation — even by one comment, or replaced by other code — is refused with a
 * clear error, and none of its code runs.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoExchange } from '../../../electron/desk/demo-exchange';
import { builtWorkerLaunch, DEMO_WORKER_FILE } from '../../../electron/desk/demo-exchange-launch';
import { bundleWorker, workerDigest } from '../../../scripts/bundle-worker';

const root = join(import.meta.dirname, '..', '..', '..');
const entry = join(root, 'electron', 'desk', 'demo-exchange-worker.ts');
let directory = '';
let code = '';
let digest = '';

beforeAll(async () => {
  code = await bundleWorker(entry);
  digest = workerDigest(code);
  directory = mkdtempSync(join(tmpdir(), 'perpdesk-worker-integrity-'));
}, 120_000);

afterAll(() => {
  if (directory !== '') rmSync(directory, { recursive: true, force: true });
});

/** Starts the demo exchange from `directory` expecting `expected`; returns the refusal, or null if it started. */
async function refusal(expected: string | null): Promise<string | null> {
  try {
    const exchange = await startDemoExchange({ launch: builtWorkerLaunch(directory, expected), startupTimeoutMs: 15_000, maxRestarts: 0 });
    await exchange.close();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the demo worker integrity check', () => {
  it('starts the worker the build wrote', async () => {
    writeFileSync(join(directory, DEMO_WORKER_FILE), code);
    expect(await refusal(digest)).toBeNull();
  });

  it('refuses a worker changed by a single appended comment', async () => {
    writeFileSync(join(directory, DEMO_WORKER_FILE), code);
    appendFileSync(join(directory, DEMO_WORKER_FILE), '\n// changed\n');
    const message = await refusal(digest);
    expect(message).toMatch(/^The demo exchange could not start: its file .*demo-exchange-worker\.cjs is not the one this build shipped/);
    expect(message).toContain(`expected ${digest}`);
    expect(message).toContain('Reinstall PerpDesk');
  });

  it('refuses a replaced worker without running any of it', async () => {
    const marker = join(directory, 'ran');
    writeFileSync(join(directory, DEMO_WORKER_FILE), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n${code}`);
    expect(await refusal(digest)).toMatch(/is not the one this build shipped/);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a missing worker, and a launch that carries no checksum, in plain words', async () => {
    rmSync(join(directory, DEMO_WORKER_FILE), { force: true });
    expect(await refusal(digest)).toMatch(/^The demo exchange could not start: its file .* cannot be read/);
    writeFileSync(join(directory, DEMO_WORKER_FILE), code);
    expect(await refusal(null)).toBe('The demo exchange could not start: this build carries no checksum for its worker, so the worker was not run');
  });
});

describe('the build', () => {
  it('bakes the SHA-256 of the worker it wrote into the main bundle (needs `npx electron-vite build`)', () => {
    const main = join(root, 'out', 'main', 'main.js');
    expect(existsSync(main), 'build first: npx electron-vite build').toBe(true);
    const written = createHash('sha256').update(readFileSync(join(root, 'out', 'main', DEMO_WORKER_FILE))).digest('hex');
    const baked = [...readFileSync(main, 'utf8').matchAll(/"([0-9a-f]{64})"/g)].map((match) => match[1]);
    expect(baked).toContain(written);
  });
});
