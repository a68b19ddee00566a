/**
 * The real Desk with the vault as its ProfilesPort, against the simulator: a saved profile connects
 * and shows its account, survives a restart, and a damaged profiles file never stops the app from
 * starting in demo mode. A profiles file edited to point a saved key at another server starts in
 * demo mode too, and that server never hears from PerpDesk.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { Desk } from '../../../electron/desk/desk';
import { dispatchInvoke } from '../../../electron/ipc/dispatch';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { Cipher } from '../../../electron/vault/cipher';
import { profilesPort } from '../../../electron/vault/desk-port';
import { createEphemeralCipher } from '../../../electron/vault/ephemeral-cipher';
import { ProfileService } from '../../../electron/vault/profile-service';
import { openConfStore } from '../../../electron/vault/store-file';
import type { ProfileInput } from '../../../shared/profiles';
import { waitFor } from '../../support/wait';

let simulator: RunningSimulator;
let dir: string;
const desks: Desk[] = [];

beforeEach(async () => {
  simulator = await startSimulator({ seed: 9, markIntervalMs: 60_000 });
  dir = mkdtempSync(join(tmpdir(), 'perpdesk-desk-vault-'));
});

afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.stop();
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startDesk(cipher: Cipher): Promise<Desk> {
  const demo = simulator.accounts.find((account) => account.name === 'oneway')!;
  const service = new ProfileService({ location: { dir, name: 'profiles' }, openStore: openConfStore, cipher });
  const desk = new Desk({
    startDemoExchange: () =>
      Promise.resolve({
        endpoints: simulator.urls,
        credentials: { oneway: { apiKey: demo.apiKey, secret: demo.secret }, hedge: { apiKey: demo.apiKey, secret: demo.secret }, multi: { apiKey: demo.apiKey, secret: demo.secret } },
        close: () => Promise.resolve(),
      }),
    profiles: profilesPort(service),
    refreshIntervalMs: 60_000,
  });
  desks.push(desk);
  await desk.start();
  return desk;
}

function hedgeProfile(): ProfileInput & { apiKey: string } {
  const hedge = simulator.accounts.find((account) => account.name === 'hedge')!;
  return {
    name: 'Sim hedge',
    environment: 'custom',
    keyType: 'HMAC',
    apiKey: hedge.apiKey,
    secret: hedge.secret,
    customUrls: simulator.urls,
    allowPlaintext: false,
  };
}

async function connectionWhen(desk: Desk, accept: (state: Awaited<ReturnType<Desk['handlers']['getState']>>) => boolean) {
  let latest: Awaited<ReturnType<Desk['handlers']['getState']>> | null = null;
  return waitFor(() => {
    void Promise.resolve(desk.handlers.getState()).then((state) => (latest = state));
    return latest !== null && accept(latest) ? latest : undefined;
  }, 8_000, 'the desk state');
}

describe('Desk with the vault', () => {
  it('a saved profile connects and shows its own account; a restart resumes it', async () => {
    const cipher = createEphemeralCipher();
    const desk = await startDesk(cipher);
    const { id } = await desk.handlers.saveProfile(hedgeProfile());
    await desk.handlers.activateProfile(id);
    const hedgeOpen = simulator.truth('hedge').filter((row) => Number(row.positionAmt) !== 0).length;
    const state = await connectionWhen(
      desk,
      (s) => s.connection.profileName === 'Sim hedge' && s.connection.state === 'live' && desk.positionsView().rows.length === hedgeOpen,
    );
    expect(state.connection.environment).toBe('custom');

    await desk.stop();
    const restarted = await startDesk(cipher);
    await connectionWhen(restarted, (s) => s.connection.profileName === 'Sim hedge' && s.connection.state === 'live');
  });

  it('starts in demo mode when the profiles file is damaged, and reports the damage on listProfiles', async () => {
    writeFileSync(join(dir, 'profiles.json'), '{"version":1,');
    const desk = await startDesk(createEphemeralCipher());
    await connectionWhen(desk, (s) => s.connection.environment === 'demo' && s.connection.state === 'live');
    await expect(Promise.resolve().then(() => desk.handlers.listProfiles())).rejects.toMatchObject({ code: 'vault-corrupt' });
  });

  it('starts in demo mode when the active profile no longer decrypts (another key store key)', async () => {
    const first = await startDesk(createEphemeralCipher());
    const { id } = await first.handlers.saveProfile(hedgeProfile());
    await first.handlers.activateProfile(id);
    await first.stop();
    const desk = await startDesk(createEphemeralCipher());
    await connectionWhen(desk, (s) => s.connection.environment === 'demo' && s.connection.state === 'live');
    await expect(Promise.resolve().then(() => desk.handlers.activateProfile(id))).rejects.toMatchObject({ code: 'secret-unreadable' });
  });

  it('an active profile whose file now points at another server starts in demo mode; that server is never contacted', async () => {
    const cipher = createEphemeralCipher();
    const first = await startDesk(cipher);
    const { id } = await first.handlers.saveProfile(hedgeProfile());
    await first.handlers.activateProfile(id);
    await first.stop();

    // Someone who can write the user's files points the profile at their own server.
    const rogue = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => rogue.once('listening', resolve));
    let contacted = 0;
    rogue.on('connection', () => (contacted += 1));
    const rogueUrl = `ws://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
    const file = join(dir, 'profiles.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Array<{ customUrls: Record<string, string> }> };
    doc.profiles[0]!.customUrls = { wsApi: `${rogueUrl}/ws-fapi/v1`, market: `${rogueUrl}/market`, private: `${rogueUrl}/private`, rest: 'http://127.0.0.1:9' };
    writeFileSync(file, JSON.stringify(doc));
    try {
      const desk = await startDesk(cipher);
      await connectionWhen(desk, (s) => s.connection.environment === 'demo' && s.connection.state === 'live');
      await expect(Promise.resolve().then(() => desk.handlers.activateProfile(id))).rejects.toMatchObject({ code: 'secret-mismatch' });
      expect(contacted).toBe(0);
    } finally {
      await new Promise((resolve) => rogue.close(resolve));
    }
  });

  it('editing the active profile with a new secret reconnects with it (a wrong one fails auth)', async () => {
    const desk = await startDesk(createEphemeralCipher());
    const input = hedgeProfile();
    const { id } = await desk.handlers.saveProfile(input);
    await desk.handlers.activateProfile(id);
    await connectionWhen(desk, (s) => s.connection.profileName === 'Sim hedge' && s.connection.state === 'live');
    const oneway = simulator.accounts.find((account) => account.name === 'oneway')!;
    await desk.handlers.saveProfile({ ...input, id, secret: oneway.secret });
    await connectionWhen(desk, (s) => s.connection.state === 'auth-failed');
  });

  it('editing the active profile through the contract without its API key or secret keeps them: it reconnects live', async () => {
    const desk = await startDesk(createEphemeralCipher());
    const input = hedgeProfile();
    const { id } = await desk.handlers.saveProfile(input);
    await desk.handlers.activateProfile(id);
    await connectionWhen(desk, (s) => s.connection.profileName === 'Sim hedge' && s.connection.state === 'live');

    // What the edit dialog sends with both fields left empty: no apiKey, no secret.
    const { apiKey: _apiKey, secret: _secret, ...edit } = input;
    const saved = await dispatchInvoke(desk.handlers, 'saveProfile', [{ ...edit, id, name: 'Sim hedge (renamed)' }]);
    expect(saved).toEqual({ ok: true, value: expect.objectContaining({ id, name: 'Sim hedge (renamed)', apiKeyTail: input.apiKey.slice(-4) }) as unknown });
    const hedgeOpen = simulator.truth('hedge').filter((row) => Number(row.positionAmt) !== 0).length;
    await connectionWhen(
      desk,
      (s) => s.connection.profileName === 'Sim hedge (renamed)' && s.connection.state === 'live' && desk.positionsView().rows.length === hedgeOpen,
    );

    // A key type the stored HMAC secret cannot serve is refused in plain words; the profile stays as it was.
    const refused = await dispatchInvoke(desk.handlers, 'saveProfile', [{ ...edit, id, name: 'Sim hedge (renamed)', keyType: 'ED25519' }]);
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-secret', message: expect.stringMatching(/cannot sign as Ed25519/) as unknown } });
    expect((await desk.handlers.listProfiles()).profiles).toEqual([expect.objectContaining({ id, keyType: 'HMAC' })]);
  });
});
