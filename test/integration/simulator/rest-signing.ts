/**
 * Signed REST requests to the simulator, written with node:crypto (not the app's client): the
 * query is signed exactly as sent, as Binance's REST rules say (PROTOCOL §3).
 */
import { createHmac } from 'node:crypto';
import type { RunningSimulator } from '../../../electron/simulator';
import { FROZEN_NOW } from './helpers';

/** A demo account with an HMAC key. */
export type HmacAccount = 'oneway' | 'hedge' | 'multi';

/** A signed GET by an account's HMAC key at `timestamp` (default the frozen clock). */
export function signedGet(
  sim: RunningSimulator,
  path: string,
  account: HmacAccount,
  query = '',
  timestamp: number = FROZEN_NOW,
): Promise<Response> {
  const { apiKey, secret } = sim.accounts.find((a) => a.name === account)!;
  const text = `${query}${query === '' ? '' : '&'}timestamp=${timestamp}`;
  const signature = createHmac('sha256', secret).update(text).digest('hex');
  return fetch(`${sim.urls.rest}${path}?${text}&signature=${signature}`, { headers: { 'X-MBX-APIKEY': apiKey } });
}

/** A signed GET whose body is parsed as JSON; fails the test on a non-200 status. */
export async function signedJson<T>(sim: RunningSimulator, path: string, account: HmacAccount, query = '', timestamp?: number): Promise<T> {
  const response = await signedGet(sim, path, account, query, timestamp);
  const body = (await response.json()) as T;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** The same request signed with a wrong signature. */
export function badlySignedGet(sim: RunningSimulator, path: string, account: HmacAccount, query = ''): Promise<Response> {
  const { apiKey } = sim.accounts.find((a) => a.name === account)!;
  const text = `${query}${query === '' ? '' : '&'}timestamp=${FROZEN_NOW}`;
  return fetch(`${sim.urls.rest}${path}?${text}&signature=${'0'.repeat(64)}`, { headers: { 'X-MBX-APIKEY': apiKey } });
}
