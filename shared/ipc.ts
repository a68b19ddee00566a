/**
 * THE IPC contract between main and renderer. Every channel is declared here once; channel names,
 * the preload API (`window.perpdesk`), the main-process handler map and the validation main applies
 * to every call are all derived from these two objects. Nothing is listed twice.
 */
import { z } from 'zod';
import { connectionStatusSchema, demoAccountSchema } from './connection';
import { positionsViewSchema } from './position';
import { positionsPushSchema } from './positions-push';
import type { Result } from './result';
import { symbolInfoSchema, symbolNameSchema } from './symbols';

/** Everything the renderer needs to draw itself from nothing (first load, or after a reload). */
export const appStateSchema = z.object({
  positions: positionsViewSchema,
  connection: connectionStatusSchema,
});
export type AppState = z.infer<typeof appStateSchema>;

// --- Invoke: renderer asks, main answers with a Result -----------------------------------------

export const invokeContract = {
  /** The full current state; used on load and whenever a delta cannot be applied. */
  getState: { args: z.tuple([]), result: appStateSchema },
  /** Show one symbol (null: all positions). Main re-snapshots that symbol and follows its mark. */
  selectSymbol: { args: z.tuple([symbolNameSchema.nullable()]), result: z.null() },
  /** The trading perpetual symbols with their tick and step sizes. */
  listSymbols: { args: z.tuple([]), result: z.array(symbolInfoSchema) },
  /** Demo mode only: switch between the simulator's one-way and hedge accounts. */
  setDemoAccount: { args: z.tuple([demoAccountSchema]), result: z.null() },
  /** Drop the connection and start again (a fresh snapshot follows). */
  reconnect: { args: z.tuple([]), result: z.null() },
} as const;

// --- Push: main tells, the renderer listens ----------------------------------------------------

export const pushContract = {
  positions: positionsPushSchema,
  connection: connectionStatusSchema,
} as const;

// --- Everything below is derived -----------------------------------------------------------------

export type InvokeContract = typeof invokeContract;
export type InvokeChannel = keyof InvokeContract;
export type InvokeArgs<C extends InvokeChannel> = z.input<InvokeContract[C]['args']>;
export type InvokeValue<C extends InvokeChannel> = z.output<InvokeContract[C]['result']>;

export type PushContract = typeof pushContract;
export type PushChannel = keyof PushContract;
export type PushPayload<C extends PushChannel> = z.output<PushContract[C]>;
export type PushListenerName<C extends PushChannel> = `on${Capitalize<C>}`;

/** `window.perpdesk`: one function per invoke channel, one `onX(listener) → unsubscribe` per push. */
export type PerpdeskApi = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<Result<InvokeValue<C>>>;
} & {
  [C in PushChannel as PushListenerName<C>]: (listener: (payload: PushPayload<C>) => void) => () => void;
};

/** What main implements: arguments arrive already validated; throwing `IpcFailure` yields an error Result. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (
    ...args: z.output<InvokeContract[C]['args']>
  ) => InvokeValue<C> | Promise<InvokeValue<C>>;
};

export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];
export const pushChannels = Object.keys(pushContract) as PushChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeContract, name);
}

/** The Electron IPC channel that carries an invoke call. */
export function invokeChannelName(channel: InvokeChannel): string {
  return `perpdesk:invoke:${channel}`;
}

/** The Electron IPC channel that carries a push. */
export function pushChannelName(channel: PushChannel): string {
  return `perpdesk:push:${channel}`;
}

export function pushListenerName<C extends PushChannel>(channel: C): PushListenerName<C> {
  return `on${channel.charAt(0).toUpperCase()}${channel.slice(1)}` as PushListenerName<C>;
}

/**
 * Builds `window.perpdesk` from two primitives, so the preload (Electron IPC) and the browser test
 * bridge (Playwright bindings) expose exactly the same API from the same contract.
 */
export function buildPerpdeskApi(carrier: {
  invoke: (channel: InvokeChannel, args: unknown[]) => Promise<unknown>;
  subscribe: (channel: PushChannel, listener: (payload: unknown) => void) => () => void;
}): PerpdeskApi {
  const api: Record<string, unknown> = {};
  for (const channel of invokeChannels) {
    api[channel] = (...args: unknown[]) => carrier.invoke(channel, args);
  }
  for (const channel of pushChannels) {
    api[pushListenerName(channel)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${pushListenerName(channel)} needs a function`);
      return carrier.subscribe(channel, listener);
    };
  }
  return Object.freeze(api) as PerpdeskApi;
}
