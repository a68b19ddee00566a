/**
 * The stand-in's `ipcMain`: `handle`/`removeHandler` for invoke calls and the EventEmitter side for
 * `ipcRenderer.send`. Calls arrive from the host with the real sender frame of the page that made
 * them (its id, whether it is the main frame, its URL mapped back to app://). Every listener added
 * or removed (by the app or a package it loads, such as electron-store) is recorded in order as
 * `ipc-listener`, so a test can tell what was registered, when, and whether it was taken away.
 */
import { EventEmitter } from 'node:events';
import { onHost, sendToHost } from './runtime.mjs';
import { windowById } from './windows.mjs';

/** Records one change to the `on` listeners: `op` is 'add' or 'remove', `count` what is left after it. */
function recordListener(op, channel, count) {
  if (typeof channel === 'string') sendToHost({ t: 'record', what: 'ipc-listener', op, channel, count });
}

class IpcMain extends EventEmitter {
  #handlers = new Map();

  // Every way of adding or removing a listener is covered: Node's `once`/`prependOnceListener` go
  // through `this.on`/`this.prependListener` (and their wrapper through `this.removeListener`), and
  // the aliases `addListener`/`off` are routed to the recorded methods below.
  on(channel, listener) {
    super.on(channel, listener);
    recordListener('add', channel, this.listenerCount(channel));
    return this;
  }

  addListener(channel, listener) {
    return this.on(channel, listener);
  }

  prependListener(channel, listener) {
    super.prependListener(channel, listener);
    recordListener('add', channel, this.listenerCount(channel));
    return this;
  }

  removeListener(channel, listener) {
    const before = this.listenerCount(channel);
    super.removeListener(channel, listener);
    if (this.listenerCount(channel) < before) recordListener('remove', channel, this.listenerCount(channel));
    return this;
  }

  off(channel, listener) {
    return this.removeListener(channel, listener);
  }

  removeAllListeners(channel) {
    const channels = channel === undefined ? this.eventNames() : [channel];
    const removed = channels.filter((name) => this.listenerCount(name) > 0);
    if (channel === undefined) super.removeAllListeners();
    else super.removeAllListeners(channel);
    for (const name of removed) recordListener('remove', name, this.listenerCount(name));
    return this;
  }

  handle(channel, listener) {
    // Electron throws on a second handler for the same channel.
    if (this.#handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.#handlers.set(channel, listener);
  }

  handleOnce(channel, listener) {
    this.handle(channel, (...args) => {
      this.removeHandler(channel);
      return listener(...args);
    });
  }

  removeHandler(channel) {
    this.#handlers.delete(channel);
  }

  /** Every channel main listens on: handlers and `on` listeners (what the test checks nothing else adds). */
  channels() {
    return { handled: [...this.#handlers.keys()], listened: this.eventNames().filter((name) => typeof name === 'string') };
  }

  handlerFor(channel) {
    return this.#handlers.get(channel);
  }
}

export const ipcMain = new IpcMain();

/** The IpcMainEvent/IpcMainInvokeEvent for a call the host forwarded, or null when its window is gone. */
function eventFor(message) {
  const window = windowById(message.sender.windowId);
  const sender = window?.webContents;
  const senderFrame = sender === undefined ? null : sender.frameFor(message.sender.frameId, message.sender.url, message.sender.isMain);
  return {
    type: 'frame',
    sender: sender ?? { id: message.sender.windowId, isDestroyed: () => true },
    senderFrame,
    frameId: message.sender.frameId,
    processId: 1,
    returnValue: undefined,
    reply: (channel, ...args) => sender?.send(channel, ...args),
  };
}

// Electron rejects the renderer's promise with this text when there is no handler or it throws.
onHost('invoke', async (message) => {
  const listener = ipcMain.handlerFor(message.channel);
  if (listener === undefined) {
    sendToHost({ t: 'answer', id: message.id, error: `Error invoking remote method '${message.channel}': Error: No handler registered for '${message.channel}'` });
    return;
  }
  try {
    const value = await listener(eventFor(message), ...message.args);
    sendToHost({ t: 'answer', id: message.id, value });
  } catch (error) {
    sendToHost({ t: 'answer', id: message.id, error: `Error invoking remote method '${message.channel}': ${String(error)}` });
  }
});

onHost('send', (message) => {
  ipcMain.emit(message.channel, eventFor(message), ...message.args);
});

onHost('query-ipc', (message) => sendToHost({ t: 'answer', id: message.id, value: ipcMain.channels() }));
