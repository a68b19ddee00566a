/**
 * One "link" to the exchange: the three sockets PerpDesk keeps open together — the WS API for
 * requests, the `/market` stream for mark prices and the `/private` user data stream — each with its
 * liveness watchdog. The client decides when links open, renew and close; this file only builds them.
 */
import type { ClientTimings } from './client-options';
import type { Endpoints } from './endpoints';
import { MarkPriceStream } from './market-stream';
import { startUserDataStream, type WsApiContext } from './methods';
import { RpcSocket } from './transport';
import type { UserEvent } from './user-events';
import { UserStream } from './user-stream';
import { Watchdog, type WatchdogOptions } from './watchdog';
import type { MarkTick } from './wire';

export interface Link {
  rpc: RpcSocket;
  stream: MarkPriceStream;
  user: UserStream;
  rpcWatch: Watchdog;
  streamWatch: Watchdog;
  userWatch: Watchdog;
  openedAt: number;
  keptAliveAt: number;
}

/** What a link reports to, and needs from, the client. */
export interface LinkHooks {
  endpoints: Endpoints;
  requestTimeoutMs: number;
  timings: ClientTimings;
  watch: (quietMs: number) => WatchdogOptions;
  context: (rpc: RpcSocket) => WsApiContext;
  onFrame: (watch: Watchdog) => void;
  onBadFrame: () => void;
  onTick: (tick: MarkTick) => void;
  onUserEvent: (event: UserEvent) => void;
  onDropped: (what: string) => void;
  /** A message the server sent on its own on the WS API (e.g. revoking the session). */
  onServerNotice: (frame: unknown) => void;
  /** Authenticates a new WS API connection where the key type allows a session (Ed25519). */
  logon: (rpc: RpcSocket) => Promise<void>;
}

/** Opens the three sockets; on any failure closes what was opened and rethrows. */
export async function openLink(hooks: LinkHooks, now: number): Promise<Link> {
  const rpcWatch = new Watchdog(hooks.watch(hooks.timings.rpcQuietMs), now);
  const streamWatch = new Watchdog(hooks.watch(hooks.timings.streamQuietMs), now);
  // The user stream is quiet by nature: it gets the idle allowance of the request socket.
  const userWatch = new Watchdog(hooks.watch(hooks.timings.rpcQuietMs), now);
  const opened: Array<{ terminate(): void }> = [];
  try {
    const rpc = await RpcSocket.connect(hooks.endpoints.wsApi, hooks.requestTimeoutMs, {
      onFrame: () => hooks.onFrame(rpcWatch),
      onBadFrame: hooks.onBadFrame,
      onServerNotice: hooks.onServerNotice,
      onClose: () => hooks.onDropped('connection to the exchange'),
    });
    opened.push(rpc);
    await hooks.logon(rpc);
    const stream = await MarkPriceStream.connect(hooks.endpoints.market, {
      onTick: hooks.onTick,
      onFrame: () => hooks.onFrame(streamWatch),
      onBadFrame: hooks.onBadFrame,
      onClose: () => hooks.onDropped('mark price stream'),
    });
    opened.push(stream);
    const user = await openUserStream(hooks, rpc, userWatch);
    return { rpc, stream, user, rpcWatch, streamWatch, userWatch, openedAt: now, keptAliveAt: now };
  } catch (error) {
    opened.forEach((socket) => socket.terminate());
    throw error;
  }
}

/** Asks for a listen key on `rpc` and connects `/private/ws/<key>`. */
export async function openUserStream(hooks: LinkHooks, rpc: RpcSocket, watch: Watchdog): Promise<UserStream> {
  const listenKey = await startUserDataStream(hooks.context(rpc));
  return UserStream.connect(hooks.endpoints.private, listenKey, {
    onEvent: hooks.onUserEvent,
    onFrame: () => hooks.onFrame(watch),
    onBadFrame: hooks.onBadFrame,
    onClose: () => hooks.onDropped('user data stream'),
  });
}

/** A dead peer would never complete a closing handshake: the sockets are dropped outright. */
export function closeLink(link: Link): void {
  link.rpc.terminate();
  link.stream.terminate();
  link.user.terminate();
}
