/**
 * The stand-in's `BrowserWindow`, `webContents` and `WebFrameMain`. Each window is a real Chromium
 * page owned by the test host (test/support/electron/window-host.ts); this side keeps Electron's
 * object model and events, and forwards what the page must do (load, show, focus, close, send).
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { app, electronEvent } from './app.mjs';
import { askHost, isExiting, onHost, requireReady, ruleBroken, sendToHost } from './runtime.mjs';

let nextId = 1;
const windowsById = new Map();

/** A frame of a window's page, as the host last reported it (its URL already mapped back to app://). */
export class WebFrameMain {
  constructor(contents, frameId, url, isMain) {
    this.frameId = frameId;
    this.routingId = frameId;
    this.url = url;
    this.isMain = isMain;
    this.contents = contents;
  }

  get top() {
    return this.contents.mainFrame;
  }

  isDestroyed() {
    return this.contents.isDestroyed();
  }
}

export class WebContents extends EventEmitter {
  #window;
  #frames = new Map();
  #mainFrameId = null;
  #destroyed = false;
  #openHandler = null;
  #url = '';

  constructor(window) {
    super();
    this.#window = window;
    this.id = window.id;
  }

  /** The frame object for a host frame id: the same object every time, as Electron's are. */
  frameFor(frameId, url, isMain) {
    let frame = this.#frames.get(frameId);
    if (frame === undefined) {
      frame = new WebFrameMain(this, frameId, url, isMain);
      this.#frames.set(frameId, frame);
    }
    frame.url = url;
    if (isMain) {
      this.#mainFrameId = frameId;
      this.#url = url;
    }
    return frame;
  }

  get mainFrame() {
    return this.#mainFrameId === null ? null : this.#frames.get(this.#mainFrameId);
  }

  getURL() {
    return this.#url;
  }

  isDestroyed() {
    return this.#destroyed;
  }

  markDestroyed() {
    this.#destroyed = true;
  }

  setWindowOpenHandler(handler) {
    this.#openHandler = handler;
    sendToHost({ t: 'record', what: 'windowOpenHandler', windowId: this.id });
  }

  get windowOpenHandler() {
    return this.#openHandler;
  }

  /** Electron serialises with the structured clone algorithm: so does Node's advanced IPC here. */
  send(channel, ...args) {
    if (this.#destroyed) ruleBroken(`webContents.send('${channel}') after the window was destroyed`);
    if (typeof channel !== 'string') ruleBroken('webContents.send needs a channel name');
    sendToHost({ t: 'push', windowId: this.id, channel, args });
  }

  async loadURL(url) {
    const loaded = await askHost({ t: 'load', windowId: this.id, url });
    this.#url = url;
    if (loaded.mainFrameId !== undefined) this.frameFor(loaded.mainFrameId, url, true);
    this.emit('did-finish-load', electronEvent());
    this.#window.loaded();
  }

  get window() {
    return this.#window;
  }
}

export class BrowserWindow extends EventEmitter {
  #destroyed = false;
  #visible = false;
  #minimized = false;
  #readyToShowSent = false;

  constructor(options = {}) {
    requireReady('new BrowserWindow()');
    super();
    const preferences = options.webPreferences ?? {};
    if (preferences.preload !== undefined && (!isAbsolute(preferences.preload) || !existsSync(preferences.preload))) {
      ruleBroken(`webPreferences.preload must be an absolute path to an existing file, got ${preferences.preload}`);
    }
    this.id = nextId++;
    this.options = structuredClone(options);
    this.title = options.title ?? app.getName();
    this.webContents = new WebContents(this);
    windowsById.set(this.id, this);
    app.openWindows.add(this);
    sendToHost({ t: 'window', windowId: this.id, options: this.options });
    app.emit('browser-window-created', electronEvent(), this);
    app.emit('web-contents-created', electronEvent(), this.webContents);
    this.#visible = options.show !== false;
  }

  static getAllWindows() {
    return [...app.openWindows];
  }

  static fromWebContents(contents) {
    return contents?.window ?? null;
  }

  loadURL(url) {
    return this.webContents.loadURL(url);
  }

  /**
   * Electron: 'ready-to-show' once the page has painted for the first time. With
   * PERPDESK_STAND_IN_NO_PAINT=1 it never comes, standing for a renderer that never paints.
   */
  loaded() {
    if (this.#readyToShowSent || process.env.PERPDESK_STAND_IN_NO_PAINT === '1') return;
    this.#readyToShowSent = true;
    this.emit('ready-to-show', electronEvent());
  }

  show() {
    this.#visible = true;
    this.#minimized = false;
    sendToHost({ t: 'window-state', windowId: this.id, what: 'show' });
  }

  hide() {
    this.#visible = false;
    sendToHost({ t: 'window-state', windowId: this.id, what: 'hide' });
  }

  isVisible() {
    return this.#visible && !this.#minimized;
  }

  focus() {
    sendToHost({ t: 'window-state', windowId: this.id, what: 'focus' });
  }

  minimize() {
    this.#minimized = true;
    sendToHost({ t: 'window-state', windowId: this.id, what: 'minimize' });
  }

  isMinimized() {
    return this.#minimized;
  }

  restore() {
    this.#minimized = false;
    sendToHost({ t: 'window-state', windowId: this.id, what: 'restore' });
  }

  getTitle() {
    return this.title;
  }

  setTitle(title) {
    this.title = title;
  }

  isDestroyed() {
    return this.#destroyed;
  }

  /** Electron: 'close' (which may cancel), then the window goes and 'closed' follows. */
  close() {
    if (this.#destroyed) return;
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }

  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.markDestroyed();
    app.openWindows.delete(this);
    windowsById.delete(this.id);
    sendToHost({ t: 'window-state', windowId: this.id, what: 'close' });
    this.emit('closed');
    this.webContents.emit('destroyed');
    // Electron: with no 'window-all-closed' listener the app quits; with one, the app decides.
    if (app.openWindows.size === 0 && !app.quitting && !isExiting()) {
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else app.quit();
    }
  }
}

/** The window a host message is about, or undefined once it has gone. */
export function windowById(id) {
  return windowsById.get(id);
}

// The page started a navigation of its main frame: Electron asks will-navigate, then will-frame-navigate.
onHost('will-navigate', (message) => {
  const contents = windowById(message.windowId)?.webContents;
  let prevented = false;
  if (contents !== undefined) {
    const details = { url: message.url, isMainFrame: true, isSameDocument: false, frame: contents.mainFrame };
    const navigate = { ...electronEvent(), ...details };
    contents.emit('will-navigate', navigate, message.url, false, true);
    const frameNavigate = { ...electronEvent(), ...details };
    contents.emit('will-frame-navigate', frameNavigate);
    prevented = navigate.defaultPrevented || frameNavigate.defaultPrevented;
  }
  sendToHost({ t: 'answer', id: message.id, value: prevented });
});

// window.open from the page: the app's window open handler decides (Electron's default is allow).
onHost('window-open', (message) => {
  const handler = windowById(message.windowId)?.webContents.windowOpenHandler;
  const decision = handler === null || handler === undefined ? { action: 'allow' } : handler({ url: message.url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'no-referrer' } });
  sendToHost({ t: 'answer', id: message.id, value: { action: decision?.action === 'allow' ? 'allow' : 'deny' } });
});

// The user closed the page (the test closing it stands for the user closing the window).
onHost('user-close', (message) => windowById(message.windowId)?.close());
onHost('user-minimize', (message) => windowById(message.windowId)?.minimize());
