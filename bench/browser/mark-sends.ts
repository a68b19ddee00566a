/**
 * Timestamps every mark frame at the moment the simulator hands it to its socket. The simulator
 * runs in this process and sends through `ws`; wrapping `WebSocket.prototype.send` (bench only,
 * while recording) sees each frame as it leaves, without touching product code. Frames are kept
 * raw and decoded after the run, so recording costs the sender almost nothing.
 */
import { WebSocket } from 'ws';

export interface MarkSend {
  /** Node `performance.timeOrigin + performance.now()` just before the frame was sent. */
  at: number;
  symbol: string;
  price: string;
}

export interface MarkSendRecorder {
  /** Largest `bufferedAmount` seen on any socket that carried marks, sampled every 50 ms (bytes). */
  maxBufferedBytes(): number;
  /** Stops recording and decodes what was sent. */
  stop(): MarkSend[];
}

/** Starts recording mark frames sent by any `ws` socket in this process. */
export function recordMarkSends(): MarkSendRecorder {
  const raw: Array<[number, string]> = [];
  const sockets = new Set<WebSocket>();
  // Kept to be called with the socket as `this` and restored afterwards.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = WebSocket.prototype.send;
  const forward = original as unknown as (this: WebSocket, ...args: unknown[]) => void;
  WebSocket.prototype.send = function send(this: WebSocket, data: unknown, ...rest: unknown[]): void {
    if (typeof data === 'string' && data.includes('"markPriceUpdate"')) {
      raw.push([performance.timeOrigin + performance.now(), data]);
      sockets.add(this);
    }
    forward.call(this, data, ...rest);
  } as typeof original;
  let maxBuffered = 0;
  const sampler = setInterval(() => {
    for (const socket of sockets) maxBuffered = Math.max(maxBuffered, socket.bufferedAmount);
  }, 50);
  return {
    maxBufferedBytes: () => maxBuffered,
    stop: () => {
      WebSocket.prototype.send = original;
      clearInterval(sampler);
      const sends: MarkSend[] = [];
      for (const [at, text] of raw) {
        const frame = JSON.parse(text) as { data?: unknown; s?: unknown; p?: unknown };
        const payloads = (frame.data ?? frame) as unknown;
        for (const item of Array.isArray(payloads) ? payloads : [payloads]) {
          const { s, p } = item as { s?: unknown; p?: unknown };
          if (typeof s === 'string' && typeof p === 'string') sends.push({ at, symbol: s, price: p });
        }
      }
      return sends;
    },
  };
}
