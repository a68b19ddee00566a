/**
 * The WS API endpoint (`/ws-fapi/v1`): accepts connections, charges the handshake weight and
 * answers each text frame with exactly one reply.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { unknownError } from './errors';
import { frameText } from './frame-text';
import type { WeightLedger } from './rate-limit';
import { parseRequestUrl } from './request-url';
import { type Reply, dispatch } from './ws-api-dispatch';
import type { Exchange, Session } from './ws-api-methods';

/** Path of the WS API, as on `wss://ws-fapi.binance.com/ws-fapi/v1`. */
export const WS_API_PATH = '/ws-fapi/v1';

/** Each WS API handshake costs this much request weight (PROTOCOL §1). */
export const HANDSHAKE_WEIGHT = 5;

/** Far above any real request; keeps a hostile frame from buffering megabytes. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** The WS API endpoint. */
export class WsApiServer {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });

  constructor(
    private readonly exchange: Exchange,
    private readonly ledger: WeightLedger,
  ) {}

  /**
   * Completes an upgrade routed here. The handshake is charged first; an origin already over
   * its budget is refused with HTTP 429, as Binance refuses requests over the limit.
   */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = request.socket.remoteAddress ?? 'unknown';
    if (this.ledger.charge(origin, HANDSHAKE_WEIGHT).limited) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const query = parseRequestUrl(request.url)?.searchParams;
    const session: Session = {
      origin,
      connectedSince: this.exchange.now(),
      // Only an explicit `false` hides rateLimits by default (PROTOCOL §1).
      returnRateLimits: query?.get('returnRateLimits') !== 'false',
    };
    this.server.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        ws.send(JSON.stringify(this.answer(frameText(data), isBinary, session)));
      });
      ws.on('error', () => ws.terminate());
    });
  }

  /**
   * One reply per frame, whatever happens: a bug in a method must cost one request, not the
   * whole simulator, so it becomes Binance's generic -1000 with status 500.
   */
  private answer(frame: string, isBinary: boolean, session: Session): Reply {
    try {
      return dispatch(frame, isBinary, session, this.exchange, this.ledger);
    } catch (error) {
      console.error('simulator: WS API request failed', error);
      const { status, code, msg } = unknownError();
      return { id: null, status, error: { code, msg } };
    }
  }

  /** Terminates every connection and stops accepting new ones. */
  close(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
