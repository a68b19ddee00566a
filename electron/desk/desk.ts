/**
 * The desk: everything main does for the renderer, independent of Electron. It runs the exchange
 * client and the position engine for the active session (demo mode: the built-in simulator), answers
 * the invoke calls of shared/ipc.ts and pushes positions and connection status to every attached
 * receiver. Electron's IPC (electron/ipc/register.ts), the browser test bridge and the CLI all drive
 * this same object.
 */
import type { ConnectionState, ConnectionStatus, DemoAccount } from '../../shared/connection';
import type { InvokeHandlers, PushChannel, PushPayload } from '../../shared/ipc';
import type { BackoffOptions } from '../exchange/backoff';
import { ExchangeClient } from '../exchange/client';
import { ExchangeError } from '../exchange/errors';
import { createSigner } from '../exchange/signing';
import { IpcFailure } from '../ipc/dispatch';
import { PositionEngine } from '../positions/engine';
import type { DemoExchange } from './demo-exchange';
import { PositionsPusher } from './positions-pusher';
import { buildStatus, sameStatus, type SessionIdentity } from './status';

export type PushSink = <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void;

export interface DeskOptions {
  /** Starts demo mode's exchange (the simulator). */
  startDemoExchange: () => Promise<DemoExchange>;
  demoAccount?: DemoAccount;
  now?: () => number;
  refreshIntervalMs?: number;
  backoff?: BackoffOptions;
  /** How often latency, weight and data age are re-published (ms). */
  metricsIntervalMs?: number;
  log?: (line: string) => void;
}

interface Receiver {
  sink: PushSink;
  positions: PositionsPusher;
  lastStatus: ConnectionStatus | null;
}

export class Desk {
  readonly handlers: InvokeHandlers;
  private readonly engine: PositionEngine;
  private readonly receivers = new Set<Receiver>();
  private readonly now: () => number;
  private client: ExchangeClient | null = null;
  private demo: DemoExchange | null = null;
  private identity: SessionIdentity;
  private state: ConnectionState = 'offline';
  private message: string | null = null;
  private metricsTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: DeskOptions) {
    this.now = options.now ?? Date.now;
    this.identity = { environment: 'demo', profileName: 'Demo', demoAccount: options.demoAccount ?? 'oneway' };
    this.engine = new PositionEngine({
      exchange: {
        fetchPositions: (symbol) => this.requireClient().fetchPositions(symbol),
        followMarks: (symbols) => this.client?.followMarks(symbols),
      },
      now: this.now,
      serverNow: () => this.now() + (this.client?.metrics.clockOffsetMs ?? 0),
      onChange: () => this.receivers.forEach((receiver) => receiver.positions.notify()),
      onSnapshotError: (error) => this.handleSnapshotError(error),
      ...(options.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: options.refreshIntervalMs }),
    });
    this.handlers = {
      getState: () => this.getState(),
      selectSymbol: (symbol) => this.selectSymbol(symbol),
      listSymbols: () => this.listSymbols(),
      setDemoAccount: (account) => this.setDemoAccount(account),
      reconnect: () => {
        this.client?.reconnect();
        return null;
      },
    };
  }

  /** Starts demo mode: the simulator, then the client for the chosen demo account. */
  async start(): Promise<void> {
    this.demo = await this.options.startDemoExchange();
    this.connect();
    this.metricsTimer = setInterval(() => this.publishStatus(), this.options.metricsIntervalMs ?? 1_000);
  }

  /** Stops the client, the engine and the simulator; nothing keeps running. */
  async stop(): Promise<void> {
    if (this.metricsTimer !== null) clearInterval(this.metricsTimer);
    this.metricsTimer = null;
    this.engine.stop();
    this.client?.stop();
    this.client = null;
    for (const receiver of this.receivers) receiver.positions.dispose();
    this.receivers.clear();
    await this.demo?.close();
    this.demo = null;
  }

  /** The current positions view (the CLI and tests read it without resyncing receivers). */
  positionsView() {
    return this.engine.view();
  }

  /** Starts pushing to a receiver; returns the function that stops it. */
  attach(sink: PushSink): () => void {
    const receiver: Receiver = {
      sink,
      positions: new PositionsPusher(() => this.engine.view(), (push) => sink('positions', push)),
      lastStatus: null,
    };
    this.receivers.add(receiver);
    receiver.positions.notify();
    this.publishStatus();
    return () => {
      receiver.positions.dispose();
      this.receivers.delete(receiver);
    };
  }

  private getState() {
    // The caller now holds this exact view; make the next push a full one so deltas start from it.
    for (const receiver of this.receivers) receiver.positions.resync();
    return { positions: this.engine.view(), connection: this.status() };
  }

  private async selectSymbol(symbol: string | null): Promise<null> {
    if (symbol !== null) {
      const known = await this.listSymbols().catch(() => null);
      if (known !== null && !known.some((info) => info.symbol === symbol)) {
        throw new IpcFailure('unknown-symbol', `${symbol} is not a trading perpetual on this exchange.`);
      }
    }
    await this.engine.select(symbol);
    return null;
  }

  private async listSymbols() {
    try {
      return await this.requireClient().symbols();
    } catch (error) {
      throw new IpcFailure('symbols-unavailable', `The symbol list could not be loaded: ${(error as Error).message}`);
    }
  }

  private setDemoAccount(account: DemoAccount): null {
    if (this.identity.environment !== 'demo') {
      throw new IpcFailure('not-demo', 'Demo accounts are only available in demo mode.');
    }
    if (account === this.identity.demoAccount) return null;
    this.identity = { ...this.identity, demoAccount: account };
    this.connect();
    return null;
  }

  /** (Re)builds the client for the current session and starts it; positions start from empty. */
  private connect(): void {
    const demo = this.demo;
    const account = this.identity.demoAccount;
    if (demo === null || account === null) return;
    this.client?.stop();
    this.engine.stop();
    this.engine.reset();
    const client = new ExchangeClient({
      endpoints: demo.endpoints,
      signer: createSigner(demo.credentials[account]),
      now: this.now,
      ...(this.options.backoff === undefined ? {} : { backoff: this.options.backoff }),
      events: {
        onState: (state, message) => {
          if (client !== this.client) return;
          this.state = state;
          this.message = message;
          if (state !== 'live') this.engine.stop();
          this.publishStatus();
        },
        onConnected: () => {
          if (client === this.client) this.engine.connected();
        },
        onTick: (tick) => {
          if (client === this.client) this.engine.tick(tick);
        },
      },
    });
    this.client = client;
    client.start();
  }

  private handleSnapshotError(error: unknown): void {
    if (error instanceof ExchangeError && error.kind === 'auth') {
      this.client?.failAuth(error.message);
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    this.options.log?.(`positions snapshot failed: ${text}`);
  }

  private requireClient(): ExchangeClient {
    if (this.client === null) throw new IpcFailure('not-connected', 'PerpDesk is not connected to an exchange.');
    return this.client;
  }

  private status(): ConnectionStatus {
    return buildStatus(this.identity, this.state, this.message, this.client?.metrics ?? null);
  }

  /** Pushes the status to receivers whose last copy differs. */
  private publishStatus(): void {
    const status = this.status();
    for (const receiver of this.receivers) {
      if (receiver.lastStatus !== null && sameStatus(receiver.lastStatus, status)) continue;
      receiver.lastStatus = status;
      receiver.sink('connection', status);
    }
  }
}
