/** Demo mode's exchange started ahead of the desk (electron/desk/demo-exchange-prestart.ts). */
import { describe, expect, it, vi } from 'vitest';
import type { DemoExchange, DemoExchangeEvents } from '../../../electron/desk/demo-exchange';
import { prestartDemoExchange } from '../../../electron/desk/demo-exchange-prestart';

function fakeExchange(): DemoExchange & { close: ReturnType<typeof vi.fn> } {
  return {
    endpoints: { rest: 'http://127.0.0.1:1', market: 'ws://127.0.0.1:1/market', private: 'ws://127.0.0.1:1/private', wsApi: 'ws://127.0.0.1:1/ws-api' },
    credentials: {} as DemoExchange['credentials'],
    close: vi.fn(() => Promise.resolve()),
  };
}

describe('prestartDemoExchange', () => {
  it('starts at once, and the desk takes that same start', async () => {
    const exchange = fakeExchange();
    const start = vi.fn(() => Promise.resolve(exchange));
    const prestarted = prestartDemoExchange(start);
    expect(start).toHaveBeenCalledTimes(1);
    await expect(prestarted.take({})).resolves.toBe(exchange);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('hands the events raised before the take to the desk, in order, then forwards the later ones', async () => {
    let events: DemoExchangeEvents = {};
    const prestarted = prestartDemoExchange((given) => {
      events = given;
      return Promise.resolve(fakeExchange());
    });
    events.onNotice?.('error', 'stopped unexpectedly; restarting');
    events.onNotice?.('info', 'running again');
    events.onFailure?.('gave up');
    const seen: string[] = [];
    await prestarted.take({ onNotice: (kind, message) => seen.push(`${kind}: ${message}`), onFailure: (message) => seen.push(`failure: ${message}`) });
    expect(seen).toEqual(['error: stopped unexpectedly; restarting', 'info: running again', 'failure: gave up']);
    events.onNotice?.('info', 'later');
    expect(seen.at(-1)).toBe('info: later');
  });

  it('can be taken once', async () => {
    const prestarted = prestartDemoExchange(() => Promise.resolve(fakeExchange()));
    await prestarted.take({});
    await expect(prestarted.take({})).rejects.toThrow(/already taken/);
  });

  it('gives the taker the start failure, with no unhandled rejection before the take', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const prestarted = prestartDemoExchange(() => Promise.reject(new Error('The demo exchange could not start: boom')));
      await new Promise((resolve) => setImmediate(resolve));
      await expect(prestarted.take({})).rejects.toThrow('boom');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(prestarted.close()).resolves.toBeUndefined(); // it never ran: nothing to stop
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('stops an exchange the desk never took, and stops it once however often it is asked', async () => {
    const exchange = fakeExchange();
    const prestarted = prestartDemoExchange(() => Promise.resolve(exchange));
    await Promise.all([prestarted.close(), prestarted.close()]);
    expect(exchange.close).toHaveBeenCalledTimes(1);
  });
});
