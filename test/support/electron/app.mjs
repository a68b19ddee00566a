/**
 * The stand-in's `app`: ready sequence, paths, single-instance lock, quit and exit, following
 * Electron's documented behaviour (https://www.electronjs.org/docs/latest/api/app).
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { takeLock } from './single-instance.mjs';
import { disconnectHost, isExiting, markExiting, markReady, releaseAppLoop, requireNotReady, ruleBroken, sendToHost } from './runtime.mjs';

function findAppPackage() {
  let dir = dirname(process.argv[1] ?? process.cwd());
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return { dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    const parent = dirname(dir);
    if (parent === dir) return { dir: process.cwd(), pkg: {} };
    dir = parent;
  }
}

/** A cancellable event as Electron passes it to listeners. */
export function electronEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class App extends EventEmitter {
  #paths = new Map();
  #ready = false;
  #readyPromise;
  #resolveReady;
  #lock = null;
  #sandbox = false;
  #package = findAppPackage();
  #quitting = false;
  /** Windows still open: maintained by BrowserWindow. */
  openWindows = new Set();

  constructor() {
    super();
    this.#readyPromise = new Promise((resolve) => (this.#resolveReady = resolve));
    const appData = process.env.GLUE_APP_DATA;
    if (appData === undefined || !isAbsolute(appData)) throw new Error('[electron stand-in] GLUE_APP_DATA (an absolute folder) is required');
    this.#paths.set('appData', appData);
    this.#paths.set('home', process.env.GLUE_HOME ?? appData);
    this.#paths.set('temp', process.env.GLUE_TEMP ?? join(appData, 'tmp'));
  }

  get name() {
    return this.getName();
  }

  get isPackaged() {
    return process.env.GLUE_PACKAGED === '1';
  }

  getName() {
    return this.#package.pkg.productName ?? this.#package.pkg.name ?? 'Electron';
  }

  getVersion() {
    return this.#package.pkg.version ?? '0.0.0';
  }

  getAppPath() {
    return this.#package.dir;
  }

  getPath(name) {
    if (this.#paths.has(name)) return this.#paths.get(name);
    if (name === 'userData') return join(this.getPath('appData'), this.getName());
    if (name === 'sessionData') return this.getPath('userData');
    // Linux and Windows: <userData>/logs (macOS would be ~/Library/Logs/<name>).
    if (name === 'logs') return join(this.getPath('userData'), 'logs');
    if (name === 'crashDumps') return join(this.getPath('userData'), 'Crashpad');
    if (['desktop', 'documents', 'downloads', 'music', 'pictures', 'videos'].includes(name)) return join(this.getPath('home'), name);
    if (name === 'exe') return process.execPath;
    throw new Error(`Failed to get '${name}' path`);
  }

  setPath(name, path) {
    if (!isAbsolute(path)) ruleBroken(`app.setPath('${name}') needs an absolute path, got ${path}`);
    mkdirSync(path, { recursive: true });
    this.#paths.set(name, path);
  }

  setAppLogsPath(path) {
    this.#paths.set('logs', path ?? join(this.getPath('userData'), 'logs'));
  }

  enableSandbox() {
    requireNotReady('app.enableSandbox()');
    this.#sandbox = true;
    sendToHost({ t: 'record', what: 'enableSandbox' });
  }

  get sandboxEnabled() {
    return this.#sandbox;
  }

  isReady() {
    return this.#ready;
  }

  whenReady() {
    return this.#readyPromise;
  }

  /** Called once by the stand-in after the main script has run, as Electron's loop would. */
  becomeReady() {
    if (this.#ready || isExiting()) return;
    this.emit('will-finish-launching');
    this.#ready = true;
    markReady();
    sendToHost({ t: 'ready' });
    this.emit('ready', electronEvent(), {});
    this.#resolveReady();
  }

  requestSingleInstanceLock(additionalData) {
    if (this.#lock?.owner) return true;
    const userData = this.getPath('userData');
    mkdirSync(userData, { recursive: true });
    const handover = { argv: process.argv, cwd: process.cwd(), additionalData: additionalData ?? null };
    this.#lock = takeLock(userData, (message) => this.emit('second-instance', electronEvent(), message.argv, message.cwd, message.additionalData), handover);
    sendToHost({ t: 'record', what: 'singleInstanceLock', owner: this.#lock.owner });
    return this.#lock.owner;
  }

  hasSingleInstanceLock() {
    return this.#lock?.owner === true;
  }

  releaseSingleInstanceLock() {
    if (this.#lock?.owner) this.#lock.release();
    this.#lock = null;
  }

  focus() {
    sendToHost({ t: 'record', what: 'app-focus' });
  }

  /** Electron: before-quit, every window closed, will-quit, quit; any of them may cancel. */
  quit() {
    if (this.#quitting || isExiting()) return;
    const before = electronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.#quitting = true;
    for (const window of [...this.openWindows]) window.close();
    if (this.openWindows.size > 0) {
      this.#quitting = false; // a window refused to close
      return;
    }
    const willQuit = electronEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.#quitting = false;
      return;
    }
    this.emit('quit', electronEvent(), 0);
    this.exit(0);
  }

  get quitting() {
    return this.#quitting;
  }

  /**
   * Electron: exits at once, closing every window without events. Here the stand-in ends its own
   * loop and the link to the host, then lets the process end by itself: if the app left a socket, a
   * timer or a thread running, the process stays up and the test sees it (the host reports handles).
   */
  exit(code = 0) {
    if (isExiting()) return;
    markExiting();
    for (const window of [...this.openWindows]) window.destroy();
    this.releaseSingleInstanceLock();
    process.exitCode = code;
    sendToHost({ t: 'exit', code });
    releaseAppLoop();
    disconnectHost();
    // Diagnostics only (never an assertion): what still holds the process a while after exit.
    setTimeout(() => {
      process.stderr.write(`[electron stand-in] still running after app.exit: ${process.getActiveResourcesInfo().join(', ')}\n`);
    }, 3_000).unref();
  }
}

export const app = new App();
