/**
 * The CLI's handle on a Desk — the same object the app's main process and the browser test bridge
 * drive — for one session: it starts the Desk for the plan, listens to its pushes, and answers what
 * the commands ask (the view, the connection status, tick sizes, the raw rows of the last snapshot).
 */
import type { ConnectionStatus } from '../../shared/connection';
import type { ExchangePosition, PositionsView } from '../../shared/position';
import type { PositionsPush } from '../../shared/positions-push';
import type { SymbolInfo } from '../../shared/symbols';
import type { TimelineEntry } from '../../shared/timeline';
import { Desk } from '../desk/desk';
import type { DemoExchange } from '../desk/demo-exchange';
import { startInProcessDemoExchange } from '../desk/demo-exchange-in-process';
import { IpcFailure } from '../ipc/dispatch';
import { usageError } from './errors';
import type { SessionPlan } from './target';

/** What changed: the positions view (pushed by the Desk at ≤ 60/s) or the connection status. */
export type SessionEvent = 'positions' | 'status';
export type SessionListener = (event: SessionEvent) => void;

export interface SessionOptions {
  /**
   * Demo mode's exchange; tests may pass their own. Default: the built-in simulator in this process
   * (a CLI run is short and has no UI to keep responsive, so no worker thread).
   */
  startDemoExchange?: () => Promise<DemoExchange>;
}

/** One v1 `account.position` reply as the engine received it, flat rows included. */
export interface RawSnapshot {
  rows: readonly ExchangePosition[];
  /** The symbol it was asked for; null: the whole account. */
  symbol: string | null;
  receivedAt: number;
}

/** A started Desk for one CLI session, plus what the commands read from it. */
export class CliSession {
  private lastStatus: ConnectionStatus | null = null;
  private lastProblem: string | null = null;
  private lastRaw: RawSnapshot | null = null;
  private detach: (() => void) | null = null;
  private readonly listeners = new Set<SessionListener>();
  private readonly desk: Desk;

  private constructor(plan: SessionPlan, options: SessionOptions) {
    const common = {
      onSnapshotRows: (rows: readonly ExchangePosition[], symbol: string | null, receivedAt: number) => {
        this.lastRaw = { rows, symbol, receivedAt };
      },
    };
    this.desk =
      plan.kind === 'demo'
        ? new Desk({ ...common, startDemoExchange: options.startDemoExchange ?? startInProcessDemoExchange, demoAccount: plan.demoAccount })
        : new Desk({ ...common, session: plan.target });
  }

  /** Builds and starts the Desk. What happens before anyone subscribes is kept in view() and status(). */
  static async open(plan: SessionPlan, options: SessionOptions = {}): Promise<CliSession> {
    const session = new CliSession(plan, options);
    session.detach = session.desk.attach((channel, payload) => {
      if (channel === 'positions') {
        // Each version is acknowledged at once, as a renderer does once it applied it: main sends
        // the next only then (electron/desk/positions-pusher.ts). The CLI reads the view itself.
        void session.desk.handlers.ackPositions((payload as PositionsPush).version);
        session.emit('positions');
      } else if (channel === 'connection') {
        session.lastStatus = payload as ConnectionStatus;
        session.emit('status');
      } else if (channel === 'log') {
        const entry = payload as TimelineEntry;
        if (entry.kind === 'error') session.lastProblem = entry.message;
      }
    });
    await session.desk.start();
    return session;
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): PositionsView {
    return this.desk.positionsView();
  }

  status(): ConnectionStatus | null {
    return this.lastStatus;
  }

  /** The last error the Desk logged (e.g. a failed snapshot), to explain a timeout. */
  problem(): string | null {
    return this.lastProblem;
  }

  /**
   * The raw reply the view's rows of `symbol` (null: all) were last merged from — the same reply,
   * so flat rows and open rows of `snapshot --all` describe one instant. Null before any snapshot.
   */
  rawSnapshot(symbol: string | null): RawSnapshot | null {
    const raw = this.lastRaw;
    if (raw === null || (raw.symbol !== null && raw.symbol !== symbol)) return null;
    return raw;
  }

  /** Narrows the view to one symbol; an unknown symbol is a usage error. */
  async select(symbol: string): Promise<void> {
    try {
      await this.desk.handlers.selectSymbol(symbol);
    } catch (error) {
      if (error instanceof IpcFailure && error.code === 'unknown-symbol') throw usageError(error.message);
      throw error;
    }
  }

  /** Tick and step sizes per symbol for display; empty when the exchange info cannot be loaded. */
  async symbols(): Promise<ReadonlyMap<string, SymbolInfo>> {
    const list = await this.desk.symbols().catch(() => [] as SymbolInfo[]);
    return new Map(list.map((info) => [info.symbol, info]));
  }

  /** Closes every socket (and the demo simulator); nothing keeps the process alive afterwards. */
  async stop(): Promise<void> {
    this.listeners.clear();
    this.detach?.();
    this.detach = null;
    await this.desk.stop();
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
