/**
 * The desk: everything main does for the renderer, independent of Electron. It runs the exchange
 * client and the position engine for the active session (demo mode: the built-in simulator; or a
 * saved profile), answers the invoke calls of shared/ipc.ts and pushes positions, status, alerts and
 * timeline entries to every attached receiver (the invoke handlers themselves are in desk-handlers.ts).
 * Electron's IPC (electron/ipc/register.ts), the browser test bridge and the CLI all drive this same object.
 */
import type { ConnectionState, ConnectionStatus, DemoAccount } from '../../shared/connection';
import type { AppState, InvokeHandlers } from '../../shared/ipc';
import type { ExchangePosition } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import type { BackoffOptions } from '../exchange/backoff';
import { ExchangeClient } from '../exchange/client';
import type { ClientTimings } from '../exchange/client-options';
import { DropReport } from '../exchange/drop-report';
import { ExchangeError } from '../exchange/errors';
import { createSigner } from '../exchange/signing';
import { IpcFailure } from '../ipc/dispatch';
import { mostUrgentAlerts } from '../ipc/payload-bounds';
import { LeadingThrottle } from '../ipc/throttle';
import type { PositionEngine } from '../positions/engine';
import { AlertNotifier, announceAlert } from './alert-notifier';
import { AlertBook } from './alerts';
import { routeUserEvent, type AccountEventPorts } from './account-events';
import { createDeskEngine } from './desk-engine';
import { createDeskHandlers, type SaveFile } from './desk-handlers';
import type { DemoExchange, DemoExchangeEvents } from './demo-exchange';
import { Receivers, type PushSink } from './receivers';
import { demoTarget, type ProfilesPort, type SessionTarget } from './session';
import { MemorySettingsStore, type SettingsStore } from './settings-store';
import { reactToLinkState } from './link-state';
import { buildStatus } from './status';
import type { TimelineEntry } from '../../shared/timeline';
import { Timeline } from './timeline';

export type { PushSink } from './receivers';

export interface DeskOptions {
  /** Starts demo mode's exchange (the simulator); needed unless `session` is given. */
  startDemoExchange?: (events: DemoExchangeEvents) => Promise<DemoExchange>;
  /** Connect to exactly this session on start (the CLI with keys from the environment), instead of
   * the last active profile or demo mode. */
  session?: SessionTarget;
  /** Sees the raw v1 reply (flat rows included) of every snapshot, before the engine merges it. */
  onSnapshotRows?: (rows: readonly ExchangePosition[], symbol: string | null, receivedAt: number) => void;
  settings?: SettingsStore;
  profiles?: ProfilesPort;
  /** Saves a file the user asked for (a save dialog in the app); resolves to the path, or null if cancelled. */
  saveFile?: SaveFile;
  /** Shows a native notification (the desk throttles them per alert). */
  notify?: (title: string, body: string) => void;
  demoAccount?: DemoAccount;
  now?: () => number;
  refreshIntervalMs?: number;
  backoff?: BackoffOptions;
  /** Liveness, renewal and resync timings of the exchange client (tests shorten them). */
  clientTimings?: Partial<ClientTimings>;
  /** How often latency, weight and data age are re-published (ms). */
  metricsIntervalMs?: number;
  log?: (line: string) => void;
  /** Sees every connection timeline entry as it is added (the app writes them to its log file). */
  onTimelineEntry?: (entry: TimelineEntry) => void;
}

export class Desk {
  readonly handlers: InvokeHandlers;
  private readonly engine: PositionEngine;
  private readonly receivers: Receivers;
  private readonly alerts: AlertBook;
  private readonly timeline: Timeline;
  private readonly drops: DropReport;
  private readonly settings: SettingsStore;
  private readonly alertCheck: LeadingThrottle;
  private readonly now: () => number;
  private client: ExchangeClient | null = null;
  private demo: DemoExchange | null = null;
  private target: SessionTarget | null = null;
  private state: ConnectionState = 'offline';
  private message: string | null = null;
  private metricsTimer: NodeJS.Timeout | null = null;
  private activeProfileId: string | null = null;
  private readonly notifier: AlertNotifier;

