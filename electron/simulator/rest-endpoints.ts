/**
 * The REST endpoints (PROTOCOL §5): `GET /fapi/v1/time`, `exchangeInfo`, `premiumIndex`
 * (public), the listenKey endpoints (`POST/PUT/DELETE /fapi/v1/listenKey`, USER_STREAM),
 * `GET /fapi/v1/leverageBracket` and `GET /fapi/v1/symbolConfig` (signed), plus the account
 * endpoints of rest-account-endpoints.ts. Each declares its weight and security; the HTTP
 * plumbing lives in http-routes.ts.
 */
import type { AccountName } from './account-model';
import { bracketsOf } from './brackets';
import { type Dec, toTrimmed } from './decimal';
import { type ApiError, badSymbol, invalidListenKey } from './errors';
import { exchangeInfo } from './exchange-info';
import { price8 } from './format';
import type { Market } from './market';
import type { FundingSchedule } from './funding-schedule';
import { type SymbolSpec, fundingHoursOf } from './symbols';
import type { Caller } from './ws-api-types';
import { ACCOUNT_ROUTES, type AccountRestDeps } from './rest-account-endpoints';
import { type RestResult, callerAccount, fail, fixed, ok } from './rest-reply';

export type { RestResult } from './rest-reply';

/** What endpoints read and change. */
export interface RestDeps extends AccountRestDeps {
  readonly now: () => number;
  readonly market: Market;
  /** Each symbol's funding period (funding-schedule.ts). */
  readonly funding: FundingSchedule;
  /** Reported in exchangeInfo's `rateLimits`. */
  readonly weightLimit: number;
  /** `GET /fapi/v1/symbolConfig` rows of an account, for one symbol or all trading ones. */
  readonly symbolConfig: (account: AccountName, symbols: readonly SymbolSpec[]) => unknown[];
  readonly listenKeys: {
    start(account: AccountName): string;
    ping(account: AccountName): string | undefined;
    stop(account: AccountName): boolean;
  };
}


/** One endpoint. */
export interface RestRoute {
  readonly weight: (params: URLSearchParams) => number;
  /** NONE: public; USER_STREAM: `X-MBX-APIKEY` only; USER_DATA: key plus signature. */
  readonly security: 'NONE' | 'USER_STREAM' | 'USER_DATA';
  readonly handle: (params: URLSearchParams, caller: Caller | undefined, deps: RestDeps) => RestResult;
}


type SymbolList = { ok: true; list: readonly SymbolSpec[] } | { ok: false; error: ApiError };

/** Resolves `?symbol=`: absent → all, present → that trading symbol or -1121. */
function symbols(params: URLSearchParams, market: Market): SymbolList {
  const symbol = params.get('symbol');
  if (symbol === null) return { ok: true, list: market.symbols };
  const spec = market.spec(symbol);
  return spec ? { ok: true, list: [spec] } : { ok: false, error: badSymbol() };
}

function premiumIndexEntry(spec: SymbolSpec, deps: RestDeps, time: number): Record<string, unknown> {
  const quote = deps.market.walk.quoteOf(spec.symbol);
  const funded = spec.fundingRate !== '';
  return {
    symbol: spec.symbol,
    markPrice: price8(quote.markPrice),
    indexPrice: price8(quote.indexPrice),
    estimatedSettlePrice: price8(quote.indexPrice),
    lastFundingRate: spec.fundingRate,
    interestRate: funded ? '0.00010000' : '',
    nextFundingTime: funded ? deps.funding.nextFundingTime(spec.symbol, time) : 0,
    time,
  };
}

/** A symbol whose funding differs from the default 8 h (the simulator adjusts only the interval). */
const isAdjusted = (spec: SymbolSpec): boolean => spec.fundingRate !== '' && fundingHoursOf(spec) !== 8;

/** One `fundingInfo` entry; the caps are Binance's usual ±2 % (±3 % for hourly symbols). */
function fundingInfoEntry(spec: SymbolSpec): Record<string, unknown> {
  const hours = fundingHoursOf(spec);
  const cap = hours === 1 ? '0.03000000' : '0.02000000';
  return { symbol: spec.symbol, adjustedFundingRateCap: cap, adjustedFundingRateFloor: `-${cap}`, fundingIntervalHours: hours, disclaimer: false };
}

