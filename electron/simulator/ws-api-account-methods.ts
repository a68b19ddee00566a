/**
 * Account reads over the WS API (PROTOCOL §4, §5): positions v1/v2, balances v1/v2 and account
 * status v1/v2. All USER_DATA, weight 5, except v1 `account.position`: the change log of
 * 2024-08-07 lists weight 10 for it while its page still says 5 (PROTOCOL §13.3); the simulator
 * charges 10, so a client that reads weights from `rateLimits` sees the difference.
 */
import type { Params } from './auth';
import { type ApiError, badSymbol, invalidParam } from './errors';
import { type Exchange, type MethodSpec, callerOf } from './ws-api-types';

type Filter = { ok: true; symbol: string | undefined } | { ok: false; error: ApiError };

/** Validates the optional `symbol` filter: a string naming a trading contract. */
function symbolFilter(params: Params, exchange: Exchange): Filter {
  const { symbol } = params;
  if (symbol === undefined) return { ok: true, symbol: undefined };
  if (typeof symbol !== 'string') return { ok: false, error: invalidParam('symbol') };
  if (!exchange.isTradingSymbol(symbol)) return { ok: false, error: badSymbol() };
  return { ok: true, symbol };
}

/** v1 `account.position` per the 2024-08-07 change log; v2 as documented. */
const POSITION_WEIGHT = { 1: 10, 2: 5 } as const;

function positions(version: 1 | 2, method: string): MethodSpec {
  return {
    weight: POSITION_WEIGHT[version],
    security: 'USER_DATA',
    run(params, _session, exchange, caller) {
      const { account } = callerOf(caller, method);
      const filter = symbolFilter(params, exchange);
      if (!filter.ok) return filter;
      const { symbol } = filter;
      const rows = version === 1 ? exchange.positionRows(account, symbol) : exchange.v2PositionRows(account, symbol);
      return { ok: true, result: rows };
    },
  };
}

function balance(method: string): MethodSpec {
  return {
    weight: 5,
    security: 'USER_DATA',
    run: (_params, _session, exchange, caller) => ({ ok: true, result: exchange.balances(callerOf(caller, method).account) }),
  };
}

function status(version: 1 | 2, method: string): MethodSpec {
  return {
    weight: 5,
    security: 'USER_DATA',
    run: (_params, _session, exchange, caller) => ({
      ok: true,
      result: exchange.accountStatus(callerOf(caller, method).account, version),
    }),
  };
}

/** The account methods by name. */
export const ACCOUNT_METHODS: ReadonlyArray<[string, MethodSpec]> = [
  ['account.position', positions(1, 'account.position')],
  ['v2/account.position', positions(2, 'v2/account.position')],
  ['account.balance', balance('account.balance')],
  ['v2/account.balance', balance('v2/account.balance')],
  ['account.status', status(1, 'account.status')],
  ['v2/account.status', status(2, 'v2/account.status')],
];
