/**
 * Routes WebSocket upgrades by path: the WS API, the `/private` user data route, or one of the
 * market data routes. Anything else is refused with a plain HTTP error before a WebSocket exists.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { StreamHub } from './market-streams';
import { parseRequestUrl } from './request-url';
import { MAX_STREAMS_PER_CONNECTION, parseStreamUrl } from './stream-url';
import type { Traffic } from './traffic';
import { refuseUpgrade } from './upgrade-refusal';
import { parseUserStreamUrl } from './user-stream-url';
import type { UserStreamHub } from './user-streams';
import { WS_API_PATH, type WsApiServer } from './ws-api';

/** The endpoints upgrades are routed to. */
export interface UpgradeTargets {
  readonly wsApi: WsApiServer;
  readonly market: StreamHub;
  readonly public: StreamHub;
  readonly private: UserStreamHub;
}

/** Installs the `upgrade` listener on `server`; every handshake is counted in `traffic`. */
export function routeUpgrades(server: Server, targets: UpgradeTargets, traffic: Traffic): void {
  server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not crash the simulator.
    socket.on('error', () => socket.destroy());
    const path = parseRequestUrl(request.url)?.pathname;
    if (path === WS_API_PATH) {
      traffic.handshake('wsApi');
      targets.wsApi.accept(request, socket, head);
      return;
    }
    if (path === '/private' || path?.startsWith('/private/')) {
      traffic.handshake('private');
      const target = parseUserStreamUrl(request.url);
      if (!target) refuseUpgrade(socket, 404);
      else if (target.bindings.length > MAX_STREAMS_PER_CONNECTION) refuseUpgrade(socket, 400);
      else targets.private.accept(request, socket, head, target);
      return;
    }
    const target = parseStreamUrl(request.url);
    traffic.handshake(target && target.route !== 'private' ? target.route : 'unknown');
    if (!target || target.route === 'private') {
      refuseUpgrade(socket, 404);
      return;
    }
    if (target.streams.length > MAX_STREAMS_PER_CONNECTION) {
      refuseUpgrade(socket, 400);
      return;
    }
    targets[target.route].accept(request, socket, head, target);
  });
}