/** Bracket numbers are JSON numbers in this endpoint, unlike most Binance decimals. */
const num = (value: Dec): number => Number(toTrimmed(value, 8, 0));

function bracketEntry(spec: SymbolSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    brackets: bracketsOf(spec.brackets).map((b) => ({
      bracket: b.bracket,
      initialLeverage: b.initialLeverage,
      notionalCap: num(b.notionalCap),
      notionalFloor: num(b.notionalFloor),
      maintMarginRatio: num(b.maintMarginRatio),
      cum: num(b.cum),
    })),
  };
}

/** Every REST endpoint, by path then HTTP method. */
export const REST_ROUTES: ReadonlyMap<string, ReadonlyMap<string, RestRoute>> = new Map<string, ReadonlyMap<string, RestRoute>>([
  ...ACCOUNT_ROUTES,
  ['/fapi/v1/time', new Map([['GET', { weight: fixed(1), security: 'NONE', handle: (_p, _c, d) => ok({ serverTime: d.now() }) }]])],
  [
    '/fapi/v1/exchangeInfo',
    new Map([['GET', { weight: fixed(1), security: 'NONE', handle: (_p, _c, d) => ok(exchangeInfo(d.now(), d.market.listed, d.weightLimit)) }]]),
  ],
  [
    '/fapi/v1/premiumIndex',
    new Map([
      [
        'GET',
        {
          // Weight 1 with a symbol, 10 without (PROTOCOL §5).
          weight: (params) => (params.has('symbol') ? 1 : 10),
          security: 'NONE',
          handle(params, _caller, deps) {
            const found = symbols(params, deps.market);
            if (!found.ok) return fail(found.error);
            const time = deps.now();
            const entries = found.list.map((spec) => premiumIndexEntry(spec, deps, time));
            return ok(params.has('symbol') ? entries[0] : entries);
          },
        },
      ],
    ]),
  ],
  [
    '/fapi/v1/fundingInfo',
    new Map([
      [
        'GET',
        {
          // Weight 0 (it shares a 500/5 min/IP limit with /fapi/v1/fundingRate, not modelled).
          weight: fixed(0),
          security: 'NONE',
          // Only symbols whose cap, floor or interval was adjusted are returned, as the docs say.
          handle: (_p, _c, deps) => ok(deps.market.symbols.filter(isAdjusted).map(fundingInfoEntry)),
        },
      ],
    ]),
  ],
  [
    '/fapi/v1/leverageBracket',
    new Map([
      [
        'GET',
        {
          weight: fixed(1),
          security: 'USER_DATA',
          handle(params, caller, deps) {
            callerAccount(caller); // every account has the same brackets; the key must still be valid
            const found = symbols(params, deps.market);
            if (!found.ok) return fail(found.error);
            const entries = found.list.map(bracketEntry);
            return ok(params.has('symbol') ? entries[0] : entries);
          },
        },
      ],
    ]),
  ],
  [
    '/fapi/v1/symbolConfig',
    new Map([
      [
        'GET',
        {
          // Weight 5, signed; an array even with `symbol` (PROTOCOL §5, §13.3).
          weight: fixed(5),
          security: 'USER_DATA',
          handle(params, caller, deps) {
            const found = symbols(params, deps.market);
            if (!found.ok) return fail(found.error);
            return ok(deps.symbolConfig(callerAccount(caller), found.list));
          },
        },
      ],
    ]),
  ],
  [
    '/fapi/v1/listenKey',
    new Map<string, RestRoute>([
      ['POST', { weight: fixed(1), security: 'USER_STREAM', handle: (_p, c, d) => ok({ listenKey: d.listenKeys.start(callerAccount(c)) }) }],
      [
        'PUT',
        {
          weight: fixed(1),
          security: 'USER_STREAM',
          handle(_params, caller, deps) {
            const listenKey = deps.listenKeys.ping(callerAccount(caller));
            return listenKey === undefined ? fail(invalidListenKey()) : ok({ listenKey });
          },
        },
      ],
      [
        'DELETE',
        {
          weight: fixed(1),
          security: 'USER_STREAM',
          handle: (_p, c, d) => (d.listenKeys.stop(callerAccount(c)) ? ok({}) : fail(invalidListenKey())),
        },
      ],
    ]),
  ],
]);
