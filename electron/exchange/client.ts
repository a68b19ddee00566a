/**
 * The exchange client: one WS API connection for requests and one `/market` stream for mark prices,
 * kept alive together. It owns the clock offset, rate-limit usage and latency; it reconnects with
 * backoff when a socket drops or goes silent, renews the connections before the exchange's 24 h cut
 * without a gap, and tells its owner after every (re)connect so a fresh snapshot is taken (events are
 * not replayed across connections, PROTOCOL §11.6). Every request, WS API or REST, passes one gate
 * (request-gate.ts: 429/418/WAF pauses, clock retry, auth stop); what it reads for its owner is in
 * client-reads.ts.
 */
import type { ConnectionState } from '../../shared/connection';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { DEFAULT_TIMINGS, emptyMetrics, recordReply, type ClientMetrics, type ClientTimings, type ExchangeClientOptions } from './client-options';
import { ClockKeeper } from './clock';
import { ExchangeError, forKeyType, linkError } from './errors';
import { closeLink, openLink, openUserStream, type Link, type LinkHooks } from './link';
import { pingUserDataStream, serverNoticeError, sessionLogon, type WsApiContext } from './methods';
import { AccountReads } from './account-reads';
import { ClientReads } from './client-reads';
import { RequestGate } from './request-gate';
import { fetchServerTime } from './rest';
import type { RpcSocket } from './transport';
import type { UserStream } from './user-stream';
import { isDead, type Watchdog } from './watchdog';

export class ExchangeClient extends ClientReads {
  readonly metrics: ClientMetrics = emptyMetrics();
  private state: ConnectionState = 'offline';
  private statusMessage: string | null = null;
  private link: Link | null = null;
  private followed: ReadonlySet<string> = new Set();
  private retryTimer: NodeJS.Timeout | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private readonly clock: ClockKeeper;
  /** The pause/ban/clock/auth policy shared by every WS API and REST request. */
  private readonly gate: RequestGate;
  protected readonly reads: AccountReads;
  /** Bumped on every (re)connect and on stop, so events of an old connection are ignored. */
  private generation = 0;
  private readonly now: () => number;
  private readonly timings: ClientTimings;
  /** WS API connections authenticated with session.logon (Ed25519). */
  private readonly sessions = new WeakSet<RpcSocket>();

