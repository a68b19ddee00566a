/**
 * The REST calls the app needs (the WS API has no time or exchangeInfo for futures, PROTOCOL §0.3):
 * server time for the clock offset, the symbol list with tick and step sizes, and two signed account
 * reads — notional brackets and, for the v2 positions path, each symbol's leverage and margin type.
 * List replies are read row by row (rows.ts). The client sends all of them through its request gate.
 */
import type { SymbolInfo } from '../../shared/symbols';
import { MAX_LISTED_SYMBOLS, symbolInfoSchema } from '../../shared/symbols';
import { linkError } from './errors';
import { restGet, type RestContext } from './rest-http';
import { describeDrop, readRows, type RowDrops } from './rows';
import type { Signer } from './signing';
import {
  exchangeInfoEntrySchema,
  exchangeInfoSchema,
  filterDecimal,
  leverageBracketEntrySchema,
  requestWeightLimit,
  serverTimeSchema,
  symbolConfigSchema,
  type Bracket,
  type SymbolConfig,
} from './wire';

export type { RestContext } from './rest-http';

function contextOf(target: string | RestContext): RestContext {
  return typeof target === 'string' ? { base: target, serverNow: Date.now } : target;
}

/** `GET /fapi/v1/time` (weight 1): the exchange's clock in ms. */
export async function fetchServerTime(target: string | RestContext): Promise<number> {
  const parsed = serverTimeSchema.safeParse(await restGet(contextOf(target), '/fapi/v1/time'));
  if (!parsed.success) throw linkError('/fapi/v1/time sent an unexpected reply');
  return parsed.data.serverTime;
}

export interface ExchangeInfoRead {
  symbols: SymbolInfo[];
  /** The REQUEST_WEIGHT limit the exchange lists (per minute), or null. */
  weightLimit: number | null;
  dropped: RowDrops;
}

/**
 * `GET /fapi/v1/exchangeInfo` (weight 1): every listed symbol — any contract type, any status — with
 * the tick and step sizes used to format its prices and sizes. A position can be open in a TradFi
 * perpetual, a quarterly or a symbol being settled (PROTOCOL §13.2); the UI orders them, it does not
 * hide them. An entry without a usable name or grid is dropped and counted on its own.
 */
export async function fetchExchangeInfo(target: string | RestContext): Promise<ExchangeInfoRead> {
  const parsed = exchangeInfoSchema.safeParse(await restGet(contextOf(target), '/fapi/v1/exchangeInfo'));
  if (!parsed.success) throw linkError('/fapi/v1/exchangeInfo sent an unexpected reply');
  const entries = readRows(parsed.data.symbols, exchangeInfoEntrySchema, 'exchangeInfo', MAX_LISTED_SYMBOLS);
  const symbols: SymbolInfo[] = [];
  let count = entries.dropped.count;
  let first = entries.dropped.first;
  entries.rows.forEach((entry, index) => {
    const info = symbolInfoSchema.safeParse({
      symbol: entry.symbol,
      baseAsset: entry.baseAsset,
      quoteAsset: entry.quoteAsset,
      marginAsset: entry.marginAsset ?? entry.quoteAsset,
      contractType: entry.contractType,
      status: entry.status,
      tickSize: filterDecimal(entry.filters, 'PRICE_FILTER', 'tickSize'),
      stepSize: filterDecimal(entry.filters, 'LOT_SIZE', 'stepSize'),
    });
    if (info.success) symbols.push(info.data);
    else {
      count++;
      // The row's place in the reply, not among the entries that passed the first check.
      first ??= describeDrop(entry, entries.indexes[index] ?? index, info.error);
    }
  });
  return {
    symbols: symbols.sort((a, b) => a.symbol.localeCompare(b.symbol)),
    weightLimit: requestWeightLimit(parsed.data.rateLimits),
    dropped: { count, first },
  };
}

/** The listed symbols only (see fetchExchangeInfo). */
export async function fetchTradingSymbols(target: string | RestContext): Promise<SymbolInfo[]> {
  return (await fetchExchangeInfo(target)).symbols;
}

export interface BracketsRead {
  brackets: Map<string, Bracket[]>;
  dropped: RowDrops;
}

/**
 * Signed `GET /fapi/v1/leverageBracket` (weight 1, USER_DATA): each symbol's notional brackets, for
 * maintenance margin and margin ratio. The API key travels in the X-MBX-APIKEY header.
 */
export async function fetchLeverageBrackets(context: RestContext, signer: Signer): Promise<BracketsRead> {
  const read = readRows(await restGet(context, '/fapi/v1/leverageBracket', { signer }), leverageBracketEntrySchema, 'leverageBracket', MAX_LISTED_SYMBOLS);
  return { brackets: new Map(read.rows.map((entry) => [entry.symbol, entry.brackets])), dropped: read.dropped };
}

export interface SymbolConfigRead {
  configs: Map<string, SymbolConfig>;
  dropped: RowDrops;
}

/**
 * Signed `GET /fapi/v1/symbolConfig` (weight 5 on its page, USER_DATA): leverage, margin type,
 * auto-add-margin and max notional of every symbol — what `v2/account.position` leaves out.
 */
export async function fetchSymbolConfig(context: RestContext, signer: Signer): Promise<SymbolConfigRead> {
  const read = readRows(await restGet(context, '/fapi/v1/symbolConfig', { signer }), symbolConfigSchema, 'symbolConfig', MAX_LISTED_SYMBOLS);
  return { configs: new Map(read.rows.map((entry) => [entry.symbol, entry])), dropped: read.dropped };
}
