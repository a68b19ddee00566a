/**
 * The WS API endpoint (`/ws-fapi/v1`): accepts connections, charges the handshake weight and
 * answers each text frame with exactly one reply. A 418 reply (banned IP) is followed by a
 * disconnect, as the Spot WS API documents for banned IPs (PROTOCOL §9).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { unknownError } from './errors';
import { frameText } from './frame-text';
import type { LinkRegistry } from './link-registry';
import type { WeightLedger } from './rate-limit';
import { parseRequestUrl } from './request-url';
import type { Traffic } from './traffic';
import { refuseUpgrade } from './upgrade-refusal';
import { type Reply, dispatch } from './ws-api-dispatch';
import type { Exchange, Session } from './ws-api-types';

/** Path of the WS API, as on `wss://ws-fapi.binance.com/ws-fapi/v1`. */
export const WS_API_PATH = '/ws-fapi/v1';

/** Each WS API handshake costs this much request weight (PROTOCOL §1). */
export const HANDSHAKE_WEIGHT = 5;

/** Far above any real request; keeps a hostile frame from buffering megabytes. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Close code after a ban: policy violation. */
const BANNED_CLOSE = { code: 1008, reason: 'IP banned' } as const;

/** The WS API endpoint. */
export class WsApiServer {
  // autoPong off: Link answers pings itself, so withholdPongs can silence it.
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES, autoPong: false });

  constructor(
    private readonly exchange: Exchange,
    private readonly ledger: WeightLedger,
    private readonly links: LinkRegistry,
    private readonly traffic: Traffic,
  ) {}

  /**
   * Completes an upgrade routed here. The handshake is charged first; an origin over its
   * budget or banned is refused with HTTP 429 or 418, as Binance refuses such requests.
   */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = request.socket.remoteAddress ?? 'unknown';
    const admission = this.ledger.admit(origin, HANDSHAKE_WEIGHT);
    if (!admission.ok) {
      refuseUpgrade(socket, admission.status, admission.retryAfter - this.exchange.now());
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
      const link = this.links.attach(ws, 'wsApi');
      ws.on('message', (data, isBinary) => {
        this.traffic.wsApiRequest();
        const reply = this.answer(frameText(data), isBinary, session);
        link.send(JSON.stringify(reply));
        if (reply.status === 418) link.close(BANNED_CLOSE.code, BANNED_CLOSE.reason);
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
