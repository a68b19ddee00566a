/**
 * Test-side tools for talking to the simulator over real sockets: a bounded message inbox and
 * request signing written here with node:crypto (deliberately not the app's client code).
 */
import { createHmac, createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { type RunningSimulator, startSimulator } from '../../../electron/simulator';

/** A frozen clock, mid-minute so rate-limit windows never roll over during a test. */
export const FROZEN_NOW = Date.UTC(2026, 0, 15, 12, 0, 30);

/** Default bound for any single wait. */
const WAIT_MS = 2_000;

/** Request params as JSON scalars. */
export type SignedParams = Record<string, string | number | boolean>;

/** The WS API payload of PROTOCOL §3: sorted `k=v` pairs, apiKey included. */
export function payloadOf(params: SignedParams): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${String(params[key])}`)
    .join('&');
}

/** Signs params the way PROTOCOL §3 says: sorted `k=v` pairs (apiKey included), HMAC-SHA256 hex. */
export function sign(params: SignedParams, secret: string): SignedParams {
  return { ...params, signature: createHmac('sha256', secret).update(payloadOf(params)).digest('hex') };
}

/** Signs with an Ed25519 (pure) or RSA (PKCS#1 v1.5, SHA-256) private key: base64. */
export function signWithKey(params: SignedParams, privateKeyPem: string): SignedParams {
  const key = createPrivateKey(privateKeyPem);
  const algorithm = key.asymmetricKeyType === 'rsa' ? 'sha256' : null;
  return { ...params, signature: cryptoSign(algorithm, Buffer.from(payloadOf(params)), key).toString('base64') };
}

/** A frame that was not JSON (or was binary), kept as text so tests can assert on it. */
export interface RawMessage {
  raw: string;
  binary: boolean;
}

/** Sends a control command over HTTP with the simulator's token; returns status and parsed body. */
export async function control(
  sim: Pick<RunningSimulator, 'urls' | 'controlToken'>,
  command: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.urls.rest}/__sim`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sim.controlToken}` },
    body: typeof command === 'string' ? command : JSON.stringify(command),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A connected socket plus every message it received, parsed. */
export class Peer {
  private readonly inbox: unknown[] = [];
  private readonly waiters = new Set<() => void>();

  /** Resolves with the close code and reason when the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = (data as Buffer).toString('utf8');
      let message: unknown;
      try {
        message = isBinary ? undefined : JSON.parse(text);
      } catch {
        message = undefined;
      }
      this.inbox.push(message ?? ({ raw: text, binary: isBinary } satisfies RawMessage));
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a connection, failing after a bounded wait. */
  static async open(url: string, options?: WebSocket.ClientOptions): Promise<Peer> {
    const socket = new WebSocket(url, options);
    // Listen before 'open': frames sent right after the handshake can arrive in the same tick.
    const peer = new Peer(socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no connection to ${url}`)), WAIT_MS);
      socket.once('open', () => (clearTimeout(timer), resolve()));
      socket.once('error', (error) => (clearTimeout(timer), reject(error)));
    });
    return peer;
  }

  /** Sends a JSON message (or raw text when given a string). */
  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Removes and returns the first received message that matches, waiting a bounded time. */
  take<T = Record<string, unknown>>(match: (message: T) => boolean = () => true, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const index = (this.inbox as T[]).findIndex(match);
        if (index < 0) return false;
        const [found] = this.inbox.splice(index, 1) as T[];
        cleanup();
        resolve(found!);
        return true;
      };
      const timer = setTimeout(() => (cleanup(), reject(new Error('no matching message in time'))), timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(onMessage);
      };
      const onMessage = (): void => void check();
      if (!check()) this.waiters.add(onMessage);
    });
  }

  /** Removes every message received so far that matches; returns how many. */
  drain<T = Record<string, unknown>>(match: (message: T) => boolean): number {
    const before = this.inbox.length;
    const kept = (this.inbox as T[]).filter((message) => !match(message));
    this.inbox.splice(0, this.inbox.length, ...kept);
    return before - kept.length;
  }

  /** Sends a WS API request and waits for the reply with the same id. */
  async call(request: { id: string | number | null; method: string; params?: unknown }): Promise<Reply> {
    this.send(request);
    return this.take<Reply>((reply) => reply.id === request.id);
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await closed;
  }
}

/** A WS API reply as the tests read it. */
export interface Reply {
  id: string | number | null;
  status: number;
  result?: unknown;
  error?: { code: number; msg: string; data?: { retryAfter?: number; serverTime?: number } };
  rateLimits?: { rateLimitType: string; interval: string; intervalNum: number; limit: number; count: number }[];
}

/** A markPriceUpdate payload as the tests read it. */
export interface MarkFrame {
  e: string;
  E: number;
  s: string;
  p: string;
  ap: string;
  i: string;
  P: string;
  r: string;
  T: number;
}

/**
 * Each test of the calling file gets a fresh simulator with a frozen clock (signatures and
 * timestamps are then exact) and a WS API peer on it, both closed after the test.
 */
export function eachTestFrozenSimulatorWithPeer(take: (sim: RunningSimulator, peer: Peer) => void): void {
  let opened: { sim: RunningSimulator; peer: Peer } | undefined;
  beforeEach(async () => {
    const sim = await startSimulator({ now: () => FROZEN_NOW, markIntervalMs: 60_000 });
    opened = { sim, peer: await Peer.open(sim.urls.wsApi) };
    take(opened.sim, opened.peer);
  });
  afterEach(async () => {
    await opened?.peer.close();
    await opened?.sim.close();
    opened = undefined;
  });
}
