/**
 * The user data stream: a `/private/ws/<listenKey>` connection delivering account events. The WS API
 * cannot carry them (PROTOCOL §0.5), so this is a third socket, opened with a key from
 * `userDataStream.start`.
 */
import type WebSocket from 'ws';
import { openSocket, parseTextFrame } from './socket';
import { readUserEvent, type UserEvent } from './user-events';

export interface UserStreamEvents {
  onEvent: (event: UserEvent) => void;
  onBadFrame?: (reason: string) => void;
  onClose?: (code: number, reason: string) => void;
  onFrame?: () => void;
}

export class UserStream {
  private closed = false;

  private constructor(
    private readonly socket: WebSocket,
    private readonly events: UserStreamEvents,
  ) {
    socket.on('message', (data, isBinary) => this.handleFrame(parseTextFrame(data, isBinary)));
    socket.on('close', (code, reason) => this.handleClose(code, reason.toString()));
    socket.on('pong', () => this.events.onFrame?.());
    socket.on('error', () => undefined); // 'close' follows
  }

  /** `wss://…/private/ws/<listenKey>`: the documented form, which also delivers listenKeyExpired. */
  static async connect(privateBase: string, listenKey: string, events: UserStreamEvents): Promise<UserStream> {
    if (!/^[A-Za-z0-9]{1,128}$/.test(listenKey)) throw new Error('The exchange returned a malformed listen key.');
    return new UserStream(await openSocket(`${privateBase}/ws/${listenKey}`), events);
  }

  ping(): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  terminate(): void {
    if (this.closed) return;
    this.socket.terminate();
    this.handleClose(1006, 'terminated by client');
  }

  /** Drops the stream without reporting its close: it was replaced on purpose. */
  retire(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.terminate();
  }

  close(): void {
    if (this.closed) return;
    this.socket.close(1000, 'client closing');
    setTimeout(() => this.socket.terminate(), 1_000).unref();
    this.handleClose(1000, 'client closing');
  }

  private handleFrame(frame: unknown): void {
    this.events.onFrame?.();
    const event = readUserEvent(frame);
    if (event === null) this.events.onBadFrame?.('invalid user data event');
    else if (event !== 'ignored') this.events.onEvent(event);
  }

  private handleClose(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.events.onClose?.(code, reason);
  }
}
