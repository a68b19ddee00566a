/**
 * REST signing (Binance REST rules): totalParams = query string as sent + request body, no
 * sorting, apiKey not included; checked with the futures documentation's V3 vector and its
 * "mixed query/body" variant (PROTOCOL §3).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KnownKey } from '../../../electron/simulator/auth';
import { restParams, verifySignedRest } from '../../../electron/simulator/rest-auth';

const V3_SECRET = '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9';
const V3_QUERY = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943';
const V3_SIGNATURE = '3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9';
const key: KnownKey<string> = { owner: 'docs', secret: V3_SECRET };
const AT = 1591702613943;

describe('REST signatures', () => {
  it('V3: the query string as sent, signature removed, verifies', () => {
    const rest = restParams(`${V3_QUERY}&signature=${V3_SIGNATURE}`, '');
    expect(rest.signedText).toBe(V3_QUERY);
    expect(rest.signature).toBe(V3_SIGNATURE);
    expect(rest.params.get('symbol')).toBe('BTCUSDT');
    expect(verifySignedRest(rest, key, AT + 100)).toBeUndefined();
  });

  it('V3 mixed: query and body are concatenated without a separator, as the docs hash them', () => {
    const rest = restParams('symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC', 'quantity=1&price=9000&recvWindow=5000&timestamp= 1591702613943');
    expect(createHmac('sha256', V3_SECRET).update(rest.signedText).digest('hex')).toBe(
      'f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2',
    );
  });

  it('order matters (nothing is sorted) and the signature may sit anywhere in the query', () => {
    const reordered = V3_QUERY.split('&').reverse().join('&');
    expect(verifySignedRest(restParams(`${reordered}&signature=${V3_SIGNATURE}`, ''), key, AT)?.code).toBe(-1022);
    expect(verifySignedRest(restParams(`signature=${V3_SIGNATURE}&${V3_QUERY}`, ''), key, AT)).toBeUndefined();
  });

  it('checks timestamp (-1102), recvWindow, timing (-1021) and signature (-1102/-1022)', () => {
    expect(verifySignedRest(restParams('symbol=X&signature=00', ''), key, AT)?.code).toBe(-1102);
    expect(verifySignedRest(restParams(`timestamp=${AT}&recvWindow=abc&signature=00`, ''), key, AT)?.code).toBe(-1102);
    const unsigned = verifySignedRest(restParams(`timestamp=${AT}`, ''), key, AT);
    expect(unsigned?.code).toBe(-1102);
    expect(unsigned?.msg).toContain("'signature'");
    expect(verifySignedRest(restParams(`${V3_QUERY}&signature=${V3_SIGNATURE}`, ''), key, AT + 5001)?.code).toBe(-1021);
    expect(verifySignedRest(restParams(`${V3_QUERY}&signature=${V3_SIGNATURE}`, ''), key, AT - 1000)?.code).toBe(-1021);
    expect(verifySignedRest(restParams(`${V3_QUERY}&signature=${'0'.repeat(64)}`, ''), key, AT)?.code).toBe(-1022);
    expect(verifySignedRest(restParams(`${V3_QUERY}&signature=%E0%A4%A`, ''), key, AT)?.code).toBe(-1022);
  });
});
