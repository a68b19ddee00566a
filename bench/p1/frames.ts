/**
 * The P1 workload: pre-serialized combined-stream `markPriceUpdate` frames, as Binance sends them on
 * `/market/stream` (PROTOCOL §7), round after round over N symbols with rising event times — a
 * frame older than the held mark would be dropped early by the reducer and flatter the engine.
 */
import { basePrice, symbolName } from '../positions';

/** Far in the future, so every frame is newer than the snapshot's mark (taken "now"). */
const FIRST_EVENT_TIME = 4_000_000_000_000;

/** `rounds` rounds of one frame per symbol, as combined-stream JSON text, event times rising per round. */
export function markFrameTexts(symbols: number, rounds: number): string[] {
  const frames: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const eventTime = FIRST_EVENT_TIME + round * 1_000;
    for (let index = 0; index < symbols; index++) {
      const symbol = symbolName(index);
      const mark = basePrice(index) * (1 + 0.002 * Math.sin(round * 0.7 + index));
      const data = {
        e: 'markPriceUpdate',
        E: eventTime,
        s: symbol,
        p: mark.toFixed(8),
        ap: (mark * 0.9999).toFixed(8),
        i: (mark * 1.0001).toFixed(8),
        P: (mark * 1.0002).toFixed(8),
        r: '0.00010000',
        T: FIRST_EVENT_TIME + 28_800_000,
      };
      frames.push(`{"stream":"${symbol.toLowerCase()}@markPrice@1s","data":${JSON.stringify(data)}}`);
    }
  }
  return frames;
}

/**
 * The frames as server-to-client WebSocket text frames (RFC 6455 §5.2: FIN + text opcode, unmasked),
 * concatenated: the blaster writes them straight to the socket, so sending costs almost nothing and
 * the consumer under test is the bottleneck.
 */
export function encodeWebSocketFrames(texts: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const text of texts) {
    const payload = Buffer.from(text, 'utf8');
    let header: Buffer;
    if (payload.length < 126) {
      header = Buffer.from([0x81, payload.length]);
    } else if (payload.length < 65_536) {
      header = Buffer.alloc(4);
      header[0] = 0x81;
      header[1] = 126;
      header.writeUInt16BE(payload.length, 2);
    } else {
      throw new RangeError('frame too large for the benchmark');
    }
    parts.push(header, payload);
  }
  return Buffer.concat(parts);
}
