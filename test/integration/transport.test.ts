/**
 * The request/response transport over a real socket on 127.0.0.1, against a bare `ws` server the
 * test scripts: ids match replies, timeouts reject and clean up, a close rejects what is pending,
 * junk frames and replies to nothing pending (unknown, duplicate, late, wrongly typed ids) are
 * counted without effect, and only `id: null` frames reach the owner as server notices.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { RpcSocket } from '../../electron/exchange/transport';
import { waitFor } from '../support/wait';

let server: WebSocketServer | null = null;

async function serve(onRequest: (socket: WebSocket, request: { id: string; method: string }) => void): Promise<string> {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => onRequest(socket, JSON.parse(data.toString('utf8')) as { id: string; method: string }));
  });
  await new Promise((resolve) => server!.once('listening', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => (server === null ? resolve(null) : server.close(resolve)));
  server = null;
});

describe('RpcSocket', () => {
  it('matches replies to requests by id, in any order', async () => {
    const held: Array<[WebSocket, string]> = [];
    const url = await serve((socket, request) => {
      held.push([socket, request.id]);
      if (held.length === 2) {
        for (const [s, id] of held.reverse()) s.send(JSON.stringify({ id, status: 200, result: id }));
      }
    });
    const rpc = await RpcSocket.connect(url, 2_000);
    const [a, b] = await Promise.all([rpc.request('first'), rpc.request('second')]);
    expect(a.result).not.toBe(b.result);
    expect(a.id).toBe(a.result);
    expect(b.id).toBe(b.result);
    expect(rpc.pendingCount).toBe(0);
    rpc.close();
  });

  it('rejects a request the server never answers, and forgets it', async () => {
    const url = await serve(() => undefined);
    const rpc = await RpcSocket.connect(url, 150);
    await expect(rpc.request('account.position')).rejects.toThrow(/did not answer account.position within 150 ms/);
    expect(rpc.pendingCount).toBe(0);
    rpc.close();
  });

  it('rejects pending requests when the socket drops, and reports the close once', async () => {
    let closes = 0;
    const url = await serve((socket) => socket.terminate());
    const rpc = await RpcSocket.connect(url, 5_000, { onClose: () => closes++ });
    await expect(rpc.request('account.position')).rejects.toThrow(/closed before it answered/);
    expect(rpc.pendingCount).toBe(0);
    expect(rpc.isOpen).toBe(false);
    await expect(rpc.request('again')).rejects.toThrow(/closed/);
    rpc.close();
    expect(closes).toBe(1);
  });

  it('counts junk and replies to nothing pending, passes id:null notices on, and still answers the request', async () => {
    const bad: string[] = [];
    const notices: unknown[] = [];
    const url = await serve((socket, request) => {
      const reply = { id: request.id, status: 200, result: 'ok' };
      socket.send('not json {');
      socket.send(Buffer.from([0xff, 0x00]), { binary: true });
      socket.send('[1,2,3]');
      socket.send(JSON.stringify({ id: null, status: 401, error: { code: -2015, msg: 'Invalid API-key' } }));
      socket.send(JSON.stringify({ id: 'unknown-id', status: 200, result: 1 }));
      socket.send(JSON.stringify({ ...reply, id: Number(request.id.replace(/\D/g, '')) })); // same digits, a number
      socket.send(JSON.stringify({ ...reply, id: { id: request.id } }));
      socket.send(JSON.stringify(reply));
      // A duplicate carrying an error must not be mistaken for anything: it answers nothing pending.
      socket.send(JSON.stringify({ id: request.id, status: 401, error: { code: -2015, msg: 'Invalid API-key' } }));
    });
    const rpc = await RpcSocket.connect(url, 2_000, {
      onBadFrame: (reason) => bad.push(reason),
      onServerNotice: (frame) => notices.push(frame),
    });
    await expect(rpc.request('x')).resolves.toEqual({ id: 'pd1', status: 200, result: 'ok' });
    await waitFor(() => (bad.length === 7 ? true : undefined), 5_000, 'the duplicate');
    expect(bad).toEqual([
      'not a JSON object',
      'not a JSON object',
      'not a JSON object',
      'reply to no pending request',
      'reply id missing or of the wrong type',
      'reply id missing or of the wrong type',
      'reply to no pending request',
    ]);
    expect(notices).toEqual([{ id: null, status: 401, error: { code: -2015, msg: 'Invalid API-key' } }]);
    expect(rpc.pendingCount).toBe(0);
    expect(rpc.isOpen).toBe(true);
    rpc.close();
  });

  it('a reply that comes after its request timed out is counted, not delivered', async () => {
    const bad: string[] = [];
    const held: Array<[WebSocket, string]> = [];
    const url = await serve((socket, request) => held.push([socket, request.id]));
    const rpc = await RpcSocket.connect(url, 100, { onBadFrame: (reason) => bad.push(reason) });
    await expect(rpc.request('slow')).rejects.toThrow(/did not answer slow/);
    const [socket, id] = held[0]!;
    socket.send(JSON.stringify({ id, status: 200, result: 'late' }));
    await waitFor(() => (bad.length === 1 ? true : undefined), 5_000, 'the late reply');
    expect(bad).toEqual(['reply to no pending request']);
    expect(rpc.pendingCount).toBe(0);
    rpc.close();
  });
});
