/**
 * A stand-in for an open `ws` WebSocket, for driving the exchange sockets without a network: what
 * the code sends is recorded, and the test delivers frames and closes the connection itself. Events
 * fire synchronously, so a test sees their effect on the next line.
 */
import { EventEmitter } from 'node:events';
import type { FrameSocket } from '../../electron/exchange/socket';

const OPEN = 1;
const CLOSED = 3;

export class StandInSocket extends EventEmitter {
  readonly OPEN = OPEN;
  readyState = OPEN;
  readonly sent: string[] = [];

  /** The stand-in typed as what the exchange sockets accept. */
  get socket(): FrameSocket {
    return this as unknown as FrameSocket;
  }

  send(text: string): void {
    this.sent.push(text);
  }

  ping(): void {}

  terminate(): void {
    this.drop(1006, '');
  }

  close(code: number, reason: string): void {
    this.drop(code, reason);
  }

  /** The peer sends a frame: text (JSON or not), or binary bytes. */
  deliver(data: string | Uint8Array, binary = false): void {
    this.emit('message', Buffer.from(data), binary);
  }

  /** The connection ends (once). */
  drop(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.emit('close', code, Buffer.from(reason));
  }
}
