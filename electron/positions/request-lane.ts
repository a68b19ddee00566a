/**
 * The engine's requests, one at a time: a positions snapshot, the account read that follows it, the
 * brackets, funding and ADL reads. Requests in flight together all meet a rate limit at once, and a
 * request that reaches the exchange inside a 429 window is what gets an IP banned (PROTOCOL §9): in
 * one lane, the request that meets the 429 is the only one out, and the client's gate holds the
 * rest until the window ends. The engine opens a new lane per session epoch, so a request of a
 * session that is gone holds up nothing in the new one.
 */
export class RequestLane {
  private tail: Promise<unknown> = Promise.resolve();
  /** Requests sent or queued and not yet settled. */
  private pending = 0;

  /**
   * Sends `request` once every request queued before it has settled — at once (synchronously) when
   * none is — and resolves or rejects as it does.
   */
  run<T>(request: () => Promise<T>): Promise<T> {
    const send = (): Promise<T> => {
      try {
        return request();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const result = this.pending === 0 ? send() : this.tail.then(send, send);
    this.pending++;
    const settled = result.then(
      () => void this.pending--,
      () => void this.pending--,
    );
    this.tail = settled;
    return result;
  }
}
