/**
 * The P1 peer, run as its own process so its CPU is not counted against the consumer: a minimal
 * WebSocket server on 127.0.0.1 that, after the client's first message (SUBSCRIBE, or anything),
 * writes every pre-encoded frame as fast as the socket takes them.
 *
 *   node --import tsx bench/p1/blaster.ts <symbols>:<frames>,<symbols>:<frames>,…
 *
 * The path chooses the workload: ws://127.0.0.1:P/n<symbols>/stream?streams= → <symbols> symbols,
 * <frames> frames per connection. Every workload is encoded up front; {"port":P} is printed on
 * stdout once listening.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { encodeWebSocketFrames, markFrameTexts } from './frames';

const workloads = new Map(
  (process.argv[2] ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split(':').map(Number) as [number, number]),
);
const encoded = new Map<number, Buffer>();
const CHUNK_BYTES = 256 * 1024;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

for (const [symbols, frames] of workloads) {
  encoded.set(symbols, encodeWebSocketFrames(markFrameTexts(symbols, Math.ceil(frames / symbols))));
}

/** Writes the buffer in chunks, waiting for 'drain' whenever the socket's buffer is full. */
function blast(socket: Socket, buffer: Buffer): void {
  let offset = 0;
  const pump = (): void => {
    while (offset < buffer.length && !socket.destroyed) {
      const end = Math.min(offset + CHUNK_BYTES, buffer.length);
      const more = socket.write(buffer.subarray(offset, end));
      offset = end;
      if (!more) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

const server = createServer((_request, response) => response.writeHead(404).end());
server.on('upgrade', (request, socket: Socket) => {
  socket.on('error', () => socket.destroy());
  const symbols = Number(/^\/n(\d+)\//.exec(request.url ?? '')?.[1] ?? 'NaN');
  const key = request.headers['sec-websocket-key'];
  const buffer = encoded.get(symbols);
  if (buffer === undefined || typeof key !== 'string') {
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    return;
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.setNoDelay(true);
  // The client's first frame (SUBSCRIBE) starts the blast. Later frames (more SUBSCRIBEs, close)
  // are ignored: closing here while the client still reads could reset the connection and lose
  // frames in flight. The client terminates the connection when it has counted them all.
  let started = false;
  socket.on('data', () => {
    if (started) return;
    started = true;
    blast(socket, buffer);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
