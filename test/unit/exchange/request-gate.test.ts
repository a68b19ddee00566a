/**
 * The request gate's policy on a fake clock: what it refuses without sending, how long 429, 418 and
 * WAF 403 keep it shut, the single clock retry, and auth failures reported (once per request, only
 * for the live connection).
 */
import { describe, expect, it } from 'vitest';
import { type ExchangeError, fromExchangeReply } from '../../../electron/exchange/errors';
import { MIN_BAN_MS, RequestGate, WAF_BACKOFF_MS, type GateHooks } from '../../../electron/exchange/request-gate';

function gateOnFakeClock(extra: Partial<GateHooks> = {}) {
  const clock = { now: 1_000_000 };
  const events: string[] = [];
  let resyncs = 0;
  const gate = new RequestGate({
    serverNow: () => clock.now,
    keyType: 'HMAC',
    defaultPauseMs: 60_000,
    resyncClock: () => {
      resyncs++;
      return Promise.resolve();
    },
    onResynced: () => events.push('resynced'),
    onPaused: (until, error) => events.push(`paused ${until}${error.status === 403 ? ' (waf)' : ''}`),
    onBanned: (_error, until) => events.push(`banned ${until}`),
    onAuthFailed: (error, current) => events.push(`auth ${error.code} ${current}`),
    ...extra,
  });
  return { gate, clock, events, resyncs: () => resyncs };
}

/** A request that counts its sends and fails with `errors` in turn, then succeeds. */
function request(...errors: ExchangeError[]) {
  let sent = 0;
  return {
    send: () => {
      const error = errors[sent++];
      return error === undefined ? Promise.resolve('ok') : Promise.reject(error);
    },
    sent: () => sent,
  };
}

describe('the request gate', () => {
  it('429 with a retry time: nothing is sent until then, whatever asks', async () => {
    const { gate, clock, events } = gateOnFakeClock();
    const limited = request(fromExchangeReply(429, -1003, 'Too many requests', clock.now + 3_000));
    await expect(gate.run(limited.send)).rejects.toMatchObject({ kind: 'rate-limit' });
    expect(events).toEqual([`paused ${clock.now + 3_000}`]);
    const next = request();
    clock.now += 2_999;
    await expect(gate.run(next.send)).rejects.toMatchObject({ kind: 'rate-limit', retryAfter: 1_003_000 });
    expect(next.sent()).toBe(0);
    clock.now += 1;
    await expect(gate.run(next.send)).resolves.toBe('ok');
    expect(next.sent()).toBe(1);
  });

  it('429 without a retry time pauses for the default; a shorter later answer never shortens it', async () => {
    const { gate, clock } = gateOnFakeClock();
    await expect(gate.run(request(fromExchangeReply(429, -1003, 'x')).send)).rejects.toThrow();
    gate.record(fromExchangeReply(429, -1003, 'x', clock.now + 1_000));
    clock.now += 59_999;
    expect(gate.paused).toBe(true);
    clock.now += 1;
    expect(gate.paused).toBe(false);
  });

  it('a WAF 403 backs off for minutes', async () => {
    const { gate, clock, events } = gateOnFakeClock();
    const blocked = fromExchangeReply(403, 0, '');
    expect(blocked.kind).toBe('rate-limit');
    await expect(gate.run(request(blocked).send)).rejects.toThrow(/firewall/);
    expect(events).toEqual([`paused ${clock.now + WAF_BACKOFF_MS} (waf)`]);
    clock.now += WAF_BACKOFF_MS - 1;
    expect(() => gate.admit()).toThrow();
    clock.now += 1;
    expect(() => gate.admit()).not.toThrow();
  });

  it('418: banned until the given time (at least 2 minutes when none is given)', async () => {
    const { gate, clock, events } = gateOnFakeClock();
    const ban = fromExchangeReply(418, -1003, 'Way too many requests; IP banned until 1000500.');
    await expect(gate.run(request(ban).send)).rejects.toMatchObject({ kind: 'banned' });
    // The "until" time in the text lies in the past here: the 2-minute floor applies.
    expect(events).toEqual([`banned ${clock.now + MIN_BAN_MS}`]);
    expect(gate.banEndsAt).toBe(clock.now + MIN_BAN_MS);
    const waiting = request();
    await expect(gate.run(waiting.send)).rejects.toMatchObject({ kind: 'banned', message: ban.message });
    expect(waiting.sent()).toBe(0);
    clock.now += MIN_BAN_MS;
    expect(gate.banned).toBe(false);
    await expect(gate.run(waiting.send)).resolves.toBe('ok');
  });

  it('-1021: one clock resync and one retry, then the error stands', async () => {
    const { gate, events, resyncs } = gateOnFakeClock();
    const skew = (): ExchangeError => fromExchangeReply(400, -1021, 'Timestamp outside of recvWindow');
    const once = request(skew());
    await expect(gate.run(once.send)).resolves.toBe('ok');
    expect([once.sent(), resyncs()]).toEqual([2, 1]);
    const twice = request(skew(), skew());
    await expect(gate.run(twice.send)).rejects.toMatchObject({ kind: 'clock' });
    expect([twice.sent(), resyncs()]).toEqual([2, 2]);
    const clockRequest = request(skew());
    await expect(gate.run(clockRequest.send, { clockRetry: false })).rejects.toMatchObject({ kind: 'clock' });
    expect(resyncs()).toBe(2);
    expect(events).toEqual(['resynced', 'resynced']);
  });

  it('auth errors are reported with whether they concern the live connection, and restated for the key type', async () => {
    const { gate, events } = gateOnFakeClock();
    await expect(gate.run(request(fromExchangeReply(401, -2015, 'Invalid API-key')).send)).rejects.toMatchObject({ kind: 'auth' });
    await expect(gate.run(request(fromExchangeReply(400, -1022, 'bad sig')).send, { current: () => false })).rejects.toThrow(/HMAC secret/);
    expect(events).toEqual(['auth -2015 true', 'auth -1022 false']);
  });

  it('other errors pass through and leave the gate open', async () => {
    const { gate, events } = gateOnFakeClock();
    await expect(gate.run(request(fromExchangeReply(503, -1008, 'throttled')).send)).rejects.toMatchObject({ kind: 'transient' });
    await expect(gate.run(() => Promise.reject(new TypeError('bug')))).rejects.toThrow(TypeError);
    expect(events).toEqual([]);
    expect(() => gate.admit()).not.toThrow();
  });
});

