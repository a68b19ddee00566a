/**
 * The WS API methods PerpDesk uses, one small function each, over an RpcSocket. Each doc comment
 * gives the documented request weight (PROTOCOL §4, §5) for the reader; no code relies on it: usage
 * is read from each reply's `rateLimits` (the budget is shared per IP with REST).
 */
import type { ExchangePosition } from '../../shared/position';
import { fromExchangeReply, linkError, type ExchangeError } from './errors';
import type { RowsRead } from './rows';
import { assertSignable } from './signable-params';
import { signParams, type Params, type Signer } from './signing';
import type { RpcSocket } from './transport';
import { readAccountPositionRows, readV2PositionRows, replyEnvelopeSchema, type RateLimit, type V2Position } from './wire';

/** Binance recommends 5000 ms or less; PerpDesk never goes above 10 s (DESIGN §4). */
export const RECV_WINDOW_MS = 5_000;

export interface ReplyInfo {
  method: string;
  latencyMs: number;
  rateLimits: RateLimit[] | undefined;
}

export interface WsApiContext {
  rpc: RpcSocket;
  signer: Signer;
  /** The exchange's time as this computer estimates it (local time + clock offset). */
  serverNow: () => number;
  /** Called after every reply, success or error: rate-limit usage and latency. */
  onReply?: (info: ReplyInfo) => void;
  /** True once `session.logon` succeeded on this connection: signed requests then carry no key or signature. */
  loggedOn?: () => boolean;
}

/** The error a frame the server sent on its own carries (`{"id":null,"status":401,…}`), or null. */
export function serverNoticeError(frame: unknown): ExchangeError | null {
  const notice = replyEnvelopeSchema.safeParse(frame);
  if (!notice.success || notice.data.error === undefined) return null;
  const { code, msg, data } = notice.data.error;
  return fromExchangeReply(notice.data.status, code, msg, data?.retryAfter);
}

/** Sends a request and returns its `result`, or throws an ExchangeError built from its `error`. */
async function call(context: WsApiContext, method: string, params?: Params): Promise<unknown> {
  const started = performance.now();
  const raw = await context.rpc.request(method, params);
  const parsed = replyEnvelopeSchema.safeParse(raw);
  if (!parsed.success) throw linkError(`The exchange sent a malformed reply to ${method}.`);
  const reply = parsed.data;
  context.onReply?.({ method, latencyMs: performance.now() - started, rateLimits: reply.rateLimits });
  if (reply.status !== 200 || reply.error !== undefined) {
    throw fromExchangeReply(reply.status, reply.error?.code ?? 0, reply.error?.msg ?? '', reply.error?.data?.retryAfter);
  }
  return reply.result;
}

/**
 * Adds apiKey, timestamp and recvWindow, then the signature (USER_DATA security). After
 * `session.logon` the session carries the key: only the timestamp and window are sent. Values
 * outside the unreserved characters are refused before signing (signable-params.ts).
 */
function signed(context: WsApiContext, method: string, params: Params): Params {
  if (context.loggedOn?.() === true) {
    return assertSignable(method, { ...params, timestamp: Math.round(context.serverNow()), recvWindow: RECV_WINDOW_MS });
  }
  const full = { ...params, apiKey: context.signer.apiKey, timestamp: Math.round(context.serverNow()), recvWindow: RECV_WINDOW_MS };
  return signParams(context.signer, assertSignable(method, full));
}

/**
 * `account.position` (v1), USER_DATA; its page says weight 5, the 2024-08-07 change log 10 (PROTOCOL
 * §13.3). Tried first because only v1 carries leverage and margin type. A row per symbol and side,
 * zero rows included; `symbol` narrows it. Read row by row: malformed rows are dropped and counted.
 */
export async function accountPositionRows(context: WsApiContext, symbol?: string): Promise<RowsRead<ExchangePosition>> {
  const params: Params = symbol === undefined ? {} : { symbol };
  return readAccountPositionRows(await call(context, 'account.position', signed(context, 'account.position', params)));
}

/** The well-formed rows of v1 `account.position` (see accountPositionRows). */
export async function accountPosition(context: WsApiContext, symbol?: string): Promise<ExchangePosition[]> {
  return (await accountPositionRows(context, symbol)).rows;
}

/**
 * `v2/account.position` (weight 5 on its page), USER_DATA: only symbols with a position or open
 * orders, without leverage, margin type and max notional (positions-v2.ts adds them).
 */
export async function accountPositionV2Rows(context: WsApiContext, symbol?: string): Promise<RowsRead<V2Position>> {
  const params: Params = symbol === undefined ? {} : { symbol };
  return readV2PositionRows(await call(context, 'v2/account.position', signed(context, 'v2/account.position', params)));
}

/**
 * `v2/account.status` (weight 5), USER_DATA, or v1 `account.status` (weight 5) when v2 is refused as
 * unknown: the account's totals, its assets and (v2) the positions with margin figures. The raw result;
 * account-replies.ts reads it (totals required, lists row by row).
 */
export async function accountStatusResult(context: WsApiContext, method: 'v2/account.status' | 'account.status'): Promise<unknown> {
  return call(context, method, signed(context, method, {}));
}

/** `userDataStream.start` (weight 1, USER_STREAM: apiKey only): the account's listen key, new or active. */
export async function startUserDataStream(context: WsApiContext): Promise<string> {
  return readListenKey(await call(context, 'userDataStream.start', { apiKey: context.signer.apiKey }));
}

/** `userDataStream.ping` (weight 1): extends the key by 60 minutes; -1125 when it expired. */
export async function pingUserDataStream(context: WsApiContext): Promise<string> {
  return readListenKey(await call(context, 'userDataStream.ping', { apiKey: context.signer.apiKey }));
}

function readListenKey(result: unknown): string {
  const key = (result as { listenKey?: unknown } | null)?.listenKey;
  if (typeof key !== 'string' || key.length === 0 || key.length > 128) {
    throw linkError('The exchange sent no listen key.');
  }
  return key;
}

/**
 * `session.logon` (weight 2, Ed25519 keys only — PROTOCOL §3): authenticates the connection once, so
 * later requests need no signature. The payload signed is `apiKey=…&timestamp=…` (+ recvWindow).
 */
export async function sessionLogon(context: WsApiContext): Promise<void> {
  await call(
    context,
    'session.logon',
    signParams(
      context.signer,
      assertSignable('session.logon', {
        apiKey: context.signer.apiKey,
        timestamp: Math.round(context.serverNow()),
        recvWindow: RECV_WINDOW_MS,
      }),
    ),
  );
}
