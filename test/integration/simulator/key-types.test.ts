/**
 * All three key types (PROTOCOL §3) over real sockets: HMAC, RSA and Ed25519 signatures are
 * accepted; tampering, the wrong algorithm, stale and future timestamps are refused with the
 * documented codes; session.logon works with Ed25519 only.
 */
import { describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimKeyCredentials } from '../../../electron/simulator';
import { eachTestFrozenSimulatorWithPeer, FROZEN_NOW, type Peer, type Reply, type SignedParams, sign, signWithKey } from './helpers';

let sim: RunningSimulator;
let peer: Peer;
eachTestFrozenSimulatorWithPeer((started, opened) => {
  sim = started;
  peer = opened;
});

const keyOf = (name: 'oneway' | 'hedge', keyType: SimKeyCredentials['keyType']): SimKeyCredentials =>
  sim.keys.find((k) => k.name === name && k.keyType === keyType)!;

/** Signs with whatever the key is. */
function signed(key: SimKeyCredentials, extra: SignedParams = {}): SignedParams {
  const params = { apiKey: key.apiKey, timestamp: FROZEN_NOW, ...extra };
  return key.keyType === 'HMAC' ? sign(params, key.secret) : signWithKey(params, key.privateKeyPem);
}

let nextId = 0;
const call = (method: string, params?: SignedParams): Promise<Reply> => peer.call({ id: ++nextId, method, params });

