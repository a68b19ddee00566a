/**
 * The query string of a signed REST request. Binance's REST rule (PROTOCOL §13.1, spot change log and
 * signing pages, 2025): percent-encode each name and value as UTF-8 per RFC 3986 — the unreserved
 * `A-Z a-z 0-9 - _ . ~` stay as they are — and sign exactly the encoded string that is sent, e.g.
 * `symbol=这是测试币456` is signed as `symbol=%E8%BF%99%E6%98%AF%E6%B5%8B%E8%AF%95%E5%B8%81456`.
 * REST is not sorted and does not sign the API key (it travels in `X-MBX-APIKEY`).
 */
import type { Params, Signer } from './signing';

/** RFC 3986 percent-encoding of UTF-8: encodeURIComponent leaves `!'()*` alone, which 3986 reserves. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `name=value&…` in the given order, each part percent-encoded. */
export function encodeQuery(params: Params): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(String(value))}`)
    .join('&');
}

/**
 * The query of a signed request: the encoded params, then `signature=` over exactly that text. Base64
 * signatures (RSA, Ed25519) carry `+`, `/` and `=`, so the signature is encoded too.
 */
export function signedQuery(signer: Signer, params: Params): string {
  const query = encodeQuery(params);
  return `${query}&signature=${percentEncode(signer.sign(query))}`;
}