  constructor(private readonly options: DeskOptions) {
    this.now = options.now ?? Date.now;
    this.settings = options.settings ?? new MemorySettingsStore();
    this.receivers = new Receivers(() => this.engine.view(), () => this.status());
    this.timeline = new Timeline((entry) => {
      this.receivers.log(entry);
      this.options.onTimelineEntry?.(entry);
    }, this.now);
    this.drops = new DropReport((message) => this.timeline.add('error', message));
    this.notifier = new AlertNotifier(options.notify);
    this.alerts = new AlertBook(
      {
        onChange: (alerts) => this.receivers.alerts(mostUrgentAlerts(alerts)),
        onRaise: (alert) => announceAlert(alert, this.notifier, this.timeline),
      },
      this.now,
    );
    // Proximity and the account's margin ratio are checked at most 4 times a second, not on every tick.
    this.alertCheck = new LeadingThrottle(250, () => {
      const view = this.engine.view();
      const settings = this.settings.get();
      this.alerts.checkProximity(view.rows, settings.alertThresholdPct);
      this.alerts.checkAccount(view.account, settings.marginRatioAlertPct);
    });
    this.engine = createDeskEngine({
      client: () => this.client,
      requireClient: () => this.requireClient(),
      now: this.now,
      onSnapshotRows: options.onSnapshotRows,
      onChange: () => {
        this.receivers.positions();
        this.alertCheck.notify();
      },
      onSnapshotError: (error) => this.handleSnapshotError(error),
      onReadNotice: (message) => this.timeline.add('error', message),
      refreshIntervalMs: options.refreshIntervalMs,
    });
    this.handlers = createDeskHandlers({
      engine: this.engine,
      settings: this.settings,
      timeline: this.timeline,
      checkAlerts: () => this.alertCheck.notify(),
      now: this.now,
      saveFile: options.saveFile,
      getState: () => this.getState(),
      ackPositions: (version) => this.receivers.ackPositions(version),
      symbols: () => this.symbols(),
      reconnect: () => this.client?.reconnect(),
      setDemoAccount: (account) => this.setDemoAccount(account),
      activateProfile: (id) => this.activateProfile(id),
      activeProfileId: () => this.activeProfileId,
      requireProfiles: () => this.requireProfiles(),
    });
  }

  /** Connects: to the given session, else the last active profile, else demo mode. */
  async start(): Promise<void> {
    // A damaged settings file was set aside while loading: said once, here.
    const settingsNotice = this.settings.takeNotice?.() ?? null;
    if (settingsNotice !== null) this.timeline.add('error', settingsNotice);
    const selected = this.settings.get().selectedSymbol;
    if (selected !== null) void this.engine.select(selected);
    if (this.options.session !== undefined) {
      this.connect(this.options.session);
    } else {
      if (this.options.startDemoExchange === undefined) throw new Error('Desk needs a session or a demo exchange');
      this.demo = await this.options.startDemoExchange({
        onNotice: (kind, message) => this.timeline.add(kind, message),
        onFailure: (message) => this.demoExchangeLost(message),
      });
      const resumed = await this.resumeProfile();
      if (!resumed) this.connect(demoTarget(this.demo, this.options.demoAccount ?? 'oneway'));
    }
    // Latency, weight and data age change without events: re-publish them on a clock.
    this.metricsTimer = setInterval(() => this.receivers.status(), this.options.metricsIntervalMs ?? 1_000);
  }

  /** Reconnects with the profile active at the last exit; false (demo mode) when there is none or it fails. */
  private async resumeProfile(): Promise<boolean> {
    let active: string | null = null;
    try {
      active = (await this.options.profiles?.list())?.activeId ?? null;
    } catch (error) {
      // A damaged profiles file must not stop the app: demo mode starts, and the damage is reported.
      this.timeline.add('error', (error as Error).message);
    }
    if (active === null) return false;
    return this.activateProfile(active).then(
      () => true,
      (error: unknown) => {
        this.timeline.add('error', `The last profile could not be used: ${(error as Error).message}`);
        return false;
      },
    );
  }

  /** Stops the client, the engine and the simulator; nothing keeps running. */
  async stop(): Promise<void> {
    if (this.metricsTimer !== null) clearInterval(this.metricsTimer);
    this.metricsTimer = null;
    this.alertCheck.cancel();
    this.engine.stop();
    this.client?.stop();
    this.client = null;
    this.receivers.dispose();
    await this.demo?.close();
    this.demo = null;
  }

  /** Demo mode's exchange stopped for good: say so, and stop a demo session from retrying forever. */
  private demoExchangeLost(message: string): void {
    this.timeline.add('error', message);
    // Its thread has already ended: nothing to close, and nothing left to connect a demo session to.
    this.demo = null;
    if (this.target?.environment !== 'demo') return;
    this.client?.stop();
    this.client = null;
    this.handleState('offline', message);
  }

  /** Starts pushing to a receiver; returns the function that stops it. */
  attach(sink: PushSink): () => void {
    return this.receivers.attach(sink);
  }

  /** The current positions view (the CLI and tests read it without resyncing receivers). */
  positionsView() {
    return this.engine.view();
  }

  private getState(): AppState {
    // The positions follow on their own channel, as a full view.
    this.receivers.resync();
    return {
      connection: this.status(),
      settings: this.settings.get(),
      alerts: mostUrgentAlerts(this.alerts.list()),
    };
  }

