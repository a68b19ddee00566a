import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../electron/simulator';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Sends raw bytes over TCP and returns the first line of the answer (bounded wait). */
function rawRequest(rest: string, text: string): Promise<string> {
  const { hostname, port } = new URL(rest);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let received = '';
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('no answer'))), 2_000);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received.slice(0, received.indexOf('\r\n')));
      }
    });
    socket.on('error', (error) => (clearTimeout(timer), reject(error)));
  });
}

const upgrade = (target: string): string =>
  `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
  'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

describe('simulator under hostile input', () => {
  it('answers unparseable request targets with errors and keeps serving', async () => {
    sim = await startSimulator();
    expect(await rawRequest(sim.urls.rest, 'GET http://[bad HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawRequest(sim.urls.rest, upgrade('http://[bad'))).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawRequest(sim.urls.rest, upgrade('/market/ws/%E0%A4%A'))).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawRequest(sim.urls.rest, upgrade('/elsewhere'))).toMatch(/^HTTP\/1\.1 404/);
    expect((await fetch(`${sim.urls.rest}/fapi/v1/time`)).status).toBe(200);
  });
});
