/**
 * The test bridge's socket carrier, for the bench's browser figures (P2, P3, P7): pushes and invoke
 * calls between Node and the page over one WebSocket on 127.0.0.1 instead of a DevTools-protocol
 * call each. Each `page.evaluate` costs the page ~4 ms of inspector work (measured: bench/PROFILE.md),
 * more than the app's own work per push, which Electron's IPC (a message on a pipe, structured
 * clone at each end) does not have; a socket is a message on a pipe, decoded at each end.
 *
 * Messages are text: a header line, then the body encoded in structured clone's terms
 * (clone-codec.ts) — `push <channel>`, `invoke <id> <channel>`, `result <id>`, `error <id>`.
 * One page document at a time: a new connection (a reload) replaces the previous one.
 *
 * The page's CSP allows no connections (`connect-src 'none'`), and Electron's IPC is not subject to
 * CSP: a page using this carrier must be opened with CSP bypassed. The e2e tests, which check the
 * CSP, keep the DevTools carrier.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket as NodeSocket } from 'ws';
import { decodeClone, encodeClone } from './clone-codec';

export interface SocketCarrier {
  /** The init script that connects the page and defines its `__perpdeskInvoke`. */
  readonly pageScript: string;
  /** Sends a push (already encoded) to the page, in order; held until the page has connected. */
  push(channel: string, encoded: string): void;
  close(): Promise<void>;
}

type Invoke = (channel: string, args: unknown) => Promise<unknown>;

/** Runs in the page (as source), after the bridge's own init script defined `__perpdeskPush`. */
function connectPage(url: string, encode: (value: unknown) => string, decode: (text: string) => unknown): void {
  const host = window as unknown as {
    __perpdeskInvoke: (channel: string, args: unknown[]) => Promise<unknown>;
    __perpdeskPush: (channel: string, encoded: string) => void;
  };
  const socket = new WebSocket(url);
  const unsent: string[] = [];
  const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  socket.addEventListener('open', () => {
    for (const message of unsent.splice(0)) socket.send(message);
  });
  // A carrier that is gone fails the calls it held, as a closed IPC channel would, instead of leaving them hanging.
  socket.addEventListener('close', () => {
    for (const call of pending.values()) call.reject(new Error('test carrier: the socket closed'));
    pending.clear();
  });
  socket.addEventListener('message', (event) => {
    const text = String(event.data);
    const lineEnd = text.indexOf('\n');
    const [kind = '', name = ''] = text.slice(0, lineEnd).split(' ');
    const body = text.slice(lineEnd + 1);
    if (kind === 'push') {
      host.__perpdeskPush(name, body);
      return;
    }
    const call = pending.get(name);
    pending.delete(name);
    if (kind === 'result') call?.resolve(decode(body));
    else call?.reject(new Error(body));
  });
  host.__perpdeskInvoke = (channel, args) =>
    new Promise((resolve, reject) => {
      const id = String(nextId++);
      pending.set(id, { resolve, reject });
      const message = `invoke ${id} ${channel}\n${encode(args)}`;
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else unsent.push(message);
    });
}

/** Starts the Node end on 127.0.0.1; `invoke` answers the page's calls (the bridge's dispatch). */
export async function startSocketCarrier(invoke: Invoke): Promise<SocketCarrier> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  let page: NodeSocket | null = null;
  const held: string[] = [];
  server.on('connection', (socket) => {
    page?.close();
    page = socket;
    // A reload closes the old page's socket: pushes wait for the new one instead of going to it.
    socket.on('close', () => {
      if (page === socket) page = null;
    });
    for (const message of held.splice(0)) socket.send(message);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return; // the page sends text only
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
      const lineEnd = text.indexOf('\n');
      const [, id = '', channel = ''] = text.slice(0, lineEnd).split(' ');
      const answer = (message: string): void => {
        if (socket.readyState === socket.OPEN) socket.send(message);
      };
      const fail = (error: unknown): void => answer(`error ${id}\n${error instanceof Error ? error.message : String(error)}`);
      // Arguments the carrier cannot decode, or a result it cannot encode, fail that call, as IPC would.
      Promise.resolve()
        .then(() => invoke(channel, decodeClone(text.slice(lineEnd + 1))))
        .then((result) => answer(`result ${id}\n${encodeClone(result)}`))
        .catch(fail);
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  return {
    pageScript: `(() => { const __name = (target) => target; (${connectPage.toString()})(${JSON.stringify(url)}, ${encodeClone.toString()}, ${decodeClone.toString()}); })();`,
    push: (channel, encoded) => {
      const message = `push ${channel}\n${encoded}`;
      if (page !== null && page.readyState === page.OPEN) page.send(message);
      else held.push(message);
    },
    close: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
