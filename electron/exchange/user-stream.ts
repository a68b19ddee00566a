/**
 * The user data stream: a `/private/ws/<listenKey>` connection delivering account events. The WS API
 * cannot carry them (PROTOCOL §0.5), so this is a third socket, opened with a key from
 * `userDataStream.start`.
 */
import { ExchangeSocket, openSocket, type FrameSocket, type SocketEvents } from './socket';
import { readUserEvent, type UserEvent } from './user-events';

export interface UserStreamEvents extends SocketEvents {
  onEvent: (event: UserEvent) => void;
}

export class UserStream extends ExchangeSocket<UserStreamEvents> {
  private constructor(
    socket: FrameSocket,
    events: UserStreamEvents,
  ) {
    super(socket, events);
  }

  /** `wss://…/private/ws/<listenKey>`: the documented form, which also delivers listenKeyExpired. */
  static async connect(privateBase: string, listenKey: string, events: UserStreamEvents): Promise<UserStream> {
    if (!/^[A-Za-z0-9]{1,128}$/.test(listenKey)) throw new Error('The exchange returned a malformed listen key.');
    return new UserStream(await openSocket(`${privateBase}/ws/${listenKey}`), events);
  }

  /** Drops the stream without reporting its close: it was replaced on purpose. */
  retire(): void {
    this.abandon();
  }

  protected receive(frame: unknown): void {
    const event = readUserEvent(frame);
    if (event === null) this.events.onBadFrame?.('invalid user data event');
    else if (event !== 'ignored') this.events.onEvent(event);
  }
}
