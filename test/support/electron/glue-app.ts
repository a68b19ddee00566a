/**
 * Launches the built app (out/main/main.js) in plain Node with the electron stand-in
 * (./register.mjs) and hosts its windows as real Chromium pages (./window-host.ts): the glue
 * harness of DESIGN §9.5. One browser serves every app a test launches; each app is its own
 * process, so single-instance, exit codes and leftover handles are real.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import type { FromApp, IpcChannels, SessionState, StandInRecord } from './messages';
import { HostedWindow, newAppContext, type AppLink } from './window-host';

/** The project directory. */
export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('./register.mjs', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Per-test folders: the stand-in's app data root (and user data inside it) and its key ring. */
export interface GlueDirs {
  root: string;
  appData: string;
  userData: string;
  keyring: string;
  remove(): void;
}

export function makeGlueDirs(): GlueDirs {
  const root = mkdtempSync(join(tmpdir(), 'perpdesk-glue-'));
  const appData = join(root, 'appdata');
  const userData = join(root, 'userdata');
  mkdirSync(appData);
  return { root, appData, userData, keyring: join(root, 'keyring.key'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface LaunchOptions {
  dirs: GlueDirs;
  /** The main bundle to run (default out/main/main.js). */
  main?: string;
  /** Extra environment (PERPDESK_USER_DATA defaults to dirs.userData; pass undefined to leave it out). */
  env?: Record<string, string | undefined>;
  /** Answer of the save dialog (a path, or null for cancel). */
  saveDialog?: () => string | null;
  /** Node options for the app's process before the stand-in's (e.g. `--cpu-prof`). */
  nodeArgs?: readonly string[];
  /** Scripts every window's page runs before any of its own (after the preload): the bench's probes. */
  pageScripts?: readonly string[];
  /** Sees every message from the app as it arrives, with the host's absolute time (ms since the epoch). */
  observe?: (message: FromApp, at: number) => void;
}

/** Now, in ms since the epoch at sub-millisecond resolution: comparable across processes on one machine. */
export function absoluteNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface ExitReport {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The code the app passed to app.exit, if it got that far. */
  appExitCode: number | null;
}

/** One running app: its process, its windows, and everything the stand-in recorded. */
export class GlueApp {
  readonly records: StandInRecord[] = [];
  readonly violations: string[] = [];
  /** Requests the page made to anything but the app's own origin. */
  readonly escapes: string[] = [];
  readonly windows = new Map<number, HostedWindow>();
  readonly output: string[] = [];
  /** Failures of the host's own page work (never silently lost: shown when a wait fails). */
  readonly hostErrors: string[] = [];
  readonly exited: Promise<ExitReport>;
  private appExitCode: number | null = null;
  /**
   * The default session's pages. Made as the app starts, as Electron's default session exists from
   * the app's start: a window then costs its page, not a browser context as well.
   */
  private readonly context: Promise<BrowserContext | null>;
  private readonly answers = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private readonly link: AppLink;
  private hasExited = false;

  constructor(
    private readonly child: ChildProcess,
    browser: Browser,
    private readonly options: LaunchOptions,
  ) {
    this.context = newAppContext(browser).catch((error: unknown) => {
      this.hostErrors.push(`browser context: ${String(error)}`);
      return null;
    });
    this.link = {
      ask: <T>(message: Record<string, unknown>) => this.ask<T>(message),
      tell: (message) => this.tell(message),
      violation: (message) => void this.violations.push(message),
    };
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    child.on('message', (message) => {
      options.observe?.(message as FromApp, absoluteNow());
      this.fromApp(message as FromApp).catch((error: unknown) => {
        // Page work for an app that is being torn down (the test killed it) fails; anything else is kept.
        if (!this.hasExited) this.hostErrors.push(`${(message as FromApp).t}: ${String(error)}`);
      });
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.hasExited = true;
        for (const waiting of this.answers.values()) waiting.reject(new Error('the app exited'));
        this.answers.clear();
        resolve({ code, signal, appExitCode: this.appExitCode });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private tell(message: Record<string, unknown>): void {
    if (!this.hasExited && this.child.connected) this.child.send(message);
  }

  private ask<T>(message: Record<string, unknown>): Promise<T> {
    if (this.hasExited || !this.child.connected) return Promise.reject(new Error('the app is not running'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.answers.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...message, id });
    });
  }

  private answer(id: number, work: () => Promise<unknown>): void {
    work().then(
      (value) => this.tell({ t: 'answer', id, value }),
      (error: unknown) => this.tell({ t: 'answer', id, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  private async fromApp(message: FromApp): Promise<void> {
    switch (message.t) {
      case 'answer': {
        const waiting = this.answers.get(message.id);
        this.answers.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.value);
        return;
      }
      case 'ready':
        this.records.push({ what: 'ready' });
        return;
      case 'window': {
        const window = new HostedWindow(message.windowId, message.options, this.link, this.escapes, this.options.pageScripts);
        this.windows.set(message.windowId, window);
        this.records.push({ what: 'window', windowId: message.windowId, options: message.options });
        await window.serial(async () => {
          const context = await this.context;
          if (context === null) throw new Error('the browser context could not be made');
          await window.open(context);
        });
        return;
      }
      case 'load': {
        const window = this.windows.get(message.windowId);
        this.answer(message.id, () => (window === undefined ? Promise.reject(new Error('no such window')) : window.serial(() => window.load(message.url))));
        return;
      }
      case 'push':
        await this.windows.get(message.windowId)?.serial(() => this.windows.get(message.windowId)!.push(message.channel, message.args));
        return;
      case 'window-state': {
        const window = this.windows.get(message.windowId);
        this.records.push({ what: `window-${message.what}`, windowId: message.windowId });
        await window?.serial(() => window.state(message.what));
        return;
      }
      case 'record': {
        const { t: _t, ...record } = message;
        this.records.push(record);
        return;
      }
      case 'violation':
        this.violations.push(message.message);
        return;
      case 'exit':
        this.appExitCode = message.code;
        this.records.push({ what: 'exit', code: message.code });
        return;
      case 'save-dialog':
        this.answer(message.id, () => Promise.resolve(this.options.saveDialog?.() ?? null));
        return;
      case 'message-box':
        this.answer(message.id, () => Promise.resolve(0));
        return;
    }
  }

  /** The page of the first window, once it has loaded the app. */
  async firstPage(timeoutMs = 30_000): Promise<Page> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const window = [...this.windows.values()][0];
      const page = window?.page;
      if (page && this.records.some((record) => record.what === 'window-show')) return page;
      if (this.hasExited) throw new Error(`the app exited before showing a window:\n${this.diagnostics()}`);
      if (Date.now() > deadline) throw new Error(`no window shown after ${timeoutMs} ms:\n${this.diagnostics()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The app's output and the host's own failures, for a failure message. */
  diagnostics(): string {
    return [...this.output, ...this.hostErrors.map((error) => `[host] ${error}\n`)].join('');
  }

  /** The records of one kind, in order. */
  recorded(what: string): StandInRecord[] {
    return this.records.filter((record) => record.what === what);
  }

  ipcChannels(): Promise<IpcChannels> {
    return this.ask<IpcChannels>({ t: 'query-ipc' });
  }

  sessionState(): Promise<SessionState> {
    return this.ask<SessionState>({ t: 'query-session' });
  }

  /** The user minimises a window (the stand-in then reports isMinimized() true). */
  minimize(windowId: number): void {
    this.tell({ t: 'user-minimize', windowId });
  }

  /** What Cmd+Q / the app menu's Quit does: app.quit(). */
  quit(): void {
    this.tell({ t: 'quit' });
  }

  /** Waits for the process to end by itself; kills it (and fails) after `timeoutMs`. */
  async waitForExit(timeoutMs = 20_000): Promise<ExitReport> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`the app did not exit by itself within ${timeoutMs} ms:\n${this.diagnostics()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the test's app whatever state it is in, and the pages of its windows. */
  async dispose(): Promise<void> {
    if (!this.hasExited) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    // A window still being set up (the app exited while its page opened) finishes first: closing the
    // context under Playwright's setup calls makes Playwright throw from its own dispatcher.
    await Promise.all([...this.windows.values()].map((window) => window.idle()));
    await (await this.context)?.close().catch(() => undefined);
  }
}

/** Starts the app's built main bundle with the electron stand-in. */
export function launchGlueApp(browser: Browser, options: LaunchOptions): GlueApp {
  const { dirs } = options;
  const env: Record<string, string | undefined> = {
    ...process.env,
    GLUE_APP_DATA: dirs.appData,
    GLUE_KEYRING_FILE: dirs.keyring,
    PERPDESK_USER_DATA: dirs.userData,
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', REGISTER, options.main ?? join(projectRoot, 'out', 'main', 'main.js')], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  return new GlueApp(child, browser, options);
}
