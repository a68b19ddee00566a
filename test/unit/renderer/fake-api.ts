/**
 * A scriptable `window.perpdesk` for renderer tests: it implements the contract's `PerpdeskApi`,
 * records every call, lets a test decide when each invoke answers, and counts live listeners.
 */
import type { ConnectionStatus } from '../../../shared/connection';
import type { AppState, PerpdeskApi } from '../../../shared/ipc';
import { positionKey, type PositionRow, type PositionSide, type PositionsView } from '../../../shared/position';
import type { PositionsPush } from '../../../shared/positions-push';
import { ok, type Result } from '../../../shared/result';
import type { SymbolInfo } from '../../../shared/symbols';

/** A promise the test resolves by hand, to hold an invoke call in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

type Answer<T> = Result<T> | Promise<Result<T>>;

export class FakeApi {
  readonly calls = { getState: 0, listSymbols: 0, selectSymbol: [] as (string | null)[], setDemoAccount: [] as string[] };
  /** Order in which the bridge touched the API, to check it subscribes before it asks. */
  readonly log: string[] = [];
  /** Answers for the next getState() calls, in order; the last one repeats. */
  stateAnswers: Answer<AppState>[];
  symbolsAnswer: Answer<SymbolInfo[]> = ok(SYMBOLS);
  selectAnswer: Answer<null> = ok(null);
  demoAnswer: Answer<null> = ok(null);

  private readonly positionListeners = new Set<(push: PositionsPush) => void>();
  private readonly connectionListeners = new Set<(status: ConnectionStatus) => void>();

  constructor(state: AppState) {
    this.stateAnswers = [ok(state)];
  }

  get listenerCount(): number {
    return this.positionListeners.size + this.connectionListeners.size;
  }

  pushPositions(push: PositionsPush): void {
    for (const listener of this.positionListeners) listener(push);
  }

  pushConnection(status: ConnectionStatus): void {
    for (const listener of this.connectionListeners) listener(status);
  }

  readonly api: PerpdeskApi = {
    getState: () => {
      this.log.push('getState');
      this.calls.getState += 1;
      const answer = this.stateAnswers.length > 1 ? this.stateAnswers.shift() : this.stateAnswers[0];
      return Promise.resolve(answer!);
    },
    listSymbols: () => {
      this.log.push('listSymbols');
      this.calls.listSymbols += 1;
      return Promise.resolve(this.symbolsAnswer);
    },
    selectSymbol: (symbol) => {
      this.calls.selectSymbol.push(symbol);
      return Promise.resolve(this.selectAnswer);
    },
    setDemoAccount: (account) => {
      this.calls.setDemoAccount.push(account);
      return Promise.resolve(this.demoAnswer);
    },
    reconnect: () => Promise.resolve(ok(null)),
    onPositions: (listener) => {
      this.log.push('onPositions');
      this.positionListeners.add(listener);
      return () => this.positionListeners.delete(listener);
    },
    onConnection: (listener) => {
      this.log.push('onConnection');
      this.connectionListeners.add(listener);
      return () => this.connectionListeners.delete(listener);
    },
  };
}

// --- Fixtures ----------------------------------------------------------------------------------------

export const SYMBOLS: SymbolInfo[] = [
  { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', tickSize: '0.10', stepSize: '0.001' },
  { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', tickSize: '0.01', stepSize: '0.001' },
  { symbol: 'SOLUSDT', baseAsset: 'SOL', quoteAsset: 'USDT', tickSize: '0.010', stepSize: '1' },
];

export function positionRow(symbol: string, positionSide: PositionSide, positionAmt: string, markPrice = '100.0'): PositionRow {
  return {
    key: positionKey(symbol, positionSide),
    symbol,
    positionSide,
    positionAmt,
    entryPrice: '95.0',
    breakEvenPrice: '95.1',
    markPrice,
    unRealizedProfit: '5.0',
    liquidationPrice: '0',
    leverage: '10',
    maxNotionalValue: '1000000',
    marginType: 'cross',
    isolatedMargin: '0',
    isAutoAddMargin: 'false',
    notional: '100.0',
    isolatedWallet: '0',
    updateTime: 1_700_000_000_000,
    derived: { markPrice, markTime: 1_700_000_000_000, unrealizedPnl: 5, notional: 100, roePct: 50 },
    snapshotAt: 1_700_000_000_000,
    markAt: null,
  };
}

export function view(version: number, rows: PositionRow[], selectedSymbol: string | null = null): PositionsView {
  return { version, selectedSymbol, mode: 'oneway', rows, selectedMark: null, snapshotAt: 1_700_000_000_000 };
}

export const CONNECTION: ConnectionStatus = {
  state: 'live',
  environment: 'demo',
  profileName: 'Demo',
  demoAccount: 'oneway',
  latencyMs: 12,
  clockOffsetMs: -3,
  weightUsed: 20,
  weightLimit: 2400,
  lastMessageAt: 1_700_000_000_000,
  message: null,
};