describe('REST statuses map like WS API ones', () => {
  it('5xx and 408 are transient, unknown 4xx are request errors, 401 is auth', () => {
    expect(fromExchangeReply(502, 0, '').kind).toBe('transient');
    expect(fromExchangeReply(408, 0, '').kind).toBe('transient');
    expect(fromExchangeReply(404, -5000, 'Path /x, Method GET is invalid').kind).toBe('request');
    expect(fromExchangeReply(401, 0, '').kind).toBe('auth');
    expect(fromExchangeReply(400, -2014, 'API-key format invalid.').kind).toBe('auth');
  });
});

describe('each 429/418 acts once', () => {
  it('a 418 that went through run, recorded again by the connect step, bans once', async () => {
    const { gate, clock, events } = gateOnFakeClock();
    const ban = fromExchangeReply(418, -1003, 'banned', clock.now + 300_000);
    const thrown: unknown = await gate.run(request(ban).send, { clockRetry: false }).catch((error: unknown) => error);
    expect(thrown).toBe(ban);
    gate.record(thrown as ExchangeError);
    expect(events).toEqual([`banned ${clock.now + 300_000}`]);
  });

  it("the gate's own refusals (admit during a ban or a pause) are not applied again", async () => {
    const { gate, clock, events } = gateOnFakeClock();
    await gate.run(request(fromExchangeReply(429, -1003, 'slow down', clock.now + 3_000)).send).catch(() => undefined);
    let refusal: unknown = null;
    try {
      gate.admit();
    } catch (error) {
      refusal = error;
    }
    gate.record(refusal as ExchangeError);
    expect(events).toEqual([`paused ${clock.now + 3_000}`]);
    gate.record(fromExchangeReply(418, -1003, 'banned', clock.now + 60_000));
    try {
      gate.admit();
    } catch (error) {
      gate.record(error as ExchangeError);
    }
    expect(events).toEqual([`paused ${clock.now + 3_000}`, `banned ${clock.now + 60_000}`]);
  });

  it('a new error of the same kind still applies', () => {
    const { gate, clock, events } = gateOnFakeClock();
    gate.record(fromExchangeReply(429, -1003, 'x', clock.now + 1_000));
    gate.record(fromExchangeReply(429, -1003, 'x', clock.now + 2_000));
    expect(events).toEqual([`paused ${clock.now + 1_000}`, `paused ${clock.now + 2_000}`]);
  });
});
