/** A window opened before the desk has started is answered by the started desk (electron/startup.ts). */
import { describe, expect, it, vi } from 'vitest';
import { IpcFailure } from '../../../electron/ipc/dispatch';
import { handlersWhenStarted } from '../../../electron/startup';
import { invokeChannels, type InvokeHandlers } from '../../../shared/ipc';

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function deskHandlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  const handlers = Object.fromEntries(invokeChannels.map((channel) => [channel, vi.fn(() => `${channel} answered`)])) as unknown as InvokeHandlers;
  return Object.assign(handlers, overrides);
}

describe('handlersWhenStarted', () => {
  it('has a handler for every invoke channel', () => {
    const gated = handlersWhenStarted(new Promise(() => {}));
    expect(Object.keys(gated).sort()).toEqual([...invokeChannels].sort());
  });

  it('holds a call made before the start until the desk has started, then runs the desk handler with its arguments', async () => {
    const start = deferred<InvokeHandlers>();
    const gated = handlersWhenStarted(start.promise);
    const selectSymbol = vi.fn(() => null);
    let settled = false;
    const call = Promise.resolve(gated.selectSymbol('BTCUSDT')).then((value) => {
      settled = true;
      return value;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(false);
    start.resolve(deskHandlers({ selectSymbol }));
    await expect(call).resolves.toBeNull();
    expect(selectSymbol).toHaveBeenCalledWith('BTCUSDT');
  });

  it("passes the desk handler's own failure through unchanged", async () => {
    const failure = new IpcFailure('not-connected', 'PerpDesk is not connected to an exchange.');
    const gated = handlersWhenStarted(
      Promise.resolve(
        deskHandlers({
          listSymbols: () => {
            throw failure;
          },
        }),
      ),
    );
    await expect(Promise.resolve().then(() => gated.listSymbols())).rejects.toBe(failure);
  });

  it("answers every call with 'not-ready' when the start failed, and leaves no unhandled rejection", async () => {
    const start = deferred<InvokeHandlers>();
    const gated = handlersWhenStarted(start.promise);
    start.reject(new Error('The demo exchange could not start: boom'));
    const call = Promise.resolve().then(() => gated.getTimeline());
    await expect(call).rejects.toBeInstanceOf(IpcFailure);
    await expect(Promise.resolve().then(() => gated.getTimeline())).rejects.toMatchObject({ code: 'not-ready' });
  });
});
