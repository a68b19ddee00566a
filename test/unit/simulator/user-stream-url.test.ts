import { describe, expect, it } from 'vitest';
import { parseUserStreamUrl } from '../../../electron/simulator/user-stream-url';

const KEY = 'k'.repeat(64);
const OTHER = 'o'.repeat(64);

describe('/private URLs (PROTOCOL §1)', () => {
  it('the documented forms: /ws/<key>, ?listenKey=&events=, several keys on /stream', () => {
    expect(parseUserStreamUrl(`/private/ws/${KEY}`)).toEqual({ combined: false, bindings: [{ listenKey: KEY }] });
    expect(parseUserStreamUrl(`/private/ws?listenKey=${KEY}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE`)).toEqual({
      combined: false,
      bindings: [{ listenKey: KEY, events: new Set(['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']) }],
    });
    expect(parseUserStreamUrl(`/private/stream?listenKey=${KEY}&events=ACCOUNT_UPDATE&listenKey=${OTHER}`)).toEqual({
      combined: true,
      bindings: [{ listenKey: KEY, events: new Set(['ACCOUNT_UPDATE']) }, { listenKey: OTHER }],
    });
  });

  it('the idle forms clients open before SUBSCRIBE, and the binance npm package\'s form', () => {
    expect(parseUserStreamUrl('/private/stream?streams=')).toEqual({ combined: true, bindings: [] });
    expect(parseUserStreamUrl('/private')).toEqual({ combined: false, bindings: [] });
    expect(parseUserStreamUrl('/private/ws')).toEqual({ combined: false, bindings: [] });
    expect(parseUserStreamUrl(`/private/stream?listenKey=${KEY}`)).toEqual({ combined: true, bindings: [{ listenKey: KEY }] });
  });

  it('rejects malformed URLs instead of guessing', () => {
    expect(parseUserStreamUrl('/private/other')).toBeUndefined();
    expect(parseUserStreamUrl(`/private/ws/${KEY}/extra`)).toBeUndefined();
    expect(parseUserStreamUrl('/private/ws/bad%20key')).toBeUndefined();
    expect(parseUserStreamUrl('/private/ws?events=ACCOUNT_UPDATE')).toBeUndefined(); // events without a key
    expect(parseUserStreamUrl(`/private/ws?listenKey=${KEY}&events=a-b`)).toBeUndefined();
    expect(parseUserStreamUrl('/private/ws/%E0%A4%A')).toBeUndefined();
  });
});
