/**
 * Text of a received WebSocket message. `ws` hands messages over as a Buffer with the default
 * `binaryType`, but types them as `RawData` (Buffer, ArrayBuffer or Buffer[]), so decode all three.
 */
import type { RawData } from 'ws';

/** The UTF-8 text of a received message. */
export function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
