/**
 * All three key types end to end against the simulator: HMAC and RSA sign every request, Ed25519
 * logs on once per connection (session.logon) and then sends unsigned requests; the positions read
 * equal the simulator's truth for each, and the account reads (WS API and REST) are accepted too.
 */
import { describe, expect, it } from 'vitest';
import { createSigner, type Signer } from '../../electron/exchange/signing';
import { waitFor } from '../support/wait';
import { createTestClient, startTestSimulator } from '../support/simulator-client';

/** Counts how often the key signs. */
function counting(signer: Signer): Signer & { signatures: number } {
  const wrapped = {
    keyType: signer.keyType,
    apiKey: signer.apiKey,
    signatures: 0,
    sign(payload: string): string {
      wrapped.signatures++;
      return signer.sign(payload);
    },
  };
  return wrapped;
}

describe('key types', () => {
  it.each([
    ['HMAC', 'hedge', 3],
    ['RSA', 'hedge', 3],
    ['ED25519', 'oneway', 0],
  ] as const)('%s key (%s account): positions equal the truth; signatures per snapshot: %i', async (keyType, account, perSnapshot) => {
    const simulator = await startTestSimulator({ seed: 9, markIntervalMs: 60_000 });
    const key = simulator.keys.find((k) => k.keyType === keyType && k.name === account)!;
    const credentials = 'secret' in key ? { apiKey: key.apiKey, secret: key.secret } : { apiKey: key.apiKey, privateKeyPem: key.privateKeyPem };
    const signer = counting(createSigner(credentials));
    expect(signer.keyType).toBe(keyType);
    let connected = false;
    const client = createTestClient({ endpoints: simulator.urls, signer, events: { onConnected: () => (connected = true) } });
    client.start();
    await waitFor(() => (connected ? true : undefined), 8_000, 'connected');
    const afterConnect = signer.signatures;
    let rows = await client.fetchPositions();
    rows = await client.fetchPositions();
    rows = await client.fetchPositions();
    expect(signer.signatures - afterConnect).toBe(perSnapshot);
    const open = (list: Array<{ positionAmt: string; symbol: string; positionSide: string }>) =>
      list.filter((row) => Number(row.positionAmt) !== 0).map((row) => `${row.symbol}:${row.positionSide}:${row.positionAmt}`).sort();
    expect(open(rows)).toEqual(open(simulator.truth(account)));
    expect(open(rows).length).toBeGreaterThan(0);
    // The account reads sign like every request: on the WS API (v2/account.status) and on REST (accountConfig).
    const signed = signer.signatures;
    const status = await client.accountStatus();
    expect(status.positions.map((row) => `${row.symbol}:${row.positionSide}:${row.positionAmt}`).sort()).toEqual(open(rows));
    expect(await client.accountConfig()).toMatchObject({ dualSidePosition: account === 'hedge' });
    // REST is signed per request whatever the key type; the WS API only without a session.
    expect(signer.signatures - signed).toBe(keyType === 'ED25519' ? 1 : 2);
  });
});
