/**
 * Bad frames for fault injection (`malformed` command): what a client's parser must survive
 * on a market or user data connection without dropping the connection's good data.
 */

/** The kinds of bad frame. */
export type MalformedVariant = 'non-json' | 'binary' | 'truncated' | 'wrong-types' | 'unknown-event';

/** A frame to send: text, or binary bytes. */
export interface RawFrame {
  readonly data: string | Buffer;
  readonly binary: boolean;
}

/** Builds a bad frame of `variant` for a `market` or `private` connection at `time`. */
export function malformedFrame(kind: 'market' | 'private', variant: MalformedVariant, time: number): RawFrame {
  const valid =
    kind === 'market'
      ? JSON.stringify({ e: 'markPriceUpdate', E: time, s: 'BTCUSDT', p: '104250.00000000', ap: '104250.00000000', i: '104249.10000000', P: '104249.10000000', r: '0.00010000', T: time + 3_600_000 })
      : JSON.stringify({ e: 'ACCOUNT_UPDATE', E: time, T: time, a: { m: 'ORDER', B: [{ a: 'USDT', wb: '1000.00000000', cw: '1000.00000000', bc: '0' }], P: [] } });
  switch (variant) {
    case 'non-json':
      return { data: 'this is not JSON {', binary: false };
    case 'binary':
      return { data: Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b, 0x00]), binary: true };
    case 'truncated':
      return { data: valid.slice(0, Math.floor(valid.length / 2)), binary: false };
    case 'wrong-types':
      // Numbers where strings belong, a string where the event time belongs, P not an array.
      return {
        data:
          kind === 'market'
            ? JSON.stringify({ e: 'markPriceUpdate', E: String(time), s: 42, p: 104250, ap: null, i: [], P: {}, r: true, T: 'soon' })
            : JSON.stringify({ e: 'ACCOUNT_UPDATE', E: String(time), T: null, a: { m: 7, B: 'none', P: { s: 'BTCUSDT', pa: 1 } } }),
        binary: false,
      };
    case 'unknown-event':
      // Binance adds event types over time (TRADE_LITE, STRATEGY_UPDATE…); clients must ignore them.
      return { data: JSON.stringify({ e: 'SIM_UNKNOWN_EVENT', E: time, x: { y: [1, 2, 3] } }), binary: false };
  }
}
