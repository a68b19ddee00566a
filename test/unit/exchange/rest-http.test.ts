/**
 * REST replies read defensively, against a local HTTP server on 127.0.0.1: a hostile endpoint that
 * streams without end (no Content-Length) is refused once the cap is passed and the transfer stops;
 * a declared oversize is refused before the body is read; error replies are Binance's JSON
 * `{code,msg}` mapped like WS API errors, with `Retry-After` seconds turned into a resume time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { restGet, type RestContext } from '../../../electron/exchange/rest-http';
import { waitFor } from '../../support/wait';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server === null ? resolve(null) : server.close(resolve)));
  server = null;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const SERVER_NOW = 1_700_000_000_000;
const contextFor = (base: string, extra: Partial<RestContext> = {}): RestContext => ({ base, serverNow: () => SERVER_NOW, ...extra });

describe('REST replies are read with a cap', () => {
  it('a body streamed without Content-Length is refused past the cap, and the stream is cut', async () => {
    const CAP = 64 * 1024;
    const CHUNK = Buffer.alloc(16 * 1024, 0x20);
    let written = 0;
    let ended: 'closed' | null = null;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked: no Content-Length
      res.write('[');
      // Streams "gigabytes": keeps writing as long as the client reads.
      const pump = (): void => {
        while (ended === null && written < 1024 ** 3) {
          written += CHUNK.length;
          if (!res.write(CHUNK)) return void res.once('drain', pump);
        }
      };
      res.on('close', () => (ended = 'closed'));
      pump();
    });
    await expect(restGet(contextFor(base, { maxBytes: CAP }), '/fapi/v1/exchangeInfo')).rejects.toThrow(
      /\/fapi\/v1\/exchangeInfo sent an oversized reply \(more than 65536 bytes\)/,
    );
    // The client hung up: the server saw the connection close long before a gigabyte.
    await waitFor(() => ended ?? undefined, 5_000, 'the server to see the connection close');
    expect(written).toBeLessThan(64 * 1024 ** 2);
  });

  it('a declared Content-Length over the cap is refused before the body is read', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(10 * 1024 ** 3) });
      res.write('[');
    });
    await expect(restGet(contextFor(base, { maxBytes: 1024 }), '/fapi/v1/exchangeInfo')).rejects.toThrow(/oversized reply \(10737418240 bytes declared\)/);
  });

  it('a reply within the cap is parsed, and X-MBX-USED-WEIGHT-1M is reported', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-MBX-USED-WEIGHT-1M': '37' });
      res.end('{"serverTime":1700000000123}');
    });
    const used: number[] = [];
    await expect(restGet(contextFor(base, { onUsedWeight: (count) => used.push(count) }), '/fapi/v1/time')).resolves.toEqual({ serverTime: 1_700_000_000_123 });
    expect(used).toEqual([37]);
  });
});

describe('REST errors go through the WS API mapping', () => {
  const answering = (status: number, body: string, headers: Record<string, string> = {}) =>
    serve((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(body);
    });

  it('429 with Retry-After → rate-limit until then (exchange time)', async () => {
    const base = await answering(429, '{"code":-1003,"msg":"Too many requests; current limit is 2400 requests per minute."}', { 'Retry-After': '7' });
    await expect(restGet(contextFor(base), '/fapi/v1/leverageBracket')).rejects.toMatchObject({
      kind: 'rate-limit',
      code: -1003,
      status: 429,
      retryAfter: SERVER_NOW + 7_000,
    });
  });

  it('418 with Retry-After → banned until then', async () => {
    const base = await answering(418, '{"code":-1003,"msg":"Way too many requests; IP banned until 1700000120000."}', { 'Retry-After': '120' });
    await expect(restGet(contextFor(base), '/fapi/v1/time')).rejects.toMatchObject({ kind: 'banned', status: 418, retryAfter: SERVER_NOW + 120_000 });
  });

  it('401/-2015, -2014 and -1022 → auth; 403 → the WAF back-off; 5xx and 408 → transient', async () => {
    const cases: Array<[number, string, string]> = [
      [401, '{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}', 'auth'],
      [400, '{"code":-2014,"msg":"API-key format invalid."}', 'auth'],
      [400, '{"code":-1022,"msg":"Signature for this request is not valid."}', 'auth'],
      [403, '<html>blocked</html>', 'rate-limit'],
      [503, '{"code":-1008,"msg":"Server is currently overloaded with other requests."}', 'transient'],
      [502, 'Bad Gateway', 'transient'],
      [408, '', 'transient'],
      [400, '{"code":-1102,"msg":"Mandatory parameter"}', 'request'],
    ];
    for (const [status, body, kind] of cases) {
      const base = await answering(status, body);
      await expect(restGet(contextFor(base), '/fapi/v1/symbolConfig'), `${status} ${body}`).rejects.toMatchObject({ kind, status });
      server?.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
      server = null;
    }
  });

  it('an error without a Binance code names the call and the status', async () => {
    const base = await answering(404, 'Not Found');
    await expect(restGet(contextFor(base), '/fapi/v1/symbolConfig')).rejects.toThrow('/fapi/v1/symbolConfig answered HTTP 404.');
  });
});