describe('key types', () => {
  it('publishes three HMAC keys (the accounts) plus an Ed25519 and an RSA key for oneway and hedge', () => {
    expect(sim.accounts.map((a) => `${a.name}:${a.keyType}`)).toEqual(['oneway:HMAC', 'hedge:HMAC', 'multi:HMAC']);
    expect(sim.keys.map((k) => `${k.name}:${k.keyType}`)).toEqual([
      'oneway:HMAC', 'hedge:HMAC', 'multi:HMAC', 'oneway:ED25519', 'hedge:ED25519', 'oneway:RSA', 'hedge:RSA',
    ]);
    for (const key of sim.keys) expect(key.apiKey).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it.each(['HMAC', 'ED25519', 'RSA'] as const)('accepts %s signatures, each seeing its own account', async (keyType) => {
    for (const name of ['oneway', 'hedge'] as const) {
      const reply = await call('account.position', signed(keyOf(name, keyType)));
      expect(reply.status).toBe(200);
      expect(reply.result).toEqual(sim.truth(name));
    }
  });

  it.each(['HMAC', 'ED25519', 'RSA'] as const)('%s: a tampered payload is -1022', async (keyType) => {
    const params = signed(keyOf('oneway', keyType), { recvWindow: 5000 });
    const reply = await call('account.position', { ...params, recvWindow: 6000 });
    expect(reply).toMatchObject({ status: 400, error: { code: -1022, msg: 'Signature for this request is not valid.' } });
  });

  it.each(['HMAC', 'ED25519', 'RSA'] as const)('%s: stale and future timestamps are -1021', async (keyType) => {
    const key = keyOf('hedge', keyType);
    expect((await call('account.position', signed(key, { timestamp: FROZEN_NOW - 5001 }))).error?.code).toBe(-1021);
    expect((await call('account.position', signed(key, { timestamp: FROZEN_NOW + 1000 }))).error?.code).toBe(-1021);
    expect((await call('account.position', signed(key, { timestamp: FROZEN_NOW + 999 }))).status).toBe(200);
  });

  it('the wrong algorithm for the key is -1022', async () => {
    const ed = keyOf('oneway', 'ED25519');
    const rsa = keyOf('oneway', 'RSA');
    const hmac = keyOf('oneway', 'HMAC');
    if (hmac.keyType !== 'HMAC' || rsa.keyType === 'HMAC' || ed.keyType === 'HMAC') throw new Error('unexpected key types');
    const cases: SignedParams[] = [
      sign({ apiKey: ed.apiKey, timestamp: FROZEN_NOW }, hmac.secret), // hex HMAC on an Ed25519 key
      signWithKey({ apiKey: ed.apiKey, timestamp: FROZEN_NOW }, rsa.privateKeyPem), // RSA signature on an Ed25519 key
      signWithKey({ apiKey: rsa.apiKey, timestamp: FROZEN_NOW }, ed.privateKeyPem), // Ed25519 signature on an RSA key
      signWithKey({ apiKey: hmac.apiKey, timestamp: FROZEN_NOW }, ed.privateKeyPem), // base64 on an HMAC key
      signWithKey({ apiKey: keyOf('hedge', 'ED25519').apiKey, timestamp: FROZEN_NOW }, ed.privateKeyPem), // another account's key
    ];
    for (const params of cases) expect((await call('account.position', params)).error?.code).toBe(-1022);
  });

  it('base64 that is not canonical (URL-safe alphabet, no padding) is -1022', async () => {
    const params = signed(keyOf('oneway', 'ED25519'));
    const signature = String(params.signature);
    const urlSafe = signature.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect((await call('account.position', { ...params, signature: urlSafe })).error?.code).toBe(-1022);
  });
});

describe('session.logon', () => {
  it('Ed25519: logs on (weight 2); signed methods then need only a timestamp', async () => {
    const ed = keyOf('hedge', 'ED25519');
    const logon = await call('session.logon', signed(ed));
    expect(logon).toMatchObject({
      status: 200,
      result: { apiKey: ed.apiKey, authorizedSince: FROZEN_NOW, connectedSince: FROZEN_NOW, returnRateLimits: true, serverTime: FROZEN_NOW },
      rateLimits: [{ count: 7 }], // handshake 5 + 2
    });
    expect((await call('session.status')).result).toMatchObject({ apiKey: ed.apiKey, authorizedSince: FROZEN_NOW });
    expect((await call('account.position', { timestamp: FROZEN_NOW })).result).toEqual(sim.truth('hedge'));
    expect((await call('v2/account.balance', { timestamp: FROZEN_NOW })).status).toBe(200);
    // Still checked: the timestamp is mandatory and must be fresh.
    expect((await call('account.position', {})).error?.code).toBe(-1102);
    expect((await call('account.position', { timestamp: FROZEN_NOW - 60_000 })).error?.code).toBe(-1021);
    // userDataStream.* may omit the apiKey too.
    expect((await call('userDataStream.start')).result).toHaveProperty('listenKey');
  });

  it('an explicit apiKey + signature overrides the session key', async () => {
    await call('session.logon', signed(keyOf('hedge', 'ED25519')));
    const explicit = await call('account.position', signed(keyOf('oneway', 'HMAC')));
    expect(explicit.result).toEqual(sim.truth('oneway'));
    const mismatched = await call('account.position', { apiKey: keyOf('oneway', 'HMAC').apiKey, timestamp: FROZEN_NOW });
    expect(mismatched.error?.code).toBe(-1102); // a different key without a signature is not the session
  });

  it('session.logout drops the key and keeps the connection', async () => {
    await call('session.logon', signed(keyOf('oneway', 'ED25519')));
    expect((await call('session.logout')).result).toMatchObject({ apiKey: null, authorizedSince: null });
    expect((await call('account.position', { timestamp: FROZEN_NOW })).error?.code).toBe(-1102);
    expect((await call('session.status')).status).toBe(200);
  });

  it.each(['HMAC', 'RSA'] as const)('%s keys are refused with -4056; the session stays anonymous', async (keyType) => {
    const reply = await call('session.logon', signed(keyOf('oneway', keyType)));
    expect(reply).toMatchObject({ status: 400, error: { code: -4056 } });
    expect((await call('session.status')).result).toMatchObject({ apiKey: null });
  });

  it('the logon request itself is verified: tampered -1022, stale -1021, unknown key -2015', async () => {
    const ed = keyOf('oneway', 'ED25519');
    expect((await call('session.logon', { ...signed(ed), timestamp: FROZEN_NOW - 1 })).error?.code).toBe(-1022);
    expect((await call('session.logon', signed(ed, { timestamp: FROZEN_NOW - 10_000 }))).error?.code).toBe(-1021);
    expect((await call('session.logon', { ...signed(ed), apiKey: 'A'.repeat(64) })).error?.code).toBe(-2015);
  });
});
