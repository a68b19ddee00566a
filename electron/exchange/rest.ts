/**
 * The two public REST calls the app needs (the WS API has no time or exchangeInfo for futures,
 * PROTOCOL §0.3): server time for the clock offset, and the symbol list with tick and step sizes.
 */
import { z } from 'zod';
import type { SymbolInfo } from '../../shared/symbols';
import { symbolInfoSchema } from '../../shared/symbols';
import type { Bracket } from '../positions/brackets';
import { linkError } from './errors';
import type { Signer } from './signing';
import { exchangeInfoSchema, filterDecimal, serverTimeSchema } from './wire';

const REST_TIMEOUT_MS = 10_000;
/** exchangeInfo for every symbol is about 1.5 MB on mainnet; refuse anything far larger. */
const MAX_REST_BYTES = 8 * 1024 * 1024;

async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(REST_TIMEOUT_MS), redirect: 'error' });
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
 * `GET /fapi/v1/exchangeInfo` (weight 1): every listed symbol — any contract type, any status — with
 * the tick and step sizes used to format its prices and sizes. A position can be open in a TradFi
 * perpetual, a quarterly or a symbol being settled (PROTOCOL §13.2); the UI orders them, it does not
 * hide them. An entry without a usable name or grid is skipped on its own.
 */
export async function fetchTradingSymbols(restBase: string): Promise<SymbolInfo[]> {
  const parsed = exchangeInfoSchema.safeParse(await getJson(`${restBase}/fapi/v1/exchangeInfo`));
  if (!parsed.success) throw linkError('/fapi/v1/exchangeInfo sent an unexpected reply');
  const symbols: SymbolInfo[] = [];
  for (const entry of parsed.data.symbols) {
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
  }
  return symbols.sort((a, b) => a.symbol.localeCompare(b.symbol));
}

const leverageBracketsSchema = z
  .array(
    z.object({
      symbol: z.string().max(40),
      brackets: z
        .array(
          z.object({
            notionalFloor: z.number().nonnegative(),
            notionalCap: z.number().positive(),
            maintMarginRatio: z.number().min(0).max(1),
            cum: z.number().nonnegative(),
          }),
        )
        .max(50),
    }),
  )
  .max(5_000);

/**
 * Signed `GET /fapi/v1/leverageBracket` (weight 1, USER_DATA): each symbol's notional brackets, for
 * maintenance margin and margin ratio. REST signs the query string as sent (not sorted) and takes
 * the key in the X-MBX-APIKEY header; base64 signatures are URL-encoded.
 */
export async function fetchLeverageBrackets(
  restBase: string,
  signer: Signer,
  serverNow: () => number,
): Promise<Map<string, Bracket[]>> {
  const query = `recvWindow=5000&timestamp=${Math.round(serverNow())}`;
  const signature = encodeURIComponent(signer.sign(query));
  const body = await getJson(`${restBase}/fapi/v1/leverageBracket?${query}&signature=${signature}`, {
    'X-MBX-APIKEY': signer.apiKey,
  });
  const parsed = leverageBracketsSchema.safeParse(body);
  if (!parsed.success) throw linkError('/fapi/v1/leverageBracket sent an unexpected reply');
  return new Map(parsed.data.map((entry) => [entry.symbol, entry.brackets]));
}