  constructor(private readonly options: ExchangeClientOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.clock = new ClockKeeper({
      now: this.now,
      fetchServerTime: () => this.reads.rest((context) => fetchServerTime(context), false),
      onOffset: (offsetMs) => (this.metrics.clockOffsetMs = offsetMs),
      reuseMs: this.timings.clockReuseMs,
      resyncMs: this.timings.clockResyncMs,
    });
    this.gate = new RequestGate({
      serverNow: () => this.serverNow(),
      keyType: options.signer.keyType,
      defaultPauseMs: this.timings.rateLimitPauseMs,
      resyncClock: () => this.clock.sync(),
      onResynced: () =>
        this.options.events.onNotice?.('resync', `The exchange rejected our timestamp; clock re-synchronised (offset ${this.metrics.clockOffsetMs ?? 0} ms).`),
      onPaused: (until, error) => this.paused(until, error.status === 403),
      onBanned: (error, until) => this.enterBan(error, until),
      onAuthFailed: (error, current) => {
        if (current) this.failAuth(error.message);
      },
    });
    this.reads = new AccountReads({
      restBase: options.endpoints.rest,
      signer: options.signer,
      gate: this.gate,
      metrics: this.metrics,
      now: this.now,
      serverNow: () => this.serverNow(),
      symbolsTtlMs: this.timings.symbolsTtlMs,
      ws: (send) => this.ws(send),
      notice: (kind, message) => this.options.events.onNotice?.(kind, message),
    });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Starts connecting; returns at once. Progress is reported through `onState`. */
  start(): void {
    if (this.state !== 'offline') return;
    this.tickTimer = setInterval(() => this.housekeeping(), 1_000);
    void this.connect();
  }

  /** Closes everything; no timer or socket is left behind. */
  stop(): void {
    this.generation++;
    this.clearTimers();
    this.closeLink();
    this.setState('offline', null);
  }

  /** Drops the connection and reconnects at once (the user asked). */
  reconnect(): void {
    if (this.state === 'banned') return; // reconnecting during a ban would extend it
    this.stop();
    this.attempt = 0;
    this.start();
  }

  /**
   * Stops for good after an authentication failure: retrying cannot help until the user acts
   * (reconnect() or a new client for another profile). The first report stands; its owner may
   * report the same failure again.
   */
  failAuth(message: string): void {
    if (this.state === 'auth-failed') return;
    this.stop();
    this.setState('auth-failed', message);
  }

  /** Mark prices of exactly these symbols will flow to `onTick` (kept across reconnects). */
  followMarks(symbols: Iterable<string>): void {
    this.followed = new Set(symbols);
    this.link?.stream.follow(this.followed);
  }

  // --- Requests: one gate for WS API and REST ----------------------------------------------------

  /** A WS API request on the current connection, through the gate. */
  private ws<T>(send: (context: WsApiContext) => Promise<T>): Promise<T> {
    const link = this.link;
    return this.gate.run(
      () => {
        if (link === null || !link.rpc.isOpen) throw linkError('Not connected to the exchange.');
        return send(this.context(link.rpc));
      },
      // A rejected key on a connection already replaced says nothing about the current one.
      { current: () => link === this.link },
    );
  }

  private paused(until: number, firewall: boolean): void {
    const seconds = Math.max(1, Math.round((until - this.serverNow()) / 1000));
    const reason = firewall ? "The exchange's firewall refused a request" : 'Rate limit reached';
    if (this.state === 'live' || this.state === 'degraded') {
      this.setState('degraded', `${reason}: requests paused for ${seconds} s (prices keep streaming).`);
    }
  }

  /** 418: close everything and send nothing until the ban ends, then start again. */
  private enterBan(error: ExchangeError, until: number): void {
    this.generation++;
    this.closeLink();
    this.setState('banned', error.message);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.attempt = 0;
      void this.connect();
    }, Math.max(0, until - this.serverNow()) + 1_000);
  }

  private serverNow(): number {
    return this.now() + (this.metrics.clockOffsetMs ?? 0);
  }

  private context(rpc: RpcSocket): WsApiContext {
    return {
      rpc,
      signer: this.options.signer,
      serverNow: () => this.serverNow(),
      onReply: (info) => recordReply(this.metrics, info),
      loggedOn: () => this.sessions.has(rpc),
    };
  }

  // --- Connections --------------------------------------------------------------------------------

  /** Opens the three sockets for `generation`; their events count only while it is current. */
  private openLink(generation: number): Promise<Link> {
    const current = (): boolean => generation === this.generation;
    return openLink(this.linkHooks(current), this.now());
  }

  private linkHooks(current: () => boolean): LinkHooks {
    return {
      endpoints: this.options.endpoints,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 10_000,
      watch: (quietMs) => ({ quietMs, pongTimeoutMs: this.timings.pongTimeoutMs }),
      timings: this.timings,
      context: (rpc) => this.context(rpc),
      onFrame: (watch) => this.touch(watch),
      onBadFrame: () => this.metrics.badFrames++,
      onTick: (tick) => {
        if (current()) this.options.events.onTick?.(tick);
      },
      onUserEvent: (event) => {
        if (!current()) return;
        if (event.type === 'listen-key-expired') return void this.replaceUserStream('The listen key expired');
        this.reads.onUserEvent(event); // ACCOUNT_CONFIG_UPDATE keeps the v2 config current
        this.options.events.onUserEvent?.(event);
      },
      onDropped: (what) => {
        // While connecting, the connect step itself reports failures (and knows an auth error from a drop).
        if (current() && this.link !== null) this.scheduleReconnect(`The ${what} dropped.`);
      },
      logon: async (rpc) => {
        // Ed25519 keys log on once per connection; HMAC and RSA keys sign every request.
        if (this.options.signer.keyType !== 'ED25519') return;
        await sessionLogon(this.context(rpc));
        this.sessions.add(rpc);
      },
      onServerNotice: (frame) => {
        // `{"id":null,"status":401,…}`: the exchange revoked the session (PROTOCOL §2); or a ban.
        const error = current() ? serverNoticeError(frame) : null;
        if (error?.kind === 'auth' || error?.kind === 'banned') this.gate.record(error);
      },
    };
  }

  /** A new listen key and user stream on the same WS API connection, then a snapshot (events may be missed). */
  private async replaceUserStream(reason: string): Promise<void> {
    const link = this.link;
    if (link === null) return;
    const generation = this.generation;
    const old = link.user;
    try {
      this.gate.admit(); // userDataStream.start is a request like any other
      // Events and drops of the new stream count only while it is the link's stream.
      let user: UserStream | null = null;
      const hooks = this.linkHooks(() => generation === this.generation && this.link?.user === user);
      user = await openUserStream(hooks, link.rpc, link.userWatch);
      link.user = user;
      link.keptAliveAt = this.now();
    } catch (error) {
      if (generation === this.generation) this.scheduleReconnect(`${reason} and a new one could not be opened: ${(error as Error).message}`);
      return;
    } finally {
      old.retire();
    }
    this.options.events.onNotice?.('listen-key', `${reason}: a new user data stream is open.`);
    this.connected(false);
  }

  /** Extends the listen key well inside its 60 minutes; a -1125 answer means it is gone: start anew. */
  private keepAlive(link: Link): void {
    link.keptAliveAt = this.now();
    this.ws((context) => pingUserDataStream(context)).then(
      () => this.options.events.onNotice?.('listen-key', 'Listen key extended.'),
      (error: unknown) => {
        if (error instanceof ExchangeError && error.code === -1125) void this.replaceUserStream('The listen key expired');
      },
    );
  }

  private touch(watch: Watchdog): void {
    const now = this.now();
    watch.frame(now);
    this.metrics.lastMessageAt = now;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting', this.attempt === 0 ? null : this.statusMessage);
    let link: Link;
    try {
      // Handshakes and the listen key cost weight too: nothing is opened during a pause or ban.
      this.gate.admit();
      await this.clock.ensure();
      link = await this.openLink(generation);
    } catch (thrown) {
      if (generation !== this.generation) return;
      if (!(thrown instanceof ExchangeError)) return this.scheduleReconnect(`Cannot reach the exchange: ${(thrown as Error).message}`);
      const error = forKeyType(thrown, this.options.signer.keyType);
      // A rejected key (e.g. userDataStream.start answering -2015) will be rejected again: stop.
      if (error.kind === 'auth') return this.failAuth(error.message);
      // A ban (from here or from the gate, which has already scheduled the comeback) or a pause.
      this.gate.record(error);
      if (error.kind === 'banned') return;
      this.scheduleReconnect(`Cannot reach the exchange: ${error.message}`, error.kind === 'rate-limit' ? error.retryAfter : null);
      return;
    }
    if (generation !== this.generation) return closeLink(link);
    this.link = link;
    link.stream.follow(this.followed);
    this.attempt = 0;
    this.setState('live', null);
    this.connected();
  }

  /**
   * A new connection (or, `fresh` false, a new user stream on the same one) is up: user events may
   * have been missed, so a snapshot follows; on a new connection, per-connection reports start over.
   */
  private connected(fresh = true): void {
    this.reads.newConnection(fresh);
    this.options.events.onConnected?.();
  }

  /**
   * Renews both connections before the exchange's 24 h limit without a gap: the new ones open while
   * the old ones still deliver, then the old ones are closed and a snapshot covers the switch.
   */
  private async renew(): Promise<void> {
    const generation = ++this.generation;
    const old = this.link;
    let link: Link;
    try {
      this.gate.admit();
      link = await this.openLink(generation);
    } catch {
      if (generation === this.generation) this.scheduleReconnect('Renewing the connection failed.');
      return;
    }
    if (generation !== this.generation) return closeLink(link);
    this.link = link;
    link.stream.follow(this.followed);
    if (old !== null) closeLink(old);
    this.options.events.onNotice?.('renewal', 'Connections renewed ahead of the exchange’s 24-hour limit.');
    this.connected();
  }

  /** Once a second: liveness, renewal, clock resync, end of a rate-limit pause. */
  private housekeeping(): void {
    const link = this.link;
    if (link === null || this.state === 'banned') return;
    const now = this.now();
    if (this.followed.size > 0 && isDead(link.streamWatch, () => link.stream.ping(), now)) {
      return this.scheduleReconnect('The mark price stream went silent.');
    }
    if (isDead(link.rpcWatch, () => link.rpc.ping(), now)) {
      return this.scheduleReconnect('The exchange stopped answering.');
    }
    if (isDead(link.userWatch, () => link.user.ping(), now)) {
      return this.scheduleReconnect('The user data stream went silent.');
    }
    if (now - link.keptAliveAt >= this.timings.listenKeyKeepaliveMs) this.keepAlive(link);
    if (now - link.openedAt >= this.timings.maxConnectionMs) {
      link.openedAt = Number.POSITIVE_INFINITY; // renew once
      void this.renew();
      return;
    }
    // A failed resync is harmless: the next request's -1021 would catch a real problem.
    if (this.clock.resyncDue()) this.clock.sync().catch(() => undefined);
    if (this.state === 'degraded' && !this.gate.paused) this.setState('live', null);
  }

  /** Reconnects after a backoff, and never before `notBefore` (exchange time: the end of a pause). */
  private scheduleReconnect(message: string, notBefore: number | null = null): void {
    this.generation++;
    this.closeLink();
    const backoff = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    const delay = Math.max(backoff, notBefore === null ? 0 : notBefore - this.serverNow());
    this.setState('reconnecting', `${message} Retrying in ${(delay / 1000).toFixed(1)} s.`);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private closeLink(): void {
    if (this.link !== null) closeLink(this.link);
    this.link = null;
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    this.retryTimer = null;
    this.tickTimer = null;
  }

  private setState(state: ConnectionState, message: string | null): void {
    this.state = state;
    this.statusMessage = message;
    this.options.events.onState?.(state, message);
  }
}
