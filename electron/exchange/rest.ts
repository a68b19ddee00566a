/**
 * The two public REST calls the app needs (the WS API has no time or exchangeInfo for futures,
 * PROTOCOL §0.3): server time for the clock offset, and the symbol list with tick and step sizes.
 */
import type { SymbolInfo } from '../../shared/symbols';
import { symbolInfoSchema } from '../../shared/symbols';
import { linkError } from './errors';
import { exchangeInfoSchema, filterDecimal, serverTimeSchema } from './wire';

const REST_TIMEOUT_MS = 10_000;
/** exchangeInfo for every symbol is about 1.5 MB on mainnet; refuse anything far larger. */
const MAX_REST_BYTES = 8 * 1024 * 1024;

async function getJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(REST_TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    throw linkError(`Could not reach ${new URL(url).origin}: ${(error as Error).message}`);
  }
  if (!response.ok) throw linkError(`${new URL(url).pathname} answered HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_REST_BYTES) throw linkError(`${new URL(url).pathname} sent an oversized reply`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw linkError(`${new URL(url).pathname} sent a reply that is not JSON`);
  }
}

/** `GET /fapi/v1/time` (weight 1): the exchange's clock in ms. */
export async function fetchServerTime(restBase: string): Promise<number> {
  const parsed = serverTimeSchema.safeParse(await getJson(`${restBase}/fapi/v1/time`));
  if (!parsed.success) throw linkError('/fapi/v1/time sent an unexpected reply');
  return parsed.data.serverTime;
}

/**
 * `GET /fapi/v1/exchangeInfo` (weight 1): the perpetual symbols that are trading, with the tick and
 * step sizes used to format their prices and sizes. Quarterly contracts and halted symbols are left out.
 */
export async function fetchTradingSymbols(restBase: string): Promise<SymbolInfo[]> {
  const parsed = exchangeInfoSchema.safeParse(await getJson(`${restBase}/fapi/v1/exchangeInfo`));
  if (!parsed.success) throw linkError('/fapi/v1/exchangeInfo sent an unexpected reply');
  const symbols: SymbolInfo[] = [];
  for (const entry of parsed.data.symbols) {
    if (entry.status !== 'TRADING' || entry.contractType !== 'PERPETUAL') continue;
    const info = symbolInfoSchema.safeParse({
      symbol: entry.symbol,
      baseAsset: entry.baseAsset,
      quoteAsset: entry.quoteAsset,
      tickSize: filterDecimal(entry.filters, 'PRICE_FILTER', 'tickSize'),
      stepSize: filterDecimal(entry.filters, 'LOT_SIZE', 'stepSize'),
    });
    if (info.success) symbols.push(info.data);
  }
  return symbols.sort((a, b) => a.symbol.localeCompare(b.symbol));
}
