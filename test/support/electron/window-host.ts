/**
 * The host side of the stand-in's windows: each BrowserWindow the app opens is a real Chromium page
 * (DESIGN §9.5). Its `app://` URL is shown at the stand-in origin (./origin-map.ts); every request
 * of that origin is answered by the app's own protocol handler with its headers as sent, so the CSP
 * really applies; every other request is a network escape, recorded and refused. The built preload
 * runs in the page (./page-runtime.js) and its ipcRenderer reaches main through a binding that
 * names the real frame that called.
 */
import type { Browser, BrowserContext, Frame, Page, Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import type { ProtocolAnswer, SenderFrame, WindowOptions } from './messages';
import { isStandInUrl, toAppUrl, toStandInUrl } from './origin-map';

const BINDING = '__perpdeskStandInIpc';
const DELIVER = '__perpdeskStandInDeliver';
const PAGE_RUNTIME = readFileSync(new URL('./page-runtime.js', import.meta.url), 'utf8');

/** What a window host needs from the app's process. */
export interface AppLink {
  ask<T>(message: Record<string, unknown>): Promise<T>;
  tell(message: Record<string, unknown>): void;
  violation(message: string): void;
}

type PageCall =
  | { kind: 'invoke'; channel: string; args: unknown[] }
  | { kind: 'send'; channel: string; args: unknown[] }
  | { kind: 'violation'; message: string }
  | { kind: 'preload-error'; message: string };

/** One IPC message as it crossed between page and main, its payload as JSON text (for leak searches). */
export interface IpcTraffic {
  direction: 'invoke' | 'result' | 'send' | 'push';
  channel: string;
  payload: string;
}

export interface WindowEvent {
  windowId: number;
  what: string;
}

/** One app window: its page, the options the app gave, and what happened to it. */
export class HostedWindow {
  page: Page | null = null;
  readonly events: WindowEvent[] = [];
  readonly preloadErrors: string[] = [];
  /** Every IPC message of this window, both directions, in order. */
  readonly traffic: IpcTraffic[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly frameIds = new WeakMap<Frame, number>();
  private nextFrameId = 1;
  /** The one navigation main (loadURL) or the test (navigate) started: not the page's own. */
  private allowedNavigation: string | null = null;

  constructor(
    readonly windowId: number,
    readonly options: WindowOptions,
    private readonly link: AppLink,
    private readonly escapes: string[],
    /** Scripts the page runs before its own, after the preload (LaunchOptions.pageScripts). */
    private readonly pageScripts: readonly string[] = [],
  ) {}

  /** Runs page work in the order main asked for it (a push must not overtake the load). */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once the page work asked for so far is done (whether it succeeded or not). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  async open(context: BrowserContext): Promise<void> {
    const page = await context.newPage();
    this.page = page;
    // In this order, one after another: the page runtime (an init script) needs the binding, and
    // init scripts run in the order they were added (the preload's runtime before the bench's probes).
    await page.exposeBinding(BINDING, (source, call: PageCall) => this.fromPage(source.frame, call));
    await page.addInitScript({ content: this.initScript() });
    for (const content of this.pageScripts) await page.addInitScript({ content });
    // A request still in flight when the app's process ends (a test killing it) just fails.
    await page.route('**/*', (route) => this.route(route).catch(() => route.abort('failed').catch(() => undefined)));
    // window.open: Electron asks the app's window open handler first; only 'allow' lets it open.
    page.on('popup', (popup) => {
      void this.link
        .ask<{ action: string }>({ t: 'window-open', windowId: this.windowId, url: toAppUrl(popup.url()) })
        .catch(() => ({ action: 'deny' }))
        .then(async (decision) => {
          if (decision.action !== 'allow') await popup.close().catch(() => undefined);
          this.events.push({ windowId: this.windowId, what: `window-open-${decision.action}` });
        });
    });
    page.on('close', () => {
      if (this.page === page) this.link.tell({ t: 'user-close', windowId: this.windowId });
    });
  }

  /** The page's init script: the page runtime with the preload's text inside it (a CSP forbids eval). */
  private initScript(): string {
    const preloadPath = this.options.webPreferences?.preload;
    const preload = preloadPath === undefined ? '' : readFileSync(preloadPath, 'utf8');
    const runPreload = `function (require, module, exports, process) {\n${preload}\n}`;
    try {
      new Script(`(${runPreload})`, { filename: preloadPath ?? 'preload' });
    } catch (error) {
      // A sandboxed preload is a CommonJS script: an ES module (import/export) cannot load there.
      this.link.violation(`[electron stand-in] the preload ${preloadPath} is not a CommonJS script: ${String(error)}`);
    }
    const config = {
      bindingName: BINDING,
      deliverName: DELIVER,
      contextIsolation: this.options.webPreferences?.contextIsolation !== false,
      allowedButAbsent: ['events', 'timers', 'url'],
      platform: process.platform,
    };
    return `${PAGE_RUNTIME}\nperpdeskStandInPage(${JSON.stringify(config)}, ${runPreload});\n`;
  }

  frameId(frame: Frame): number {
    let id = this.frameIds.get(frame);
    if (id === undefined) {
      id = this.nextFrameId++;
      this.frameIds.set(frame, id);
    }
    return id;
  }

  /** The sender as main's check sees it: the frame that really called, its URL as the app:// one. */
  sender(frame: Frame): SenderFrame {
    return { windowId: this.windowId, frameId: this.frameId(frame), isMain: frame === this.page?.mainFrame(), url: toAppUrl(frame.url()) };
  }

  private async fromPage(frame: Frame, call: PageCall): Promise<unknown> {
    if (call.kind === 'violation') return this.link.violation(call.message);
    if (call.kind === 'preload-error') {
      this.preloadErrors.push(call.message);
      return this.link.violation(`[electron stand-in] the preload threw: ${call.message}`);
    }
    const text = (value: unknown): string => JSON.stringify(value) ?? 'undefined';
    if (call.kind === 'send') {
      this.traffic.push({ direction: 'send', channel: call.channel, payload: text(call.args) });
      return this.link.tell({ t: 'send', channel: call.channel, args: call.args, sender: this.sender(frame) });
    }
    this.traffic.push({ direction: 'invoke', channel: call.channel, payload: text(call.args) });
    try {
      const value = await this.link.ask({ t: 'invoke', channel: call.channel, args: call.args, sender: this.sender(frame) });
      this.traffic.push({ direction: 'result', channel: call.channel, payload: text(value) });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  private async route(route: Route): Promise<void> {
    const request = route.request();
    // A navigation of the main frame that the page itself started: Electron emits will-navigate and
    // will-frame-navigate first, and a listener's preventDefault cancels it. (Subframes: not emulated.)
    if (request.isNavigationRequest() && request.frame() === this.page?.mainFrame()) {
      if (this.allowedNavigation === request.url()) {
        this.allowedNavigation = null;
      } else {
        const prevented = await this.link.ask<boolean>({ t: 'will-navigate', windowId: this.windowId, url: toAppUrl(request.url()) });
        if (prevented) {
          this.events.push({ windowId: this.windowId, what: 'navigation-blocked' });
          await route.abort('aborted');
          return;
        }
      }
    }
    if (!isStandInUrl(request.url())) {
      // Nothing but the app's own origin exists for the window: anything else got past the CSP.
      this.escapes.push(`${request.method()} ${request.url()}`);
      await route.abort('blockedbyclient');
      return;
    }
    const answer = await this.link.ask<ProtocolAnswer>({
      t: 'protocol-request',
      url: toAppUrl(request.url()),
      method: request.method(),
      // The headers Chromium gave the request (no extra round trip for the raw set: a custom scheme's
      // request carries no cookies or network headers in Electron either, and the app reads none).
      headers: request.headers(),
    });
    if (answer.failure !== undefined) {
      await route.abort('failed');
      return;
    }
    await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body === null ? '' : Buffer.from(answer.body) });
  }

  /** webContents.loadURL: the app:// URL at its stand-in origin; resolves once the page has loaded. */
  async load(url: string): Promise<{ mainFrameId: number }> {
    const page = this.page;
    if (page === null) throw new Error('the window has no page');
    const standIn = toStandInUrl(url);
    if (standIn === null) throw new Error(`ERR_UNKNOWN_URL_SCHEME (${url}): the stand-in maps only app:// URLs`);
    this.allowedNavigation = standIn;
    const response = await page.goto(standIn, { waitUntil: 'load' });
    if (response === null || !response.ok()) throw new Error(`ERR_FAILED loading ${url} (HTTP ${response?.status() ?? 'none'})`);
    return { mainFrameId: this.frameId(page.mainFrame()) };
  }

  /** A navigation the browser side starts (as loadURL would, so no will-navigate): for tests. */
  async navigate(pageUrl: string): Promise<void> {
    const page = this.page;
    if (page === null) throw new Error('the window has no page');
    this.allowedNavigation = pageUrl;
    await page.goto(pageUrl, { waitUntil: 'load' });
  }

  /** webContents.send: delivered to the preload's ipcRenderer listeners. */
  async push(channel: string, args: unknown[]): Promise<void> {
    this.traffic.push({ direction: 'push', channel, payload: JSON.stringify(args) ?? 'undefined' });
    const page = this.page;
    if (page === null || page.isClosed()) return;
    await page
      .evaluate(
        ([deliver, name, values]) => {
          // A document without the preload (an error page) has no listeners: the push reaches no one.
          const receive = (window as unknown as Record<string, ((c: string, a: unknown[]) => void) | undefined>)[deliver];
          if (typeof receive === 'function') receive(name, values);
        },
        [DELIVER, channel, args] as const,
      )
      .catch((error: unknown) => {
        // A push racing a reload or the close is lost, as it would be in Electron.
        if (!page.isClosed() && !/context was destroyed|Target closed|has been closed|detached/.test(String(error))) throw error;
      });
  }

  async state(what: string): Promise<void> {
    this.events.push({ windowId: this.windowId, what });
    const page = this.page;
    if (page === null || page.isClosed()) return;
    if (what === 'focus' || what === 'show' || what === 'restore') await page.bringToFront();
    if (what === 'close') {
      this.page = null; // closed by main: not a user close
      await page.close();
    }
  }
}

/** The default session's pages: one browser context, as Electron windows share one session. */
export async function newAppContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1360, height: 820 } });
}
