/**
 * The browser test bridge (DESIGN §9.4): `window.perpdesk` in a plain Chromium page, carried by
 * Playwright instead of Electron IPC, in front of the same main-side Desk and the same
 * dispatchInvoke validation. `addInitScript` installs the API from the contract's channel names;
 * payloads travel in structured clone's terms (clone-codec.ts). Two carriers: the DevTools protocol
 * (default: `exposeBinding` carries invoke calls, `page.evaluate` each push as one string), and a
 * WebSocket for the bench (bridge-socket.ts: cheaper per message, needs CSP bypassed). Every payload in either
 * direction is recorded, so tests can inspect what crossed the boundary. The renderer's
 * `ackPositions(version)` is an invoke like any other: it reaches the desk through the same
 * dispatch, and main sends the next positions version only then (one in flight per receiver).
 */
import type { Page } from '@playwright/test';
import type { Desk } from '../../electron/desk/desk';
import { dispatchInvoke, type DispatchLog } from '../../electron/ipc/dispatch';
import { invokeChannels, pushChannels, pushListenerName } from '../../shared/ipc';
import { startSocketCarrier } from './bridge-socket';
import { decodeClone, encodeClone } from './clone-codec';

export interface BridgeRecord {
  direction: 'invoke' | 'result' | 'push';
  channel: string;
  payload: unknown;
}

export interface TestBridge {
  records: BridgeRecord[];
  /** Invoke calls the page made, by channel, with their arguments. */
  calls(channel: string): unknown[][];
  dispose(): Promise<void>;
}

export interface TestBridgeOptions {
  log?: DispatchLog;
  /** `devtools` (default) or `socket` (the page must be opened with CSP bypassed: bridge-socket.ts). */
  carrier?: 'devtools' | 'socket';
}

interface ChannelNames {
  invoke: string[];
  push: Array<[channel: string, listenerName: string]>;
}

/** Runs in the page before any of its scripts: the page-side half of the bridge. */
function installPerpdesk(names: ChannelNames, decode: (text: string) => unknown): void {
  type Listener = (payload: unknown) => void;
  const host = window as unknown as {
    __perpdeskInvoke: (channel: string, args: unknown[]) => Promise<unknown>;
    __perpdeskPush: (channel: string, encoded: string) => void;
    perpdesk: unknown;
  };
  const listeners = new Map<string, Set<Listener>>();
  host.__perpdeskPush = (channel, encoded) => {
    // Decoded once per push, like a message deserialised once however many listeners it has.
    const set = listeners.get(channel);
    if (set === undefined || set.size === 0) return;
    const payload = decode(encoded);
    set.forEach((listener) => listener(payload));
  };
  const api: Record<string, unknown> = {};
  for (const channel of names.invoke) api[channel] = (...args: unknown[]) => host.__perpdeskInvoke(channel, args);
  for (const [channel, listenerName] of names.push) {
    api[listenerName] = (listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set.add(listener));
      return () => set.delete(listener);
    };
  }
  Object.defineProperty(window, 'perpdesk', { value: Object.freeze(api), writable: false, configurable: false });
}

export async function installTestBridge(page: Page, desk: Desk, options: TestBridgeOptions = {}): Promise<TestBridge> {
  const records: BridgeRecord[] = [];
  const invoke = async (channel: unknown, args: unknown): Promise<unknown> => {
    const name = String(channel);
    records.push({ direction: 'invoke', channel: name, payload: args });
    const result = await dispatchInvoke(desk.handlers, name, args, options.log);
    records.push({ direction: 'result', channel: name, payload: result });
    return result;
  };
  const names: ChannelNames = {
    invoke: [...invokeChannels],
    push: pushChannels.map((channel) => [channel, pushListenerName(channel)]),
  };
  // Both functions travel as source. `__name` is the helper tsx (esbuild keepNames) wraps named inner
  // functions in; it exists only in Node, so the page gets a local one that does nothing.
  await page.addInitScript({
    content: `(() => { const __name = (target) => target; (${installPerpdesk.toString()})(${JSON.stringify(names)}, ${decodeClone.toString()}); })();`,
  });
  const socket = options.carrier === 'socket' ? await startSocketCarrier(invoke) : null;
  if (socket === null) await page.exposeBinding('__perpdeskInvoke', (_source, channel: unknown, args: unknown) => invoke(channel, args));
  else await page.addInitScript({ content: socket.pageScript });

  // Pushes go out one after another, in order, like IPC messages.
  let queue: Promise<unknown> = Promise.resolve();
  const send = (channel: string, encoded: string): void => {
    if (socket !== null) {
      socket.push(channel, encoded);
      return;
    }
    queue = queue
      .then(() =>
        page.evaluate(
          ([name, body]) => (window as unknown as { __perpdeskPush: (c: string, e: string) => void }).__perpdeskPush(name, body),
          [channel, encoded] as const,
        ),
      )
      .catch(() => undefined); // the page navigated or closed; the next load re-attaches
  };
  let detach: (() => void) | null = null;
  const attach = (): void => {
    detach?.();
    detach = desk.attach((channel, payload) => {
      records.push({ direction: 'push', channel, payload });
      // Encoded now, as Electron serialises at send time: a payload it could not carry throws here, in main's code path.
      send(channel, encodeClone(payload));
    });
  };
  // Like main re-attaching on 'did-finish-load': every new document gets a full view first.
  page.on('domcontentloaded', attach);
  return {
    records,
    calls: (channel) =>
      records.filter((r) => r.direction === 'invoke' && r.channel === channel).map((r) => r.payload as unknown[]),
    dispose: async () => {
      page.off('domcontentloaded', attach);
      detach?.();
      await socket?.close();
    },
  };
}
