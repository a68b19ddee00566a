/**
 * Reads position snapshots for the client, whichever version the exchange still serves:
 * - v1 `account.position` first (it carries leverage and margin type);
 * - once the exchange refuses v1 as retired or unknown (errors.ts METHOD_GONE_CODES), v2
 *   `v2/account.position` plus REST symbolConfig, joined into v1-shaped rows (positions-v2.ts), for
 *   the rest of the session — said once on the timeline;
 * - a snapshot of one symbol whose name is outside `A-Z a-z 0-9 - _ . ~` asks for the whole account
 *   (same weight) and keeps that symbol's rows, so no such value is ever signed (signable-params.ts).
 * Rows are read one by one; the drops are passed on for the timeline and the metrics.
 */
import { isZeroDecimal } from '../../shared/decimal';
import type { ReadPosition } from './account-types';
import { isMethodGone } from './errors';
import { accountPositionRows, accountPositionV2Rows, type WsApiContext } from './methods';
import { SymbolConfigBook, toV1Row } from './positions-v2';
import type { SymbolConfigRead } from './rest';
import type { RowDrops } from './rows';
import { isUnreserved } from './signable-params';
import type { UserEvent } from './user-events';

export type PositionsApi = 'v1' | 'v2';

export interface PositionReaderDeps {
  /** Sends a WS API request through the client's gate on the current connection. */
  call<T>(send: (context: WsApiContext) => Promise<T>): Promise<T>;
  /** Signed REST symbolConfig through the client's gate. */
  readSymbolConfig(): Promise<SymbolConfigRead>;
  /** Rows dropped from a reply (`source` names it). */
  onDrops(source: string, drops: RowDrops): void;
  /** The switch to v2 happened (once per session). */
  onSwitched(message: string): void;
}

export class PositionReader {
  private api: PositionsApi = 'v1';
  private readonly config = new SymbolConfigBook();
  private configRead: Promise<void> | null = null;
  /** Symbols symbolConfig was re-read for because it did not list them. */
  private readonly askedFor = new Set<string>();

  constructor(private readonly deps: PositionReaderDeps) {}

  /** Which positions method is in use. */
  get positionsApi(): PositionsApi {
    return this.api;
  }

  /** The account's rows, or one symbol's (zero rows included where the exchange sends them). */
  async fetch(symbol?: string): Promise<ReadPosition[]> {
    // A name outside the unreserved set is never signed: the whole account is read and filtered here.
    const ask = symbol !== undefined && isUnreserved(symbol) ? symbol : undefined;
    const rows = await this.read(ask);
    return symbol !== undefined && ask === undefined ? rows.filter((row) => row.symbol === symbol) : rows;
  }

  /** A user event the client saw: keeps the v2 config current. */
  onUserEvent(event: UserEvent): void {
    if (event.type === 'config-update' && event.event.ac !== undefined) {
      this.config.applyLeverage(event.event.ac.s, event.event.ac.l);
    } else if (event.type === 'account-update' && event.event.a.m === 'MARGIN_TYPE_CHANGE') {
      this.config.markStale();
    }
  }

  /** A new connection: user events may have been missed, so the config is read again on v2. */
  onReconnected(): void {
    this.config.markStale();
  }

  private async read(symbol: string | undefined): Promise<ReadPosition[]> {
    if (this.api === 'v2') return this.readV2(symbol);
    try {
      const read = await this.deps.call((context) => accountPositionRows(context, symbol));
      this.deps.onDrops('account.position', read.dropped);
      return read.rows;
    } catch (error) {
      if (!isMethodGone(error)) throw error;
      if (this.api === 'v1') {
        this.api = 'v2';
        this.deps.onSwitched(
          'The exchange no longer serves account.position (v1): positions now come from v2/account.position, with leverage and margin type from /fapi/v1/symbolConfig.',
        );
      }
      return this.readV2(symbol);
    }
  }

  private async readV2(symbol: string | undefined): Promise<ReadPosition[]> {
    const read = await this.deps.call((context) => accountPositionV2Rows(context, symbol));
    this.deps.onDrops('v2/account.position', read.dropped);
    // A position in a symbol the config does not list (a new listing) is worth one more read, not one per snapshot.
    const unknown = read.rows
      .filter((row) => !isZeroDecimal(row.positionAmt) && this.config.get(row.symbol) === undefined && !this.askedFor.has(row.symbol))
      .map((row) => row.symbol);
    if (this.config.stale || unknown.length > 0) {
      unknown.forEach((name) => this.askedFor.add(name));
      await this.refreshConfig();
    }
    return read.rows.map((row) => toV1Row(row, this.config.get(row.symbol)));
  }

  /** One symbolConfig read at a time; a failure keeps the last config (it only misses recent changes). */
  private refreshConfig(): Promise<void> {
    this.configRead ??= this.deps
      .readSymbolConfig()
      .then((read) => {
        this.deps.onDrops('symbolConfig', read.dropped);
        this.config.replace(read.configs);
      })
      .catch((error: unknown) => {
        // With no config at all the rows would lack leverage and margin type: fail the snapshot.
        if (!this.config.hasLoaded) throw error;
      })
      .finally(() => {
        this.configRead = null;
      });
    return this.configRead;
  }
}
