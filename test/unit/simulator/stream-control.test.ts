import { describe, expect, it } from 'vitest';
import { type ControlState, handleControl } from '../../../electron/simulator/stream-control';

const state = (streams: string[] = [], combined = false): ControlState => ({ streams: new Set(streams), combined });
const send = (message: unknown, current = state()) => handleControl(JSON.stringify(message), current);

describe('stream control messages (PROTOCOL §7)', () => {
  it('SUBSCRIBE / UNSUBSCRIBE answer {"result":null,"id"} and report the changes', () => {
    expect(send({ method: 'SUBSCRIBE', params: ['btcusdt@markPrice@1s'], id: 1 })).toEqual({
      reply: { result: null, id: 1 },
      subscribe: ['btcusdt@markPrice@1s'],
    });
    expect(send({ method: 'UNSUBSCRIBE', params: ['btcusdt@markPrice@1s'], id: 2 })).toEqual({
      reply: { result: null, id: 2 },
      unsubscribe: ['btcusdt@markPrice@1s'],
    });
  });

  it('echoes string ids as sent, as Binance does for its own connector (PROTOCOL §12)', () => {
    const id = '0123456789abcdef0123456789abcdef';
    expect(send({ method: 'LIST_SUBSCRIPTIONS', id }, state(['a@b'])).reply).toEqual({ result: ['a@b'], id });
  });

  it('SET_PROPERTY / GET_PROPERTY handle "combined"', () => {
    expect(send({ method: 'SET_PROPERTY', params: ['combined', true], id: 4 })).toEqual({
      reply: { result: null, id: 4 },
      combined: true,
    });
    const combined = send({ method: 'GET_PROPERTY', params: ['combined'], id: 5 }, state([], true));
    expect(combined.reply).toEqual({ result: true, id: 5 });
  });

  it('answers with the documented error codes 0–3', () => {
    const error = (message: unknown) => send(message).reply;
    expect(error({ method: 'SET_PROPERTY', params: ['color', true], id: 1 })).toEqual({
      error: { code: 0, msg: 'Unknown property' },
      id: 1,
    });
    expect(error({ method: 'SET_PROPERTY', params: ['combined', 'yes'], id: 1 })).toEqual({
      error: { code: 1, msg: 'Invalid value type: expected Boolean' },
      id: 1,
    });
    expect(error({ method: 'RESUBSCRIBE', params: [], id: 1 })).toMatchObject({ error: { code: 2 }, id: 1 });
    expect(error({ method: 'SUBSCRIBE', params: ['bad name'], id: 1 })).toMatchObject({ error: { code: 2 }, id: 1 });
    expect(error({ method: 'SUBSCRIBE', params: 'btcusdt@markPrice', id: 1 })).toMatchObject({ error: { code: 2 } });
    expect(error({ params: [], id: 1 })).toMatchObject({
      error: { code: 2, msg: 'Invalid request: missing field `method`' },
    });
    for (const id of [-1, 1.5, true, null, undefined]) {
      expect(error({ method: 'LIST_SUBSCRIPTIONS', id })).toMatchObject({ error: { code: 2 }, id: null });
    }
    expect(handleControl('{not json', state()).reply).toMatchObject({ error: { code: 3 }, id: null });
  });

  it('refuses to grow a connection past 1024 streams', () => {
    const full = state(Array.from({ length: 1024 }, (_, i) => `s${i}@markPrice`));
    expect(send({ method: 'SUBSCRIBE', params: ['s0@markPrice'], id: 1 }, full).reply).toEqual({ result: null, id: 1 });
    const over = send({ method: 'SUBSCRIBE', params: ['new@markPrice'], id: 2 }, full);
    expect(over.reply).toMatchObject({ error: { code: 2 } });
  });
});
