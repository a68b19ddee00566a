/**
 * The WS API transport under a hostile peer (issue 4): replies with unknown ids, duplicates of
 * answered requests, ids of the wrong type (numbers, null, objects, huge strings), replies before and
 * after a request's timeout, junk and server notices, all mixed with valid replies. Whatever the mix,
 * nothing throws, no rejection goes unhandled, every request settles exactly once with its own first
 * reply (or its timeout, or the close), bad frames are counted, and the pending count never drifts.
 * The socket is a stand-in driven synchronously under fake time; transport.test.ts covers the same
 * path over a real socket.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcSocket } from '../../../electron/exchange/transport';
import { hostileValue } from '../../support/hostile-values';
import { StandInSocket } from '../../support/stand-in-socket';

const TIMEOUT_MS = 1_000;

type Action =
  | { do: 'request' }
  | { do: 'reply'; pick: number; failed: boolean }
  | { do: 'wrong-id'; pick: number; how: 'number' | 'object' | 'array' | 'upper-case' | 'padded' | 'huge' | 'missing' }
  | { do: 'any-id'; id: unknown }
  | { do: 'notice'; code: number }
  | { do: 'junk'; text: string; binary: boolean }
  | { do: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ do: 'request' as const }) },
  { weight: 5, arbitrary: fc.record({ do: fc.constant('reply' as const), pick: fc.nat(), failed: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('wrong-id' as const),
      pick: fc.nat(),
      how: fc.constantFrom('number', 'object', 'array', 'upper-case', 'padded', 'huge', 'missing'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('any-id' as const), id: fc.oneof(hostileValue, fc.constantFrom('pd0', 'pd-1', 'pd1.0')) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('notice' as const), code: fc.integer({ min: -5000, max: 0 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('junk' as const),
      text: fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null')),
      binary: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2 * TIMEOUT_MS }) }) },
);

/** What the test expects of one request. */
interface Expected {
  id: string;
  sentAt: number;
  /** The first reply that arrived while it was pending, exactly as sent. */
  reply?: Record<string, unknown>;
  timedOut: boolean;
}

/** How a request actually settled, and how many times. */
interface Settled {
  settlements: number;
  value?: Record<string, unknown>;
  error?: string;
}

/** The id as the wrong type, or as a string that is not the id. */
function wrongId(id: string, how: Extract<Action, { do: 'wrong-id' }>['how']): unknown {
  switch (how) {
    case 'number':
      return Number(id.slice(2)); // our ids are strings: "pd7" is not 7
    case 'object':
      return { id };
    case 'array':
      return [id];
    case 'upper-case':
      return id.toUpperCase();
    case 'padded':
      return ` ${id}`;
    case 'huge':
      return id + '9'.repeat(20_000);
    case 'missing':
      return undefined;
  }
}

let unhandled = 0;
const countUnhandled = (): void => void unhandled++;
beforeAll(() => process.on('unhandledRejection', countUnhandled));
afterAll(() => process.off('unhandledRejection', countUnhandled));
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('RpcSocket with unknown, duplicate, late and wrongly typed reply ids (fuzz)', () => {
  it('every request settles once with its own first reply; the rest is counted (10,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 16 }), async (actions) => {
        const peer = new StandInSocket();
        const bad: string[] = [];
        const notices: unknown[] = [];
        let closes = 0;
        const rpc = new RpcSocket(peer.socket, TIMEOUT_MS, {
          onBadFrame: (reason) => bad.push(reason),
          onServerNotice: (frame) => notices.push(frame),
          onClose: () => closes++,
        });
        const expected: Expected[] = [];
        const settled: Settled[] = [];
        const expectedNotices: unknown[] = [];
        let expectedBad = 0;
        let now = 0;
        const pending = (): Expected[] => expected.filter((request) => request.reply === undefined && !request.timedOut);

        /** Sends a frame as the peer would and predicts its effect from what actually went over the wire. */
        const send = (frame: unknown): void => {
          const text = JSON.stringify(frame);
          const wire = JSON.parse(text) as Record<string, unknown>;
          const target = typeof wire.id === 'string' ? pending().find((request) => request.id === wire.id) : undefined;
          if (wire.id === null) expectedNotices.push(wire);
          else if (target !== undefined) target.reply = wire;
          else expectedBad++;
          peer.deliver(text);
        };

        for (const step of actions) {
          switch (step.do) {
            case 'request': {
              const index = settled.length;
              settled.push({ settlements: 0 });
              rpc.request('account.position', { symbol: 'BTCUSDT' }).then(
                (value) => {
                  settled[index]!.settlements++;
                  settled[index]!.value = value;
                },
                (error: Error) => {
                  settled[index]!.settlements++;
                  settled[index]!.error = error.message;
                },
              );
              const sent = JSON.parse(peer.sent.at(-1)!) as { id: string };
              expected.push({ id: sent.id, sentAt: now, timedOut: false });
              break;
            }
            case 'reply': {
              // To any request sent so far: a first answer, a duplicate, or one after the timeout.
              const request = expected[step.pick % Math.max(1, expected.length)];
              if (request === undefined) break;
              send(
                step.failed
                  ? { id: request.id, status: 401, error: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } }
                  : { id: request.id, status: 200, result: [], rateLimits: [] },
              );
              break;
            }
            case 'wrong-id': {
              const request = expected[step.pick % Math.max(1, expected.length)];
              send({ id: wrongId(request?.id ?? 'pd1', step.how), status: 200, result: [] });
              break;
            }
            case 'any-id':
              send({ id: step.id, status: 200, result: [] });
              break;
            case 'notice':
              send({ id: null, status: 401, error: { code: step.code, msg: 'notice' } });
              break;
            case 'junk': {
              let value: unknown;
              try {
                value = JSON.parse(step.text);
              } catch {
                value = undefined;
              }
              if (!step.binary && typeof value === 'object' && value !== null && !Array.isArray(value)) break; // an object: not junk
              expectedBad++;
              peer.deliver(step.text, step.binary);
              break;
            }
            case 'wait':
              now += step.ms;
              for (const request of pending()) if (request.sentAt + TIMEOUT_MS <= now) request.timedOut = true;
              vi.advanceTimersByTime(step.ms);
              break;
          }
          expect(rpc.pendingCount).toBe(pending().length);
        }
        expect(rpc.isOpen).toBe(true);
        const openAtClose = new Set(pending());
        rpc.close();
        // Settlement handlers run as microtasks; two turns cover resolve → then.
        await Promise.resolve();
        await Promise.resolve();

        expect(rpc.pendingCount).toBe(0);
        expect(closes).toBe(1);
        expect(bad).toHaveLength(expectedBad);
        expect(notices).toEqual(expectedNotices);
        expected.forEach((request, index) => {
          const outcome = settled[index]!;
          expect(outcome.settlements).toBe(1);
          if (request.reply !== undefined) expect(outcome.value).toEqual(request.reply);
          else if (request.timedOut) expect(outcome.error).toBe(`The exchange did not answer account.position within ${TIMEOUT_MS} ms.`);
          else {
            expect(openAtClose.has(request)).toBe(true);
            expect(outcome.error).toBe('The connection to the exchange closed before it answered.');
          }
        });
        expect(unhandled).toBe(0);
      }),
      { numRuns: 10_000 },
    );
  }, 60_000); // 10,000 cases take a few seconds; generous for a machine under load
});
