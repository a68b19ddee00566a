/**
 * Every open connection of a simulator, by kind: what the control endpoint's fault commands
 * (dropConnections, stall, withholdPongs, malformed) act on, and what close() tears down.
 */
import type { WebSocket } from 'ws';
import { Link, type LinkKind, type LinkTimings } from './link';

/** A connection kind, or all of them. */
export type LinkSelector = LinkKind | 'all';

/** The open connections. */
export class LinkRegistry {
  private readonly links = new Set<Link>();

  constructor(private readonly timings: LinkTimings) {}

  /** Wraps a freshly upgraded socket; the link leaves the registry when the socket closes. */
  attach(socket: WebSocket, kind: LinkKind): Link {
    const link = new Link(socket, kind, this.timings);
    this.links.add(link);
    socket.on('close', () => this.links.delete(link));
    return link;
  }

  /** The open links of a kind. */
  select(selector: LinkSelector = 'all'): Link[] {
    return [...this.links].filter((link) => selector === 'all' || link.kind === selector);
  }

  /** Destroys every connection. */
  terminateAll(): void {
    for (const link of this.links) link.destroy();
  }
}
