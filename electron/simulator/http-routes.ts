/**
 * The REST endpoints clients call at start-up: `GET /fapi/v1/time` and
 * `GET /fapi/v1/exchangeInfo`. Weight is charged to the same per-IP budget as the WS API and
 * reported in `X-MBX-USED-WEIGHT-1M`, as Binance does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooManyRequests } from './errors';
import { exchangeInfo } from './exchange-info';
import type { WeightLedger } from './rate-limit';
import { parseRequestUrl } from './request-url';

interface Route {
  readonly weight: number;
  readonly body: (serverTime: number) => unknown;
}

const ROUTES: ReadonlyMap<string, Route> = new Map([
  ['/fapi/v1/time', { weight: 1, body: (serverTime: number) => ({ serverTime }) }],
  ['/fapi/v1/exchangeInfo', { weight: 1, body: exchangeInfo }],
]);

/** What the REST handler needs. */
export interface RestDeps {
  readonly now: () => number;
  readonly ledger: WeightLedger;
}

/** Creates the `request` listener of the simulator's HTTP server. */
export function createRestHandler({ now, ledger }: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const path = parseRequestUrl(req.url)?.pathname ?? req.url ?? '/';
    const route = ROUTES.get(path);
    if (!route || method !== 'GET') {
      // Binance's answer for a path/method it does not serve (seen on the futures testnet).
      const status = route ? 405 : 404;
      send(res, status, { code: -5000, msg: `Path ${path}, Method ${method} is invalid` });
      return;
    }
    const usage = ledger.charge(req.socket.remoteAddress ?? 'unknown', route.weight);
    res.setHeader('X-MBX-USED-WEIGHT-1M', String(usage.count));
    if (usage.limited) {
      const { status, code, msg } = tooManyRequests(ledger.limit);
      send(res, status, { code, msg });
      return;
    }
    send(res, 200, route.body(now()));
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
