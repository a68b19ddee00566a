/**
 * A refused WebSocket handshake is reported without the URL's path or query: the user data
 * stream's URL carries the listen key (`/private/ws/<listenKey>`), and the error text travels to
 * the status bar, the timeline, the CLI and the log. Real sockets against a local HTTP server that
 * answers every upgrade with an error status.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEndpoint, openSocket } from '../../../electron/exchange/socket';

const LISTEN_KEY = 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1';
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An HTTP server on 127.0.0.1 that refuses every WebSocket upgrade with `status`. */
async function refusingServer(status: number): Promise<string> {
  const server = createServer((_request, response) => response.writeHead(status).end());
  server.on('upgrade', (_request, socket) => {
    socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function failureOf(url: string): Promise<Error> {
  try {
    const socket = await openSocket(url, { handshakeTimeoutMs: 10_000 });
    socket.terminate();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the handshake was expected to fail');
}

describe('openSocket: a refused handshake names the origin and route, never the path', () => {
  it('/private/ws/<listenKey> answered with 401: origin + /private and the status, no listen key', async () => {
    const base = await refusingServer(401);
    const error = await failureOf(`${base}/private/ws/${LISTEN_KEY}`);
    expect(error.message).toBe(`${base}/private answered the WebSocket handshake with HTTP 401`);
    expect(error.message).not.toContain(LISTEN_KEY);
    expect(error.message).not.toContain('/ws/');
  });

  it('the query form (?listenKey=…) and a legacy /ws/<listenKey> path are kept out too', async () => {
    const base = await refusingServer(403);
    const query = await failureOf(`${base}/private/ws?listenKey=${LISTEN_KEY}&events=ORDER_TRADE_UPDATE`);
    expect(query.message).toBe(`${base}/private answered the WebSocket handshake with HTTP 403`);
    const legacy = await failureOf(`${base}/ws/${LISTEN_KEY}`);
    expect(legacy.message).toBe(`${base}/ws answered the WebSocket handshake with HTTP 403`);
  });

  it('an unparseable URL is refused without quoting it', async () => {
    const error = await failureOf(`ws://[bad-host/private/ws/${LISTEN_KEY}`);
    expect(error.message).not.toContain(LISTEN_KEY);
    expect(error.message).toBe('The WebSocket URL is not a valid URL.');
    const scheme = await failureOf(`ftp://127.0.0.1/private/ws/${LISTEN_KEY}`);
    expect(scheme.message).toMatch(/^ftp:\/\/127\.0\.0\.1\/private: The URL's protocol must be one of/);
    expect(scheme.message).not.toContain(LISTEN_KEY);
  });
});

describe('describeEndpoint', () => {
  it('keeps a short route name and drops a first segment that could be a key', () => {
    expect(describeEndpoint('wss://fstream.binance.com/private/ws/abc?x=1')).toBe('wss://fstream.binance.com/private');
    expect(describeEndpoint('wss://ws-fapi.binance.com/ws-fapi/v1')).toBe('wss://ws-fapi.binance.com/ws-fapi');
    expect(describeEndpoint(`wss://proxy.example/${LISTEN_KEY}`)).toBe('wss://proxy.example');
    expect(describeEndpoint('wss://proxy.example:9443')).toBe('wss://proxy.example:9443');
  });
});
