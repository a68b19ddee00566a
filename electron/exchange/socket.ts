/**
 * Opening a WebSocket with the limits every exchange connection needs: a capped frame size (an
 * untrusted peer must not make us buffer megabytes) and a bounded handshake.
 */
import WebSocket from 'ws';

/** Largest frame accepted. A full v1 `account.position` reply for ~700 symbols is about 400 KB. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export interface OpenSocketOptions {
  handshakeTimeoutMs?: number;
  maxPayload?: number;
}

/** Connects and resolves once the socket is open; rejects with the reason otherwise. */
export function openSocket(url: string, options: OpenSocketOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
      maxPayload: options.maxPayload ?? MAX_FRAME_BYTES,
      perMessageDeflate: false,
    });
    const fail = (error: Error): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined); // a late error after terminate() must not crash the process
      socket.terminate();
      reject(error);
    };
    socket.once('open', () => {
      socket.removeListener('error', fail);
      resolve(socket);
    });
    socket.once('error', fail);
    socket.once('unexpected-response', (_request, response) => {
      fail(new Error(`${url} answered the WebSocket handshake with HTTP ${response.statusCode ?? '?'}`));
    });
  });
}

/** Decodes a text frame as JSON; binary frames and invalid JSON give undefined. */
export function parseTextFrame(data: WebSocket.RawData, isBinary: boolean): unknown {
  if (isBinary) return undefined;
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
