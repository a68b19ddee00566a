/**
 * The ProfileService and its desk port: what activate and target hand the desk, start-up restore,
 * and malformed IPC payloads through dispatchInvoke.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { MAINNET, TESTNET } from '../../../electron/exchange/endpoints';
import { dispatchInvoke } from '../../../electron/ipc/dispatch';
import { createEphemeralCipher } from '../../../electron/vault/ephemeral-cipher';
import { profilesPort } from '../../../electron/vault/desk-port';
import type { ActiveProfile } from '../../../electron/vault/profile-service';
import type { InvokeHandlers } from '../../../shared/ipc';
import type { ProfileInput } from '../../../shared/profiles';
import { alnum, hmacInput, KEYS, makeService, profilesFile, tempDir } from './helpers';

describe('ProfileService', () => {
  it('lists profiles with the active one and the key store status', () => {
    const available = makeService(tempDir());
    const summary = available.saveProfile(hmacInput());
    expect(available.listProfiles()).toEqual({ profiles: [summary], activeId: null, keyStore: 'available' });
    const unavailable = makeService(tempDir(), { cipher: createEphemeralCipher({ available: false }) });
    expect(unavailable.listProfiles()).toEqual({ profiles: [], activeId: null, keyStore: 'unavailable' });
  });

  it('activate returns what the desk connects with and remembers the choice; null goes back to demo', () => {
    const dir = tempDir();
    const service = makeService(dir);
    const input = hmacInput({ environment: 'mainnet', name: 'Live' });
    const { id } = service.saveProfile(input);
    const active = service.activate(id);
    expect(active).toEqual<ActiveProfile>({
      id,
      profileName: 'Live',
      environment: 'mainnet',
      keyType: 'HMAC',
      endpoints: MAINNET,
      credentials: { apiKey: input.apiKey, secret: input.secret },
    });
    expect(service.listProfiles().activeId).toBe(id);
    expect(service.activate(null)).toBeNull();
    expect(service.listProfiles().activeId).toBeNull();
  });

  it('a failed activation changes nothing', () => {
    const dir = tempDir();
    const service = makeService(dir);
    const first = service.saveProfile(hmacInput({ name: 'First' }));
    service.activate(first.id);
    expect(() => service.activate('missing')).toThrow(expect.objectContaining({ code: 'unknown-profile' }));
    expect(service.activeId).toBe(first.id);
  });

  it('activate(null) works while the profiles file is damaged', () => {
    const dir = tempDir();
    writeFileSync(profilesFile(dir), '{');
    const service = makeService(dir);
    expect(service.activate(null)).toBeNull();
    expect(service.activeId).toBeNull();
    expect(() => service.listProfiles()).toThrow(expect.objectContaining({ code: 'vault-corrupt' }));
  });

  it('logs names, key types and API key tails, never key material', () => {
    const lines: string[] = [];
    const service = makeService(tempDir(), { log: (line) => lines.push(line) });
    const input = hmacInput();
    const { id } = service.saveProfile(input);
    service.activate(id);
    service.activate(null);
    service.deleteProfile(id);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const text = lines.join('\n');
    expect(text).toContain(input.apiKey.slice(-4));
    expect(text).not.toContain(input.apiKey);
    expect(text).not.toContain(input.secret);
  });
});

describe('profilesPort: the service as the desk uses it', () => {
  it('target() unlocks a saved profile as a session without marking it active; setActive() records it', async () => {
    const service = makeService(tempDir());
    const input = hmacInput({ name: 'Test' });
    const { id } = service.saveProfile(input);
    const port = profilesPort(service);
    expect(await port.target(id)).toEqual({
      environment: 'testnet',
      profileName: 'Test',
      demoAccount: null,
      endpoints: TESTNET,
      credentials: { apiKey: input.apiKey, secret: input.secret },
    });
    expect((await port.list()).activeId).toBeNull();
    await port.setActive(id);
    expect((await port.list()).activeId).toBe(id);
    await port.setActive(null);
    expect((await port.list()).activeId).toBeNull();
  });

  it('list, save, delete and test go to the service; deleting removes the profile', async () => {
    const service = makeService(tempDir());
    const port = profilesPort(service);
    const summary = await port.save(hmacInput());
    expect((await port.list()).profiles).toEqual([summary]);
    await port.delete(summary.id);
    expect((await port.list()).profiles).toEqual([]);
    await expect(Promise.resolve().then(() => port.target(summary.id))).rejects.toMatchObject({ code: 'unknown-profile' });
  });

  it('back to demo works while the profiles file is damaged; the damage is still reported by list()', async () => {
    const dir = tempDir();
    writeFileSync(profilesFile(dir), 'garbage');
    const port = profilesPort(makeService(dir));
    await expect(Promise.resolve().then(() => port.list())).rejects.toMatchObject({ code: 'vault-corrupt' });
    await port.setActive(null);
    await expect(Promise.resolve().then(() => port.list())).rejects.toMatchObject({ code: 'vault-corrupt' });
  });
});

describe('profile channels through dispatchInvoke: malformed payloads change nothing', () => {
  const canary = `CANARY${alnum(40)}`;

  function setup() {
    const dir = tempDir();
    const service = makeService(dir);
    const existing = service.saveProfile(hmacInput({ name: 'Existing' }));
    const port = profilesPort(service);
    const calls = vi.fn();
    // Only the profile channels are under test (wired as the desk wires them); the others are never called here.
    const handlers = {
      listProfiles: () => port.list(),
      saveProfile: (input: ProfileInput) => (calls('saveProfile'), port.save(input)),
      deleteProfile: (id: string) => (calls('deleteProfile'), port.delete(id), null),
      activateProfile: (id: string | null) => (calls('activateProfile'), port.setActive(id), null),
      testConnection: (id: string) => (calls('testConnection'), port.test(id)),
    } as unknown as InvokeHandlers;
    return { dir, service, existing, calls, handlers };
  }

  const MALFORMED: Array<[string, string, unknown]> = [
    ['saveProfile with no argument', 'saveProfile', []],
    ['saveProfile with a string', 'saveProfile', [canary]],
    ['saveProfile with the arguments as an object', 'saveProfile', { 0: hmacInput({ secret: canary }) }],
    ['saveProfile with an oversized secret', 'saveProfile', [hmacInput({ secret: canary.repeat(400) })]],
    ['saveProfile with a secret of the wrong type', 'saveProfile', [{ ...hmacInput(), secret: { value: canary } }]],
    ['saveProfile with an extra argument', 'saveProfile', [hmacInput({ secret: canary }), canary]],
    ['saveProfile with a prototype-polluting key', 'saveProfile', [JSON.parse(`{"__proto__":{"polluted":true},"name":"x"}`)]],
    ['deleteProfile with a number', 'deleteProfile', [42]],
    ['deleteProfile with an oversized id', 'deleteProfile', ['x'.repeat(65)]],
    ['activateProfile with an object', 'activateProfile', [{ id: 'x' }]],
    ['testConnection with nothing', 'testConnection', []],
    ['listProfiles with an argument', 'listProfiles', [canary]],
  ];

  it.each(MALFORMED)('%s: an error Result, the file unchanged, no handler called, no echo', async (_name, channel, args) => {
    const { dir, handlers, calls, service, existing } = setup();
    const before = readFileSync(profilesFile(dir), 'utf8');
    const result = await dispatchInvoke(handlers, channel, args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.message).not.toContain(canary);
    }
    expect(readFileSync(profilesFile(dir), 'utf8')).toBe(before);
    expect(calls).not.toHaveBeenCalled();
    expect(service.listProfiles().profiles).toEqual([existing]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a well-formed save with a semantic error comes back as its own code and message', async () => {
    const { handlers } = setup();
    const result = await dispatchInvoke(handlers, 'saveProfile', [hmacInput({ keyType: 'RSA', secret: KEYS.ed25519 })]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-secret', message: expect.stringMatching(/not an RSA key/) as string },
    });
  });
});
