/**
 * THE IPC contract between main and renderer. Every channel is declared here once; channel names,
 * the preload API (`window.perpdesk`), the main-process handler map and the validation main applies
 * to every call are all derived from these two objects. Nothing is listed twice.
 */
import { z } from 'zod';
import { alertSchema, alertThresholdSchema, marginRatioAlertSchema } from './alerts';
import { connectionStatusSchema, demoAccountSchema } from './connection';
import { positionsPushSchema } from './positions-push';
import { connectionTestSchema, profileInputSchema, profilesStateSchema, profileSummarySchema } from './profiles';
import type { Result } from './result';
import { columnPrefsSchema, settingsSchema } from './settings';
import { MAX_LISTED_SYMBOLS, symbolInfoSchema, symbolNameSchema } from './symbols';
import { timelineEntrySchema } from './timeline';

/**
 * Everything the renderer needs to draw itself from nothing (first load, or after a reload), except
 * the positions: asking for the state also makes main send this receiver the full positions view
 * on the `positions` channel (one message), so a reload or a lost delta starts again from a whole view.
 */
export const appStateSchema = z.object({
  connection: connectionStatusSchema,
  settings: settingsSchema,
  /** Alerts in force (a reloaded renderer shows them again). */
  alerts: z.array(alertSchema).max(500),
});
export type AppState = z.infer<typeof appStateSchema>;

// --- Invoke: renderer asks, main answers with a Result -----------------------------------------

export const invokeContract = {
  /** The current state without the positions, which follow as a full view on the `positions` channel;
   * used on load and whenever a positions push cannot be applied. */
  getState: { args: z.tuple([]), result: appStateSchema },
  /** The renderer applied this positions version; main sends the next one only then (one version in
   * flight, electron/desk/positions-pusher.ts). An ack of a version not in flight changes nothing. */
  ackPositions: { args: z.tuple([z.number().int().nonnegative()]), result: z.null() },
  /** Show one symbol (null: all positions). Main re-snapshots that symbol and follows its mark. */
  selectSymbol: { args: z.tuple([symbolNameSchema.nullable()]), result: z.null() },
  /**
   * Every listed symbol with its tick and step sizes, in one answer: ~700 symbols are ~110 KB, under
   * a millisecond to serialise, and Electron carries it whole (bench/PROFILE-HISTORY.md, "The symbol list").
   */
  listSymbols: { args: z.tuple([]), result: z.array(symbolInfoSchema).max(MAX_LISTED_SYMBOLS) },
  /** Demo mode only: switch between the simulator's one-way, hedge and Multi-Assets accounts. */
  setDemoAccount: { args: z.tuple([demoAccountSchema]), result: z.null() },
  /** Drop the connection and start again (a fresh snapshot follows). */
  reconnect: { args: z.tuple([]), result: z.null() },
  /** The connection timeline: connects, reconnects, renewals, errors (newest last), as many of the
   * newest as fit one payload (the `log` pushes bring every later one). */
  getTimeline: { args: z.tuple([]), result: z.array(timelineEntrySchema) },
  /** Distance to liquidation, in percent of the mark, under which a position raises an alert. */
  setAlertThreshold: { args: z.tuple([alertThresholdSchema]), result: z.null() },
  /** Account margin ratio, in percent, at or above which the account raises an alert. */
  setMarginRatioAlert: { args: z.tuple([marginRatioAlertSchema]), result: z.null() },
  /** Which columns the table shows, in which order (persisted by main). */
  setColumnPrefs: { args: z.tuple([columnPrefsSchema]), result: z.null() },
  /** Writes the current view as CSV through a save dialog; the chosen path, or null if cancelled. */
  exportCsv: { args: z.tuple([]), result: z.string().max(4096).nullable() },
  /** Profiles without their secrets, the active one, and whether the OS can encrypt secrets. */
  listProfiles: { args: z.tuple([]), result: profilesStateSchema },
  /** Creates or updates a profile. The secret goes in here and never comes back out. */
  saveProfile: { args: z.tuple([profileInputSchema]), result: profileSummarySchema },
  deleteProfile: { args: z.tuple([z.string().max(64)]), result: z.null() },
  /** Connects with a profile (null: back to demo mode). */
  activateProfile: { args: z.tuple([z.string().max(64).nullable()]), result: z.null() },
  /** One signed account.position with a saved profile, reported in plain words. */
  testConnection: { args: z.tuple([z.string().max(64)]), result: connectionTestSchema },
} as const;

// --- Push: main tells, the renderer listens ----------------------------------------------------

export const pushContract = {
  positions: positionsPushSchema,
  connection: connectionStatusSchema,
  /** The alerts in force, whenever the set changes (raised, replaced or cleared); when too many to fit
   * one payload, the most urgent that fit. */
  alerts: z.array(alertSchema).max(500),
  /** A new connection timeline entry. */
  log: timelineEntrySchema,
} as const;

// --- Report: the renderer tells main about its own failures (fire and forget) ------------------

/**
 * One renderer failure for main's log: an uncaught error, an unhandled rejection, or what an error
 * boundary caught. Bounded in every field, so a hostile or runaway page cannot flood the log with one
 * call; main also limits how many it accepts (electron/ipc/renderer-errors.ts).
 */
export const rendererErrorSchema = z
  .object({
    kind: z.enum(['error', 'unhandledrejection', 'boundary']),
    message: z.string().max(2_000),
    stack: z.string().max(8_000).optional(),
    /** Where it happened: a script URL with line and column, or the panel whose boundary caught it. */
    source: z.string().max(500).optional(),
  })
  .strict();
export type RendererErrorReport = z.infer<typeof rendererErrorSchema>;

/** The Electron IPC channel that carries renderer error reports (ipcRenderer.send, no answer). */
export const RENDERER_ERROR_CHANNEL = 'perpdesk:report:rendererError';

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
} & {
  /** Tells main's log about a renderer failure; absent where no log listens (the browser test bridge). */
  reportRendererError?: (report: RendererErrorReport) => void;
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
  /** Carries renderer error reports to main; without it the API has no reportRendererError. */
  report?: (report: RendererErrorReport) => void;
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
  const report = carrier.report;
  if (report !== undefined) {
    // Checked here too, so a bad report fails in the renderer where it was made, not silently in main.
    api.reportRendererError = (value: unknown) => report(rendererErrorSchema.parse(value));
  }
  return Object.freeze(api) as PerpdeskApi;
}
