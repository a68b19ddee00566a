/**
 * The WS API methods the simulator serves, each with its documented weight and security
 * type. A method is a pure function of its params, the session and the exchange state.
 */
import type { AccountName } from './account-model';
import type { KnownKey, Params } from './auth';
import { type ApiError, badSymbol, invalidParam } from './errors';
import type { V1PositionRow } from './position-rows';

/** The exchange state methods read. */
export interface Exchange {
  readonly now: () => number;
  readonly findKey: (apiKey: string) => KnownKey<AccountName> | undefined;
  readonly isTradingSymbol: (symbol: string) => boolean;
  readonly positionRows: (account: AccountName, symbol?: string) => V1PositionRow[];
}

/** Per-connection facts methods may report. */
export interface Session {
  /** Where weight is counted: the client's IP. */
  readonly origin: string;
  readonly connectedSince: number;
  /** The connection default chosen with `?returnRateLimits=` on the URL. */
  readonly returnRateLimits: boolean;
}

/** A method's outcome. */
export type MethodResult = { ok: true; result: unknown } | { ok: false; error: ApiError };

/** How a method is called and what it costs. */
export interface MethodSpec {
  readonly weight: number;
  /** USER_DATA methods need apiKey, timestamp and signature; NONE methods need nothing. */
  readonly security: 'NONE' | 'USER_DATA';
  readonly run: (
    params: Params,
    session: Session,
    exchange: Exchange,
    /** The authenticated account; undefined for NONE methods. */
    account: AccountName | undefined,
  ) => MethodResult;
}

const accountPosition: MethodSpec = {
  weight: 5,
  security: 'USER_DATA',
  run(params, _session, exchange, account) {
    if (account === undefined) throw new Error('account.position runs only after authentication');
    const { symbol } = params;
    if (symbol !== undefined && typeof symbol !== 'string') return { ok: false, error: invalidParam('symbol') };
    if (symbol !== undefined && !exchange.isTradingSymbol(symbol)) return { ok: false, error: badSymbol() };
    return { ok: true, result: exchange.positionRows(account, symbol) };
  },
};

/** `session.status`: unsigned; clients use its `serverTime` as the clock (PROTOCOL §5). */
const sessionStatus: MethodSpec = {
  weight: 2,
  security: 'NONE',
  run(_params, session, exchange) {
    return {
      ok: true,
      result: {
        apiKey: null, // session.logon (Ed25519 only) arrives in a later cut
        authorizedSince: null,
        connectedSince: session.connectedSince,
        returnRateLimits: session.returnRateLimits,
        serverTime: exchange.now(),
      },
    };
  },
};

const METHODS: ReadonlyMap<string, MethodSpec> = new Map([
  ['account.position', accountPosition],
  ['session.status', sessionStatus],
]);

/**
 * Looks up a method by its exact name. `v2/account.position` is a different method (another
 * row shape), not served in this cut. Whether Binance also accepts a `v1/` prefix is not
 * documented, so it is not accepted here: the simulator must never be laxer than Binance.
 */
export function findMethod(name: string): MethodSpec | undefined {
  return METHODS.get(name);
}
