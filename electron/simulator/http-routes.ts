/**
 * The simulator's HTTP listener: the REST endpoints (rest-endpoints.ts) and, when enabled, the
 * control endpoint `POST /__sim`. Weight is charged to the same per-IP budget as the WS API
 * and reported in `X-MBX-USED-WEIGHT-1M`; 429/418 carry `Retry-After` (seconds), as on Binance.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountName } from './account-model';
import type { KnownKey } from './auth';
import { refuseControl } from './control-auth';
import { ipBanned, tooManyRequests } from './errors';
import type { WeightLedger } from './rate-limit';
import { parseRequestUrl } from './request-url';
import { headerKey, restParams, verifySignedRest } from './rest-auth';
import { REST_ROUTES, type RestDeps, type RestResult } from './rest-endpoints';
import type { Traffic } from './traffic';
import type { Caller } from './ws-api-types';

/** Path of the control endpoint for test harnesses. */
export const CONTROL_PATH = '/__sim';

/** Request bodies beyond this are refused: REST params and control commands are small. */
const MAX_BODY_BYTES = 64 * 1024;

/** What the HTTP listener needs. */
export interface HttpDeps extends RestDeps {
  readonly ledger: WeightLedger;
  readonly findKey: (apiKey: string) => KnownKey<AccountName> | undefined;
  /** Counts REST requests (not control commands). */
  readonly traffic: Traffic;
  /** Runs a control command (JSON text); undefined when the endpoint is disabled (404). */
  readonly control?: (body: string) => RestResult;
  /** The token every control request must present (control-auth.ts). */
  readonly controlToken: string;
}

/** Creates the `request` listener of the simulator's HTTP server. */
export function createRestHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, deps).catch((error: unknown) => {
      // A failure must cost one request, never the simulator.
      console.error('simulator: HTTP request failed', error);
      if (!res.headersSent) send(res, { status: 500, body: { code: -1000, msg: 'An unknown error occured while processing the request.' } });
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const method = req.method ?? 'GET';
  const url = parseRequestUrl(req.url);
  const path = url?.pathname ?? req.url ?? '/';
  const invalid = (status: number): RestResult => ({
    status,
    // Binance's answer for a path/method it does not serve (seen on the futures testnet).
    body: { code: -5000, msg: `Path ${path}, Method ${method} is invalid` },
  });

  if (path === CONTROL_PATH && deps.control) {
    if (method !== 'POST') return send(res, invalid(405));
    const refusal = refuseControl(req, deps.controlToken);
    if (refusal) {
      req.resume(); // the body is not read: drain it so the connection can be reused
      if (refusal.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      return send(res, { status: refusal.status, body: { ok: false, error: refusal.error } });
    }
    const body = await readBody(req);
    return send(res, body === undefined ? { status: 413, body: { ok: false, error: 'body too large' } } : deps.control(body));
  }
  deps.traffic.restRequest();
  const route = REST_ROUTES.get(path)?.get(method);
  if (!route) return send(res, invalid(REST_ROUTES.has(path) ? 405 : 404));

  const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
  if (body === undefined) return send(res, { status: 413, body: { code: -1000, msg: 'Request body too large.' } });
  const rawQuery = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const rest = restParams(rawQuery, body);

  const admission = deps.ledger.admit(req.socket.remoteAddress ?? 'unknown', route.weight(rest.params));
  res.setHeader('X-MBX-USED-WEIGHT-1M', String(admission.count));
  if (!admission.ok) {
    const serverTime = deps.now();
    const error =
      admission.status === 418
        ? ipBanned(admission.retryAfter, serverTime)
        : tooManyRequests(deps.ledger.limit, admission.retryAfter, serverTime);
    res.setHeader('Retry-After', String(Math.max(0, Math.ceil((admission.retryAfter - serverTime) / 1000))));
    return send(res, { status: error.status, body: { code: error.code, msg: error.msg } });
  }

  let caller: Caller | undefined;
  if (route.security !== 'NONE') {
    const found = headerKey(req, deps.findKey);
    if (!found.ok) return send(res, { status: found.error.status, body: { code: found.error.code, msg: found.error.msg } });
    if (route.security === 'USER_DATA') {
      const problem = verifySignedRest(rest, found.key, deps.now());
      if (problem) return send(res, { status: problem.status, body: { code: problem.code, msg: problem.msg } });
    }
    caller = found.caller;
  }
  send(res, route.handle(rest.params, caller, deps));
}

/** Reads a request body as UTF-8; undefined when it exceeds the limit. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, { status, body }: RestResult): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
