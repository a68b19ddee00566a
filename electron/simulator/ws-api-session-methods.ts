/**
 * Session methods (PROTOCOL §3, §5): `session.logon` (Ed25519 keys only, weight 2),
 * `session.status` and `session.logout`. All reply with the same shape; `serverTime` in it is
 * how clients read the server clock, since futures has no WS `time` method.
 */
import { invalidApiKeyType } from './errors';
import type { Exchange, MethodSpec, Session } from './ws-api-types';

function sessionShape(session: Session, exchange: Exchange): Record<string, unknown> {
  return {
    apiKey: session.logon?.apiKey ?? null,
    authorizedSince: session.logon?.since ?? null,
    connectedSince: session.connectedSince,
    returnRateLimits: session.returnRateLimits,
    serverTime: exchange.now(),
  };
}

/**
 * `session.logon`: the request is verified like any signed request (its own apiKey and
 * signature, never the session's); the key must be Ed25519. Logging on again switches keys.
 */
const sessionLogon: MethodSpec = {
  weight: 2,
  security: 'LOGON',
  run(_params, session, exchange, caller) {
    if (!caller) throw new Error('session.logon runs only after authentication');
    if (caller.keyType !== 'ED25519') return { ok: false, error: invalidApiKeyType() };
    session.logon = { apiKey: caller.apiKey, owner: caller.account, since: exchange.now() };
    return { ok: true, result: sessionShape(session, exchange) };
  },
};

/** `session.status`: unsigned; clients use its `serverTime` as the clock (PROTOCOL §5). */
const sessionStatus: MethodSpec = {
  weight: 2,
  security: 'NONE',
  run: (_params, session, exchange) => ({ ok: true, result: sessionShape(session, exchange) }),
};

/** `session.logout`: forgets the key, keeps the connection. */
const sessionLogout: MethodSpec = {
  weight: 2,
  security: 'NONE',
  run(_params, session, exchange) {
    session.logon = undefined;
    return { ok: true, result: sessionShape(session, exchange) };
  },
};

/** The session methods by name. */
export const SESSION_METHODS: ReadonlyArray<[string, MethodSpec]> = [
  ['session.logon', sessionLogon],
  ['session.status', sessionStatus],
  ['session.logout', sessionLogout],
];
