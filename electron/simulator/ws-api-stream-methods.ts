/**
 * `userDataStream.start` / `ping` / `stop` (PROTOCOL §5, §6): USER_STREAM security (apiKey
 * only, or the logged-on session's key), weight 1. The listenKey belongs to the account, so
 * every key of an account sees the same one.
 */
import { invalidListenKey, invalidParam } from './errors';
import type { Params } from './auth';
import type { Exchange, MethodResult, MethodSpec } from './ws-api-types';
import { callerOf } from './ws-api-types';
import type { AccountName } from './account-model';

/**
 * An explicit `listenKey` param is not documented for the WS API methods; if a client sends one
 * anyway it must name the account's active key, so a stale key is reported instead of
 * silently extending another.
 */
function checkKeyParam(params: Params, exchange: Exchange, account: AccountName): MethodResult | undefined {
  const { listenKey } = params;
  if (listenKey === undefined) return undefined;
  if (typeof listenKey !== 'string') return { ok: false, error: invalidParam('listenKey') };
  if (exchange.listenKeys.activeKey(account) !== listenKey) return { ok: false, error: invalidListenKey() };
  return undefined;
}

const start: MethodSpec = {
  weight: 1,
  security: 'USER_STREAM',
  run(_params, _session, exchange, caller) {
    const { account } = callerOf(caller, 'userDataStream.start');
    return { ok: true, result: { listenKey: exchange.listenKeys.start(account) } };
  },
};

const ping: MethodSpec = {
  weight: 1,
  security: 'USER_STREAM',
  run(params, _session, exchange, caller) {
    const { account } = callerOf(caller, 'userDataStream.ping');
    const problem = checkKeyParam(params, exchange, account);
    if (problem) return problem;
    const listenKey = exchange.listenKeys.ping(account);
    return listenKey === undefined ? { ok: false, error: invalidListenKey() } : { ok: true, result: { listenKey } };
  },
};

const stop: MethodSpec = {
  weight: 1,
  security: 'USER_STREAM',
  run(params, _session, exchange, caller) {
    const { account } = callerOf(caller, 'userDataStream.stop');
    const problem = checkKeyParam(params, exchange, account);
    if (problem) return problem;
    return exchange.listenKeys.stop(account) ? { ok: true, result: {} } : { ok: false, error: invalidListenKey() };
  },
};

/** The user data stream methods by name. */
export const USER_STREAM_METHODS: ReadonlyArray<[string, MethodSpec]> = [
  ['userDataStream.start', start],
  ['userDataStream.ping', ping],
  ['userDataStream.stop', stop],
];
