/**
 * What the simulator has received, counted for test harnesses that must prove a client did NOT do
 * something: no retry storm after a rejected key, nothing sent during a ban. Counts only, never
 * content, and nothing here changes how the simulator answers.
 */

/** Where a WebSocket handshake asked to go. */
export type HandshakeRoute = 'wsApi' | 'market' | 'public' | 'private' | 'unknown';

/** A snapshot of the counters since the simulator started. */
export interface TrafficStats {
  /** WebSocket handshakes received, by route, whether accepted or refused (404, 429, 418). */
  handshakes: Record<HandshakeRoute, number>;
  /** Frames received on WS API connections: each is one request, well-formed or not. */
  wsApiRequests: number;
  /** HTTP requests to REST paths (the control endpoint is not counted). */
  restRequests: number;
}

/** The counters; each part of the simulator bumps its own. */
export class Traffic {
  private readonly handshakes: Record<HandshakeRoute, number> = { wsApi: 0, market: 0, public: 0, private: 0, unknown: 0 };
  private wsApiRequests = 0;
  private restRequests = 0;

  handshake(route: HandshakeRoute): void {
    this.handshakes[route]++;
  }

  wsApiRequest(): void {
    this.wsApiRequests++;
  }

  restRequest(): void {
    this.restRequests++;
  }

  /** A copy: later traffic does not change a snapshot already taken. */
  stats(): TrafficStats {
    return { handshakes: { ...this.handshakes }, wsApiRequests: this.wsApiRequests, restRequests: this.restRequests };
  }
}
