import { describe, expect, it } from 'vitest';
import { type RunningSimulator } from '../../../electron/simulator';
import { eachTestFrozenSimulatorWithPeer, FROZEN_NOW, type Peer, type Reply, sign } from './helpers';

let sim: RunningSimulator;
let peer: Peer;
eachTestFrozenSimulatorWithPeer((started, opened) => {
  sim = started;
  peer = opened;
});

type Params = Record<string, string | number | boolean>;

const oneway = () => sim.accounts.find((a) => a.name === 'oneway')!;

/** Signs `params` (apiKey and timestamp defaulted) with the one-way secret and sends account.position. */
function position(params: Params, options: { sign?: boolean; secret?: string } = {}): Promise<Reply> {
  const full = { apiKey: oneway().apiKey, timestamp: FROZEN_NOW, ...params };
  const signed = options.sign === false ? full : sign(full, options.secret ?? oneway().secret);
  return peer.call({ id: 'e1', method: 'account.position', params: signed });
}

/** The error part of a reply, with its status; rateLimits must be present on failures too. */
function failure(reply: Reply) {
  expect(reply.result).toBeUndefined();
  expect(reply.rateLimits?.[0]?.rateLimitType).toBe('REQUEST_WEIGHT');
  return { status: reply.status, ...reply.error };
}

describe('simulator WS API errors', () => {
  it('-1102 when timestamp is missing or not a JSON integer', async () => {
    const { apiKey, secret } = oneway();
    const missing = sign({ apiKey }, secret);
    expect(failure(await peer.call({ id: 1, method: 'account.position', params: missing }))).toEqual({
      status: 400,
      code: -1102,
      msg: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
    });
    expect(failure(await position({ timestamp: String(FROZEN_NOW) }))).toMatchObject({ status: 400, code: -1102 });
    expect(failure(await position({ timestamp: FROZEN_NOW + 0.5 }))).toMatchObject({ code: -1102 });
  });

  it('-1102 when apiKey or signature is missing', async () => {
    const signedWithoutKey = sign({ timestamp: FROZEN_NOW }, oneway().secret);
    const noKey = await peer.call({ id: 2, method: 'account.position', params: signedWithoutKey });
    expect(failure(noKey).code).toBe(-1102);
    expect(failure(noKey).msg).toContain("'apiKey'");
    const noSignature = await position({}, { sign: false });
    expect(failure(noSignature).code).toBe(-1102);
    expect(failure(noSignature).msg).toContain("'signature'");
  });

  it('-1021 for a stale timestamp and for one 1000 ms ahead', async () => {
    expect(failure(await position({ timestamp: FROZEN_NOW - 5001 }))).toEqual({
      status: 400,
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    expect(failure(await position({ timestamp: FROZEN_NOW - 9000, recvWindow: 8000 }))).toMatchObject({ code: -1021 });
    expect((await position({ timestamp: FROZEN_NOW - 9000, recvWindow: 10000 })).status).toBe(200);
    expect(failure(await position({ timestamp: FROZEN_NOW + 1000 }))).toEqual({
      status: 400,
      code: -1021,
      msg: "Timestamp for this request was 1000ms ahead of the server's time.",
    });
    expect((await position({ timestamp: FROZEN_NOW + 999 })).status).toBe(200);
  });

  it('rejects recvWindow above 60000 or not an integer', async () => {
    expect(failure(await position({ recvWindow: 60001 }))).toMatchObject({ status: 400, code: -1130 });
    expect(failure(await position({ recvWindow: '5000' }))).toMatchObject({ status: 400, code: -1102 });
    expect((await position({ recvWindow: 60000 })).status).toBe(200);
  });

  it('-2014 for a malformed API key and -2015 for an unknown one', async () => {
    const malformed = await position({ apiKey: 'not-a-key' });
    expect(failure(malformed)).toEqual({ status: 401, code: -2014, msg: 'API-key format invalid.' });
    expect(failure(await position({ apiKey: 'Q'.repeat(64) }))).toEqual({
      status: 401,
      code: -2015,
      msg: 'Invalid API-key, IP, or permissions for action.',
    });
  });

  it('-1022 for a tampered request, a wrong secret, or the other account’s secret', async () => {
    const { apiKey, secret } = oneway();
    const signed = sign({ apiKey, timestamp: FROZEN_NOW }, secret);
    const tampered = await peer.call({ id: 3, method: 'account.position', params: { ...signed, symbol: 'BTCUSDT' } });
    expect(failure(tampered)).toEqual({ status: 400, code: -1022, msg: 'Signature for this request is not valid.' });
    const hedgeSecret = sim.accounts.find((a) => a.name === 'hedge')!.secret;
    expect(failure(await position({}, { secret: hedgeSecret }))).toMatchObject({ code: -1022 });
    expect(failure(await position({}, { secret: 'x' }))).toMatchObject({ code: -1022 });
  });

  it('-1121 for an unknown or non-trading symbol', async () => {
    const unknown = await position({ symbol: 'NOPEUSDT' });
    expect(failure(unknown)).toEqual({ status: 400, code: -1121, msg: 'Invalid symbol.' });
    expect(failure(await position({ symbol: 'MATICUSDT' }))).toMatchObject({ code: -1121 });
    expect(failure(await position({ symbol: 'btcusdt' }))).toMatchObject({ code: -1121 });
  });

  it('an unknown method is a 400 with a documented code', async () => {
    const reply = await peer.call({ id: 'u', method: 'account.nothing', params: {} });
    expect(failure(reply)).toEqual({ status: 400, code: -1020, msg: 'This operation is not supported.' });
  });

  it('a non-JSON or malformed frame gets an error with id null, and the connection stays usable', async () => {
    peer.send('this is not json');
    const garbage = await peer.take<Reply>((reply) => reply.id === null);
    expect(failure(garbage)).toMatchObject({ status: 400, code: -1135 });
    peer.send({ method: 'session.status' }); // id is mandatory
    expect(failure(await peer.take<Reply>((reply) => reply.id === null))).toMatchObject({ status: 400 });
    peer.socket.send(Buffer.from('{"id":1,"method":"session.status"}'), { binary: true });
    expect(failure(await peer.take<Reply>((reply) => reply.id === null))).toMatchObject({ status: 400 });
    const params = await peer.call({ id: 'p', method: 'session.status', params: [1, 2] });
    expect(failure(params)).toMatchObject({ status: 400, code: -1135 });
    expect((await peer.call({ id: 'ok', method: 'session.status' })).status).toBe(200);
  });
});
