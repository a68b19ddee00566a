/**
 * Plain HTTP answers to upgrade requests that are refused before a WebSocket exists (unknown
 * path, too many streams, rate limit, ban).
 */
import type { Duplex } from 'node:stream';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  418: "I'm a teapot",
  429: 'Too Many Requests',
};

/** Writes a bodiless HTTP error and closes; `retryAfterMs` adds a `Retry-After` header (seconds). */
export function refuseUpgrade(socket: Duplex, status: number, retryAfterMs?: number): void {
  const retry = retryAfterMs === undefined ? '' : `Retry-After: ${Math.max(0, Math.ceil(retryAfterMs / 1000))}\r\n`;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${retry}Connection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
