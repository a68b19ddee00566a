/**
 * "Test connection" against the real simulator over sockets on 127.0.0.1: a custom-environment
 * profile with the simulator's URLs and demo keys. The right open position count, the exchange's
 * refusal in plain words, unreachable URLs named, and the socket closed whatever happened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { RpcSocket } from '../../../electron/exchange/transport';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { createEphemeralCipher } from '../../../electron/vault/ephemeral-cipher';
import { ProfileService, type ProfileServiceOptions } from '../../../electron/vault/profile-service';
import { openConfStore } from '../../../electron/vault/store-file';
import type { ProfileInput } from '../../../shared/profiles';
import { simulatorAccount } from '../../support/simulator-demo';

let simulator: RunningSimulator;
let dir: string;
let sockets: RpcSocket[];
const servers: WebSocketServer[] = [];

beforeEach(async () => {
  simulator = await startSimulator({ seed: 5, markIntervalMs: 60_000 });
  dir = mkdtempSync(join(tmpdir(), 'perpdesk-vault-it-'));
  sockets = [];
});

afterEach(async () => {
  await simulator.close();
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A service whose sockets the test can inspect afterwards. */
function service(options: Partial<ProfileServiceOptions> = {}): ProfileService {
  return new ProfileService({
    location: { dir, name: 'profiles' },
    openStore: openConfStore,
    cipher: createEphemeralCipher(),
    connectRpc: async (url, timeoutMs) => {
      const socket = await RpcSocket.connect(url, timeoutMs);
      sockets.push(socket);
      return socket;
    },
    ...options,
  });
}

function account(name: 'oneway' | 'hedge') {
  return simulatorAccount(simulator, name);
}

function simulatorProfile(overrides: Partial<ProfileInput> = {}): ProfileInput {
  const { apiKey, secret } = account('oneway');
  return {
    name: 'Simulator',
    environment: 'custom',
    keyType: 'HMAC',
    apiKey,
    secret,
    customUrls: simulator.urls,
    allowPlaintext: false,
    ...overrides,
  };
}

function openCount(name: 'oneway' | 'hedge'): number {
  return simulator.truth(name).filter((row) => Number(row.positionAmt) !== 0).length;
}

function expectAllClosed(): void {
  expect(sockets.length).toBeGreaterThan(0);
  for (const socket of sockets) {
    expect(socket.isOpen).toBe(false);
    expect(socket.pendingCount).toBe(0);
  }
}

describe('ProfileService.testConnection against the simulator', () => {
  it.each(['oneway', 'hedge'] as const)('%s account: success with the number of open positions', async (name) => {
    const profiles = service();
    const { apiKey, secret } = account(name);
    const { id } = profiles.saveProfile(simulatorProfile({ apiKey, secret, name }));
    const expected = openCount(name);
    expect(expected).toBeGreaterThan(0);

    const result = await profiles.testConnection(id);
    expect(result).toEqual({
      ok: true,
      message: `Connected to the custom exchange: the key can read positions (${expected} open positions).`,
      openPositions: expected,
    });
    expectAllClosed();
  });

  it('a wrong secret: the exchange refuses the signature (-1022), in plain words naming the key type', async () => {
    const profiles = service();
    const wrong = account('hedge').secret; // a real secret, of the other key
    const { id } = profiles.saveProfile(simulatorProfile({ secret: wrong }));
    const result = await profiles.testConnection(id);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^The exchange rejected the signature made with this HMAC secret: .* registered on the exchange as an HMAC key \(not Ed25519 or RSA\)\.$/) as unknown,
      openPositions: null,
    });
    expectAllClosed();
  });

  it('an API key the exchange does not know (-2015)', async () => {
    const profiles = service();
    const { id } = profiles.saveProfile(simulatorProfile({ apiKey: 'Q'.repeat(64) }));
    const result = await profiles.testConnection(id);
    expect(result.ok).toBe(false);
    expect(result.message).toBe('The exchange rejected the API key: check the key, the IP whitelist, and that Futures is enabled for it.');
    expectAllClosed();
  });

  it('an unreachable exchange: "could not reach", naming where', async () => {
    const profiles = service();
    const closed = 'http://127.0.0.1:1';
    const { id } = profiles.saveProfile(
      simulatorProfile({ customUrls: { wsApi: 'ws://127.0.0.1:1/ws-fapi/v1', market: 'ws://127.0.0.1:1/market', private: 'ws://127.0.0.1:1/private', rest: closed } }),
    );
    const result = await profiles.testConnection(id);
    expect(result.ok).toBe(false);
    expect(result.openPositions).toBeNull();
    expect(result.message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:1/);
    expect(sockets).toEqual([]); // never got as far as a socket
  });

  it('a WS API URL that refuses connections while REST answers', async () => {
    const profiles = service();
    const { id } = profiles.saveProfile(simulatorProfile({ customUrls: { ...simulator.urls, wsApi: 'ws://127.0.0.1:1/ws-fapi/v1' } }));
    const result = await profiles.testConnection(id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Could not reach 127\.0\.0\.1:1: .*ECONNREFUSED/);
  });

  it('a WS API that never answers: a timeout message, and the socket is closed', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const profiles = service({ requestTimeoutMs: 300 });
    const { id } = profiles.saveProfile(simulatorProfile({ customUrls: { ...simulator.urls, wsApi: `ws://127.0.0.1:${port}/ws-fapi/v1` } }));
    const closedByClient = new Promise<void>((resolve) => server.on('connection', (socket) => socket.on('close', () => resolve())));

    const result = await profiles.testConnection(id);
    expect(result).toEqual({ ok: false, message: 'The exchange did not answer account.position within 300 ms.', openPositions: null });
    expectAllClosed();
    await closedByClient; // the server saw the socket go
  });

  it('the simulator sees the test socket close after a success', async () => {
    const profiles = service();
    const { id } = profiles.saveProfile(simulatorProfile());
    await profiles.testConnection(id);
    expectAllClosed();
    // A second test opens a second, fresh socket: nothing is reused or left open.
    await profiles.testConnection(id);
    expect(sockets).toHaveLength(2);
    expectAllClosed();
  });
});
