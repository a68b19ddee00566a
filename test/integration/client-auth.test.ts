/**
 * Rejected keys against the simulator over real sockets: an unknown key (-2015), a malformed key
 * (-2014), a wrong secret (-1022) and a key of the wrong type (an HMAC secret for an Ed25519 key, an
 * RSA PEM for an HMAC key, an Ed25519 PEM for an RSA key; the exchange answers -1022). Each ends in
 * `auth-failed` with a plain message, and no retry storm: counted on the simulator's side, the
 * handshakes and requests stay at one attempt's worth while time passes far beyond the backoff —
 * even with an owner that keeps asking for positions — until the user reconnects, which costs
 * exactly one more attempt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeClient } from '../../electron/exchange/client';
import { createSigner, type Credentials } from '../../electron/exchange/signing';
import { startSimulator, type RunningSimulator, type SimKeyCredentials, type TrafficStats } from '../../electron/simulator';
import { waitFor } from '../support/wait';

/** Retries would come every ≤ 100 ms; the client's housekeeping runs every second. */
const BACKOFF = { firstMs: 20, capMs: 100 };
const OBSERVE_MS = 1_200;
/**
 * The first attempt measures the clock with one `GET /fapi/v1/time`; a later attempt within minutes
 * reuses that offset and asks nothing (a retry storm must not become a time-request storm either).
 */
const CLOCK_REQUESTS = 1;

let simulator: RunningSimulator | null = null;
let client: ExchangeClient | null = null;
let poller: NodeJS.Timeout | null = null;
afterEach(async () => {
  if (poller !== null) clearInterval(poller);
  client?.stop();
  await simulator?.close();
  poller = null;
  client = null;
  simulator = null;
});

type KeyOf = (type: SimKeyCredentials['keyType'], account?: 'oneway' | 'hedge') => SimKeyCredentials;
const secretOf = (key: SimKeyCredentials): string => ('secret' in key ? key.secret : '');
const pemOf = (key: SimKeyCredentials): string => ('privateKeyPem' in key ? key.privateKeyPem : '');

/** What the server should have received from one connection attempt that ends at the failure. */
interface Attempt {
  handshakes: Partial<TrafficStats['handshakes']>;
  wsApiRequests: number;
}
/** The key is refused by userDataStream.start, before the user stream opens. */
const REFUSED_AT_LISTEN_KEY: Attempt = { handshakes: { wsApi: 1, market: 1 }, wsApiRequests: 1 };
/** Connected; the first signed request (account.position) is refused. */
const REFUSED_AT_FIRST_SIGNATURE: Attempt = { handshakes: { wsApi: 1, market: 1, private: 1 }, wsApiRequests: 2 };
/** Ed25519 logs on first: session.logon is refused. */
const REFUSED_AT_LOGON: Attempt = { handshakes: { wsApi: 1 }, wsApiRequests: 1 };

const CASES: Array<[string, (key: KeyOf) => Credentials, RegExp, Attempt]> = [
  ['an unknown API key (-2015)', () => ({ apiKey: 'Z'.repeat(64), secret: 'x'.repeat(64) }), /rejected the API key: check the key, the IP whitelist/, REFUSED_AT_LISTEN_KEY],
  ['a malformed API key (-2014)', () => ({ apiKey: 'not-a-key', secret: 'x'.repeat(64) }), /API key is malformed/, REFUSED_AT_LISTEN_KEY],
  ['a wrong secret (-1022)', (key) => ({ apiKey: key('HMAC').apiKey, secret: 'x'.repeat(64) }), /signature made with this HMAC secret/, REFUSED_AT_FIRST_SIGNATURE],
  [
    'an HMAC secret for an Ed25519 key',
    (key) => ({ apiKey: key('ED25519').apiKey, secret: secretOf(key('HMAC')) }),
    /signature made with this HMAC secret: .* registered on the exchange as an HMAC key \(not Ed25519 or RSA\)/,
    REFUSED_AT_FIRST_SIGNATURE,
  ],
  [
    'an RSA private key for an HMAC key',
    (key) => ({ apiKey: key('HMAC').apiKey, privateKeyPem: pemOf(key('RSA')) }),
    /signature made with this RSA private key: .* registered on the exchange as an RSA key \(not HMAC or Ed25519\)/,
    REFUSED_AT_FIRST_SIGNATURE,
  ],
  [
    'an Ed25519 private key for an RSA key',
    (key) => ({ apiKey: key('RSA').apiKey, privateKeyPem: pemOf(key('ED25519')) }),
    /signature made with this Ed25519 private key: .* registered on the exchange as an Ed25519 key \(not HMAC or RSA\)/,
    REFUSED_AT_LOGON,
  ],
];

/** `attempts` attempts' worth of traffic, every other counter zero. */
function trafficOf(attempt: Attempt, attempts: number): TrafficStats {
  const handshakes = { wsApi: 0, market: 0, public: 0, private: 0, unknown: 0 };
  for (const [route, count] of Object.entries(attempt.handshakes)) handshakes[route as keyof typeof handshakes] = count * attempts;
  return { handshakes, wsApiRequests: attempt.wsApiRequests * attempts, restRequests: attempts > 0 ? CLOCK_REQUESTS : 0 };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rejected keys: auth-failed, and no retry storm', () => {
  it.each(CASES)('%s', async (_name, credentialsFor, message, attempt) => {
    simulator = await startSimulator({ seed: 2, markIntervalMs: 60_000, control: true });
    const sim = simulator;
    const keyOf: KeyOf = (type, account = 'oneway') => sim.keys.find((k) => k.keyType === type && k.name === account)!;
    const states: Array<[string, string | null]> = [];
    const rejections: string[] = [];
    let inFlight = false;
    // An owner as eager as the desk: a snapshot on every connect and a refresh every 25 ms.
    const snapshot = (): void => {
      if (inFlight || client === null) return;
      inFlight = true;
      client.fetchPositions().then(
        () => (inFlight = false),
        (error: Error) => {
          inFlight = false;
          rejections.push(error.message);
        },
      );
    };
    client = new ExchangeClient({
      endpoints: sim.urls,
      signer: createSigner(credentialsFor(keyOf)),
      backoff: BACKOFF,
      events: { onState: (state, text) => states.push([state, text]), onConnected: snapshot },
    });
    poller = setInterval(snapshot, 25);
    client.start();

    await waitFor(() => (client?.connectionState === 'auth-failed' ? true : undefined), 8_000, 'auth-failed');
    expect(states.at(-1)?.[1]).toMatch(message);
    expect(sim.control.stats()).toEqual(trafficOf(attempt, 1));
    await pause(OBSERVE_MS);
    expect(sim.control.stats()).toEqual(trafficOf(attempt, 1));
    expect(client.connectionState).toBe('auth-failed');
    expect(states.filter(([state]) => state === 'reconnecting')).toEqual([]);
    expect(rejections.length).toBeGreaterThan(0); // the owner kept asking; nothing went out

    // The user acts: one more attempt, which fails the same way and stops again.
    client.reconnect();
    await waitFor(() => (sim.control.stats().wsApiRequests === attempt.wsApiRequests * 2 && client?.connectionState === 'auth-failed' ? true : undefined), 8_000, 'second auth-failed');
    await pause(OBSERVE_MS);
    expect(sim.control.stats()).toEqual(trafficOf(attempt, 2));
    expect(client.connectionState).toBe('auth-failed');
  });
});
