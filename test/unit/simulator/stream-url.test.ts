import { describe, expect, it } from 'vitest';
import { parseStreamUrl } from '../../../electron/simulator/stream-url';

describe('stream URLs', () => {
  it('parses raw and combined forms on every route', () => {
    expect(parseStreamUrl('/market/ws/btcusdt@markPrice@1s/ethusdt@markPrice')).toEqual({
      route: 'market',
      combined: false,
      streams: ['btcusdt@markPrice@1s', 'ethusdt@markPrice'],
    });
    expect(parseStreamUrl('/market/stream?streams=btcusdt@markPrice@1s/ethusdt@markPrice@1s')).toEqual({
      route: 'market',
      combined: true,
      streams: ['btcusdt@markPrice@1s', 'ethusdt@markPrice@1s'],
    });
    expect(parseStreamUrl('/public/stream?streams=')).toEqual({ route: 'public', combined: true, streams: [] });
    expect(parseStreamUrl('/private/ws')).toEqual({ route: 'private', combined: false, streams: [] });
  });

  it('accepts the idle forms real clients open (PROTOCOL §12)', () => {
    expect(parseStreamUrl('/market/ws/0')).toEqual({ route: 'market', combined: false, streams: ['0'] });
    expect(parseStreamUrl('/market/stream')).toEqual({ route: 'market', combined: true, streams: [] });
    expect(parseStreamUrl('/market')).toEqual({ route: 'market', combined: false, streams: [] });
  });

  it('rejects other paths and invalid stream names', () => {
    expect(parseStreamUrl('/ws/btcusdt@markPrice')).toBeUndefined();
    expect(parseStreamUrl('/market/other')).toBeUndefined();
    expect(parseStreamUrl('/market/stream/x?streams=a')).toBeUndefined();
    expect(parseStreamUrl('/market/stream?streams=bad%20name')).toBeUndefined();
    expect(parseStreamUrl('/market/ws/%E0%A4%A')).toBeUndefined(); // malformed escape: no throw
    expect(parseStreamUrl('http://[bad')).toBeUndefined();
  });

  it('drops duplicate streams', () => {
    expect(parseStreamUrl('/market/ws/a@b/a@b')?.streams).toEqual(['a@b']);
  });
});
