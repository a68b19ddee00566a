/**
 * The signed account endpoints of REST (PROTOCOL §5): `GET /fapi/v1/income` (weight 30),
 * `GET /fapi/v1/adlQuantile` (5) and `GET /fapi/v1/accountConfig` (5). Their data comes from the
 * account book (income-ledger.ts, adl-quantile.ts, account-reports.ts); this file reads and
 * checks the params the way the "Get Income History", "Position ADL Quantile Estimation" and
 * "Account Config" pages describe them.
 */
import type { AccountName } from './account-model';
import type { AdlQuantileEntry } from './adl-quantile';
import type { AccountConfig } from './account-reports';
import { type ApiError, badSymbol, illegalChars, invalidParam } from './errors';
import { INCOME_TYPES, type IncomeQuery, type IncomeRow } from './income-ledger';
import type { RestRoute } from './rest-endpoints';
import { callerAccount, fail, fixed, ok } from './rest-reply';

/** What the account endpoints read. */
export interface AccountRestDeps {
  readonly income: (account: AccountName, query: IncomeQuery) => IncomeRow[];
  readonly adlQuantile: (account: AccountName, symbol?: string) => AdlQuantileEntry[];
  readonly accountConfig: (account: AccountName) => AccountConfig;
}

/** Without startTime and endTime the docs return the last 7 days. */
export const DEFAULT_INCOME_WINDOW_MS = 7 * 86_400_000;
/** "Income history only contains data for the last three months." */
export const INCOME_RETENTION_MS = 90 * 86_400_000;
const DEFAULT_INCOME_LIMIT = 100;
const MAX_INCOME_LIMIT = 1000;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A LONG/INT param: absent, or plain digits (-1100 otherwise). */
function integer(params: URLSearchParams, name: string): Parsed<number | undefined> {
  const text = params.get(name);
  if (text === null) return { ok: true, value: undefined };
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) return { ok: false, error: illegalChars(name) };
  return { ok: true, value: Number(text) };
}

/**
 * Reads the income query. Bounds are inclusive. Neither bound: the last 7 days (documented);
 * only `startTime`: up to now; only `endTime`: everything kept up to it (the docs say nothing
 * for these two cases: UNCONFIRMED). Never older than three months (documented retention). `limit` 1–1000 (default 100), `page` from 1.
 */
export function parseIncomeQuery(params: URLSearchParams, now: number, isSymbol: (symbol: string) => boolean): Parsed<IncomeQuery> {
  const symbol = params.get('symbol') ?? undefined;
  if (symbol !== undefined && !isSymbol(symbol)) return { ok: false, error: badSymbol() };
  const incomeType = params.get('incomeType') ?? undefined;
  if (incomeType !== undefined && !INCOME_TYPES.has(incomeType)) return { ok: false, error: invalidParam('incomeType') };
  const start = integer(params, 'startTime');
  if (!start.ok) return start;
  const end = integer(params, 'endTime');
  if (!end.ok) return end;
  const limit = integer(params, 'limit');
  if (!limit.ok) return limit;
  const page = integer(params, 'page');
  if (!page.ok) return page;
  if (limit.value !== undefined && (limit.value < 1 || limit.value > MAX_INCOME_LIMIT)) return { ok: false, error: invalidParam('limit') };
  if (page.value !== undefined && page.value < 1) return { ok: false, error: invalidParam('page') };
  let startTime = start.value;
  let endTime = end.value;
  if (startTime === undefined && endTime === undefined) {
    endTime = now;
    startTime = now - DEFAULT_INCOME_WINDOW_MS;
  }
  endTime ??= now;
  if (startTime !== undefined && startTime > endTime) return { ok: false, error: invalidParam('startTime') };
  // Nothing older than three months is kept, whatever the bounds ask for (an older window is simply empty).
  startTime = Math.max(startTime ?? 0, now - INCOME_RETENTION_MS);
  return {
    ok: true,
    value: { symbol, incomeType, startTime, endTime, page: page.value ?? 1, limit: limit.value ?? DEFAULT_INCOME_LIMIT },
  };
}

/** The account endpoints, by path then HTTP method. */
export const ACCOUNT_ROUTES: ReadonlyMap<string, ReadonlyMap<string, RestRoute>> = new Map<string, ReadonlyMap<string, RestRoute>>([
  [
    '/fapi/v1/income',
    new Map([
      [
        'GET',
        {
          weight: fixed(30),
          security: 'USER_DATA',
          handle(params, caller, deps) {
            const account = callerAccount(caller);
            const query = parseIncomeQuery(params, deps.now(), (symbol) => deps.market.spec(symbol) !== undefined);
            return query.ok ? ok(deps.income(account, query.value)) : fail(query.error);
          },
        },
      ],
    ]),
  ],
  [
    '/fapi/v1/adlQuantile',
    new Map([
      [
        'GET',
        {
          weight: fixed(5),
          security: 'USER_DATA',
          handle(params, caller, deps) {
            const account = callerAccount(caller);
            const symbol = params.get('symbol') ?? undefined;
            if (symbol !== undefined && !deps.market.spec(symbol)) return fail(badSymbol());
            // An array even with `symbol`, as the documented reply; [] when that symbol has no position.
            return ok(deps.adlQuantile(account, symbol));
          },
        },
      ],
    ]),
  ],
  [
    '/fapi/v1/accountConfig',
    new Map([['GET', { weight: fixed(5), security: 'USER_DATA', handle: (_p, caller, deps) => ok(deps.accountConfig(callerAccount(caller))) }]]),
  ],
]);