  /** Every trading symbol (the CLI and tests; the renderer reads them in pages). */
  async symbols(): Promise<SymbolInfo[]> {
    try {
      return await this.requireClient().symbols();
    } catch (error) {
      if (error instanceof IpcFailure) throw error;
      throw new IpcFailure('symbols-unavailable', `The symbol list could not be loaded: ${(error as Error).message}`);
    }
  }

  private setDemoAccount(account: DemoAccount): null {
    if (this.target === null || this.target.environment !== 'demo' || this.demo === null) {
      throw new IpcFailure('not-demo', 'Demo accounts are only available in demo mode.');
    }
    if (account !== this.target.demoAccount) this.connect(demoTarget(this.demo, account));
    return null;
  }

  private async activateProfile(id: string | null): Promise<null> {
    if (id === null) {
      if (this.demo === null) throw new IpcFailure('not-ready', 'PerpDesk is still starting.');
      await this.options.profiles?.setActive(null);
      this.activeProfileId = null;
      this.connect(demoTarget(this.demo, 'oneway'));
      return null;
    }
    const profiles = this.requireProfiles();
    const target = await profiles.target(id);
    await profiles.setActive(id);
    this.activeProfileId = id;
    this.connect(target);
    return null;
  }

  /** (Re)builds the client for a session and starts it; positions start from empty. */
  private connect(target: SessionTarget): void {
    this.client?.stop();
    this.engine.stop();
    this.engine.reset();
    this.alerts.clearAll();
    this.drops.reset();
    this.target = target;
    this.timeline.add('connecting', `Connecting to ${target.environment} as ${target.profileName}${target.demoAccount ? ` (${target.demoAccount})` : ''}.`);
    let signer;
    try {
      signer = createSigner(target.credentials);
    } catch (error) {
      this.client = null;
      this.failAuth(`The stored key cannot be used: ${(error as Error).message}`);
      return;
    }
    const client = new ExchangeClient({
      endpoints: target.endpoints,
      signer,
      now: this.now,
      ...(this.options.backoff === undefined ? {} : { backoff: this.options.backoff }),
      ...(this.options.clientTimings === undefined ? {} : { timings: this.options.clientTimings }),
      events: {
        onState: (state, message) => {
          if (client === this.client) this.handleState(state, message);
        },
        onConnected: () => {
          if (client !== this.client) return;
          this.engine.connected();
          this.loadMarginAssets(client);
        },
        onTick: (tick) => {
          if (client === this.client) this.engine.tick(tick);
        },
        onNotice: (kind, message) => {
          if (client === this.client) this.timeline.add(kind, message);
        },
        onUserEvent: (event) => {
          if (client === this.client) routeUserEvent(event, this.userEventPorts);
        },
      },
    });
    this.client = client;
    client.start();
  }

  private get userEventPorts(): AccountEventPorts {
    return { engine: this.engine, alerts: this.alerts, drops: this.drops };
  }

  /** Each symbol's margin asset, so totals and messages name the right currency (Multi-Assets). */
  private loadMarginAssets(client: ExchangeClient): void {
    client.symbols().then(
      (symbols) => {
        if (client === this.client) this.engine.symbolsLoaded(symbols);
      },
      // The symbol list has its own error path (listSymbols); names stand in for assets meanwhile.
      () => undefined,
    );
  }

  private handleState(state: ConnectionState, message: string | null): void {
    const previous = this.state;
    this.state = state;
    this.message = message;
    reactToLinkState(previous, state, message, {
      engine: this.engine,
      timeline: this.timeline,
      alerts: this.alerts,
      clockOffsetMs: this.client?.metrics.clockOffsetMs ?? null,
    });
    this.receivers.status();
  }

  private handleSnapshotError(error: unknown): void {
    if (error instanceof ExchangeError && error.kind === 'auth') {
      this.failAuth(error.message);
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    this.timeline.add('error', `Positions snapshot failed: ${text}`);
    this.options.log?.(`positions snapshot failed: ${text}`);
  }

  private failAuth(message: string): void {
    if (this.client !== null) this.client.failAuth(message);
    else this.handleState('auth-failed', message);
  }

  private requireClient(): ExchangeClient {
    if (this.client === null) throw new IpcFailure('not-connected', 'PerpDesk is not connected to an exchange.');
    return this.client;
  }

  private requireProfiles(): ProfilesPort {
    if (this.options.profiles === undefined) {
      throw new IpcFailure('profiles-unavailable', 'API key profiles are not available in this session.');
    }
    return this.options.profiles;
  }

  private status(): ConnectionStatus {
    const identity = {
      environment: this.target?.environment ?? 'demo',
      profileName: this.target?.profileName ?? 'Demo',
      demoAccount: this.target?.demoAccount ?? null,
    };
    return buildStatus(identity, this.state, this.message, this.client?.metrics ?? null);
  }
}
