/**
 * Routes WebSocket upgrades by path: the WS API, or one of the stream endpoints. Anything
 * else is refused with a plain HTTP error before a WebSocket exists.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { StreamHub } from './market-streams';
import { parseRequestUrl } from './request-url';
import { MAX_STREAMS_PER_CONNECTION, type StreamRoute, parseStreamUrl } from './stream-url';
import { WS_API_PATH, type WsApiServer } from './ws-api';

/** Installs the `upgrade` listener on `server`. */
export function routeUpgrades(
  server: Server,
  wsApi: WsApiServer,
  hubs: Readonly<Record<StreamRoute, StreamHub>>,
): void {
  server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not crash the simulator.
    socket.on('error', () => socket.destroy());
    if (parseRequestUrl(request.url)?.pathname === WS_API_PATH) {
      wsApi.accept(request, socket, head);
      return;
    }
    const target = parseStreamUrl(request.url);
    if (!target) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    if (target.streams.length > MAX_STREAMS_PER_CONNECTION) {
      refuse(socket, 400, 'Bad Request');
      return;
    }
    hubs[target.route].accept(request, socket, head, target);
  });
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
