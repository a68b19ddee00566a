/**
 * What the client reads from the exchange besides the streams: the symbol list (cached for a day),
 * position snapshots (positions-reader.ts: v1, else v2 + symbolConfig) and notional brackets. Every
 * read goes through the client's request gate; list replies are read row by row and their drops
 * counted and told once (malformed-rows.ts); REST weight headers update the usage shown.
 */
import type { ExchangePosition } from '../../shared/position';
import type { SymbolInfo } from '../../shared/symbols';
import type { ClientMetrics } from './client-options';
import { MalformedRows } from './malformed-rows';
import type { WsApiContext } from './methods';
import { PositionReader, type PositionsApi } from './positions-reader';
import type { RequestGate } from './request-gate';
import { fetchExchangeInfo, fetchLeverageBrackets, fetchSymbolConfig, type RestContext } from './rest';
import type { Signer } from './signing';
import type { UserEvent } from './user-events';
import type { Bracket } from './wire';

export interface AccountReadsDeps {
  restBase: string;
  signer: Signer;
  gate: RequestGate;
  metrics: ClientMetrics;
  now: () => number;
  serverNow: () => number;
  symbolsTtlMs: number;
  /** A WS API request on the current connection, through the gate. */
  ws<T>(send: (context: WsApiContext) => Promise<T>): Promise<T>;
  notice(kind: 'info' | 'error', message: string): void;
}

export class AccountReads {
  private symbolList: { at: number; list: Promise<SymbolInfo[]> } | null = null;
  private readonly malformed: MalformedRows;
  private readonly reader: PositionReader;

  constructor(private readonly deps: AccountReadsDeps) {
    this.malformed = new MalformedRows(
      (rows) => (deps.metrics.malformedRows += rows),
      (message) => deps.notice('error', message),
    );
    this.reader = new PositionReader({
      call: (send) => deps.ws(send),
      readSymbolConfig: () => this.rest((context) => fetchSymbolConfig(context, deps.signer)),
      onDrops: (source, drops) => this.malformed.report(source, drops),
      onSwitched: (message) => deps.notice('info', message),
    });
  }

  /** Which positions method the exchange is read with: v1 until it refuses it, then v2. */
  get positionsApi(): PositionsApi {
    return this.reader.positionsApi;
  }

  /** A REST request through the gate; `clockRetry` false for the clock request itself. */
  rest<T>(send: (context: RestContext) => Promise<T>, clockRetry = true): Promise<T> {
    const context: RestContext = {
      base: this.deps.restBase,
      serverNow: this.deps.serverNow,
      onUsedWeight: (count) => (this.deps.metrics.weightUsed = count),
    };
    return this.deps.gate.run(() => send(context), { clockRetry });
  }

  /** Every listed symbol, fetched once a day. */
  symbols(): Promise<SymbolInfo[]> {
    if (this.symbolList === null || this.deps.now() - this.symbolList.at > this.deps.symbolsTtlMs) {
      const entry: { at: number; list: Promise<SymbolInfo[]> } = { at: this.deps.now(), list: Promise.resolve([]) };
      entry.list = this.rest((context) => fetchExchangeInfo(context)).then(
        (read) => {
          this.malformed.report('exchangeInfo', read.dropped);
          this.deps.metrics.weightLimit ??= read.weightLimit;
          return read.symbols;
        },
        (error: unknown) => {
          // Let the next caller try again — unless a newer request (after the TTL) already replaced this one.
          if (this.symbolList === entry) this.symbolList = null;
          throw error;
        },
      );
      this.symbolList = entry;
    }
    return this.symbolList.list;
  }

  /** The account's positions (or one symbol's), v1-shaped whichever method the exchange serves. */
  fetchPositions(symbol?: string): Promise<ExchangePosition[]> {
    return this.reader.fetch(symbol);
  }

  /** Notional brackets per symbol (signed REST). */
  async leverageBrackets(): Promise<Map<string, Bracket[]>> {
    const read = await this.rest((context) => fetchLeverageBrackets(context, this.deps.signer));
    this.malformed.report('leverageBracket', read.dropped);
    return read.brackets;
  }

  /** Every user event the client sees (ACCOUNT_CONFIG_UPDATE keeps the v2 config current). */
  onUserEvent(event: UserEvent): void {
    this.reader.onUserEvent(event);
  }

  /**
   * Events may have been missed: the v2 config is re-read. On a new connection (`fresh`), drops may be
   * told on the timeline again.
   */
  newConnection(fresh: boolean): void {
    if (fresh) this.malformed.newConnection();
    this.reader.onReconnected();
  }
}
