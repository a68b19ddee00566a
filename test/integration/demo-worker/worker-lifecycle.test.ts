/**
 * Demo mode's exchange thread from the main thread's side: the real worker (from source) starts the
 * simulator in its own thread, startup failures reject clearly, and close() ends it, once.
 */
import { createServer, type Server } from 'node:net';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoExchange, type DemoExchange } from '../../../electron/desk/demo-exchange';
import { startInProcessDemoExchange } from '../../../electron/desk/demo-exchange-in-process';
import type { WorkerConfig } from '../../../electron/desk/demo-exchange-messages';
import { startDemoThread, type DemoThread, type WorkerLaunch } from '../../../electron/desk/demo-exchange-thread';
import { scriptLaunch, sourceWorkerLaunch } from './source-launch';

const config: WorkerConfig = { port: 0, seed: 5, activity: true, control: false };
// Starting the worker from source compiles the simulator with tsx first: generous bounds.
const startupTimeoutMs = 15_000;
// Generous too: the clean-exit check (code 0) must not turn into a terminate() on a loaded machine.
const closeTimeoutMs = 15_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function thread(launch: WorkerLaunch, overrides: Partial<WorkerConfig> = {}, timeoutMs = startupTimeoutMs): Promise<DemoThread> {
  const started = startDemoThread({
    launch,
    config: { ...config, ...overrides },
    startupTimeoutMs: timeoutMs,
    closeTimeoutMs,
    onUnexpectedExit: () => undefined,
  });
  cleanups.push(() => started.then((running) => running.close(), () => undefined));
  return started;
}

/** Listening servers of this (the main) thread. */
function mainThreadServers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
}

describe('the demo exchange thread', () => {
  it('runs the simulator in another thread: the main thread gains no listening server', async () => {
    const before = mainThreadServers();
    const { launch } = sourceWorkerLaunch();
    const running = await thread(launch);
    expect(running.ready.threadId).not.toBe(threadId);
    // It serves on 127.0.0.1 from the worker…
    const time = (await (await fetch(`${running.ready.urls.rest}/fapi/v1/time`)).json()) as { serverTime: number };
    expect(Number.isInteger(time.serverTime)).toBe(true);
    // …while this thread holds no server socket for it.
    expect(mainThreadServers()).toBe(before);

    // The same measure sees the in-process simulator of the CLI, so it can tell the two apart.
    const inProcess = await startInProcessDemoExchange();
    cleanups.push(() => inProcess.close());
    expect(mainThreadServers()).toBe(before + 1);
  });

  it('posts the three demo accounts and loopback URLs sharing one port', async () => {
    const running = await thread(sourceWorkerLaunch().launch);
    const { urls, accounts } = running.ready;
    const ports = new Set(Object.values(urls).map((url) => new URL(url).port));
    expect(ports.size).toBe(1);
    expect(Object.values(urls).every((url) => new URL(url).hostname === '127.0.0.1')).toBe(true);
    expect(new Set([accounts.oneway.apiKey, accounts.hedge.apiKey, accounts.multi.apiKey]).size).toBe(3);
  });

  it('a worker that throws at startup rejects with its message', async () => {
    const { launch } = scriptLaunch(`throw new Error('no simulator today')`);
    await expect(thread(launch)).rejects.toThrow('The demo exchange could not start: no simulator today');
  });

  it('the real worker fails clearly when its port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const taken = (blocker.address() as { port: number }).port;
    await expect(thread(sourceWorkerLaunch().launch, { port: taken })).rejects.toThrow(/could not start: .*EADDRINUSE/);
  });

  it('a worker that exits before ready rejects, naming the exit code', async () => {
    await expect(thread(scriptLaunch('process.exit(3)').launch)).rejects.toThrow('exited with code 3 before it was ready');
  });

  it('a worker that never says ready is terminated after the startup timeout', async () => {
    const silent = scriptLaunch('setInterval(() => {}, 1000)');
    await expect(thread(silent.launch, {}, 300)).rejects.toThrow('did not report ready within 300 ms');
    // Terminated, not left running: its exit arrives (a thread that kept running would never exit).
    // The code is not checked: a thread terminated while still booting reports 0.
    await expect(silent.started[0]!.exit).resolves.toEqual(expect.any(Number));
  });

  it('a malformed ready (a URL off the loopback) is refused', async () => {
    const ready = {
      type: 'ready',
      threadId: 1,
      urls: { wsApi: 'ws://exchange.example/ws-fapi/v1', market: 'ws://127.0.0.1:1/market', private: 'ws://127.0.0.1:1/private', rest: 'http://127.0.0.1:1' },
      accounts: { oneway: { apiKey: 'a', secret: 's' }, hedge: { apiKey: 'b', secret: 't' }, multi: { apiKey: 'c', secret: 'u' } },
    };
    const liar = scriptLaunch(`require('node:worker_threads').parentPort.postMessage(${JSON.stringify(ready)}); setInterval(() => {}, 1000)`);
    await expect(thread(liar.launch)).rejects.toThrow('could not start: it sent a malformed message');
    await expect(liar.started[0]!.exit).resolves.toEqual(expect.any(Number));
  });
});

describe('startDemoExchange', () => {
  let exchange: DemoExchange | null = null;
  afterEach(async () => {
    await exchange?.close();
    exchange = null;
  });

  it('close() stops the simulator and ends the thread cleanly; calling it again changes nothing', async () => {
    const recorded = sourceWorkerLaunch();
    exchange = await startDemoExchange({ launch: recorded.launch, startupTimeoutMs, closeTimeoutMs });
    const { rest } = exchange.endpoints;
    expect((await fetch(`${rest}/fapi/v1/time`)).status).toBe(200);

    const first = exchange.close();
    expect(exchange.close()).toBe(first);
    await first;
    // Exit code 0: the worker stopped its simulator and ended by itself, not by terminate().
    await expect(recorded.started[0]!.exit).resolves.toBe(0);
    await expect(fetch(`${rest}/fapi/v1/time`)).rejects.toThrow();
    await expect(exchange.close()).resolves.toBeUndefined();
    expect(recorded.started).toHaveLength(1);
  });

  it('rejects, and leaves nothing running, when the worker cannot start', async () => {
    const failing = scriptLaunch(`throw new Error('broken build')`);
    await expect(startDemoExchange({ launch: failing.launch, startupTimeoutMs })).rejects.toThrow(
      'The demo exchange could not start: broken build',
    );
    await expect(failing.started[0]!.exit).resolves.toBe(1);
  });
});
