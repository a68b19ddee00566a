/**
 * Where each environment lives (PROTOCOL §1). Streams use the routed paths: since 2026-04-23 mark
 * prices flow only on `/market` and user data only on `/private`.
 */
import type { Environment } from '../../shared/connection';

export interface Endpoints {
  /** WS API, e.g. wss://ws-fapi.binance.com/ws-fapi/v1 */
  wsApi: string;
  /** Market stream route base; `/stream?streams=…` or `/ws/…` is appended. */
  market: string;
  /** User data stream route base; `/ws/<listenKey>` is appended. */
  private: string;
  /** REST base, e.g. https://fapi.binance.com */
  rest: string;
}

export const MAINNET: Endpoints = {
  wsApi: 'wss://ws-fapi.binance.com/ws-fapi/v1',
  market: 'wss://fstream.binance.com/market',
  private: 'wss://fstream.binance.com/private',
  rest: 'https://fapi.binance.com',
};

/** Testnet stream routes follow the official SDK, which appends the routes to the testnet base. */
export const TESTNET: Endpoints = {
  wsApi: 'wss://testnet.binancefuture.com/ws-fapi/v1',
  market: 'wss://fstream.binancefuture.com/market',
  private: 'wss://fstream.binancefuture.com/private',
  rest: 'https://demo-fapi.binance.com',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks user-supplied or configured URLs: credentials travel over them, so only TLS (`wss:`,
 * `https:`) is accepted, except on loopback where the built-in simulator runs. Trailing slashes are
 * removed. Throws an Error with a message naming the offending URL.
 */
export function checkEndpoints(endpoints: Endpoints): Endpoints {
  const check = (name: keyof Endpoints, secure: string, plain: string): string => {
    let url: URL;
    try {
      url = new URL(endpoints[name]);
    } catch {
      throw new Error(`The ${name} URL "${endpoints[name]}" is not a valid URL.`);
    }
    const loopback = LOOPBACK.has(url.hostname);
    if (url.protocol !== secure && !(loopback && url.protocol === plain)) {
      throw new Error(`The ${name} URL must start with ${secure}// (got "${url.protocol}//${url.host}").`);
    }
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
      throw new Error(`The ${name} URL must not carry credentials, a query or a fragment.`);
    }
    return url.toString().replace(/\/+$/, '');
  };
  return {
    wsApi: check('wsApi', 'wss:', 'ws:'),
    market: check('market', 'wss:', 'ws:'),
    private: check('private', 'wss:', 'ws:'),
    rest: check('rest', 'https:', 'http:'),
  };
}

/** The fixed endpoints of an environment; `demo` and `custom` have none of their own. */
export function endpointsFor(environment: Environment): Endpoints | null {
  if (environment === 'mainnet') return MAINNET;
  if (environment === 'testnet') return TESTNET;
  return null;
}
