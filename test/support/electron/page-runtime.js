/* global window */
/**
 * The sandboxed renderer's side of the stand-in, run in the page before any page script (the host
 * installs it with page.addInitScript, the built preload's text inside it; see window-host.ts).
 * Only in the main frame, as Electron runs preloads by default. The preload gets what a sandboxed
 * Electron preload gets: a `require` that knows `electron` (contextBridge, ipcRenderer) and nothing
 * else it needs, a small `process`, and `module`/`exports`. ipcRenderer goes through a Playwright
 * binding, so main learns the real frame that called.
 *
 * Not emulated: the isolated world. The preload runs in the page's main world; the stand-in keeps
 * its internals in this closure and removes the binding from `window` before any page script runs.
 *
 * `perpdeskStandInPage` is written into the init script as text: it must not refer to anything
 * outside itself.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the init script the host builds
function perpdeskStandInPage(config, runPreload) {
  const binding = window[config.bindingName];
  if (window.top !== window) return; // subframes: no preload (the raw binding stays, for the sender tests)
  delete window[config.bindingName];
  const listeners = new Map();
  const violation = (message) => {
    void binding({ kind: 'violation', message });
    return new Error(message);
  };
  const ipcRenderer = {
    invoke: async (channel, ...args) => {
      const answer = await binding({ kind: 'invoke', channel, args });
      if (!answer.ok) throw new Error(answer.error);
      return answer.value;
    },
    send: (channel, ...args) => void binding({ kind: 'send', channel, args }),
    sendSync: () => {
      throw violation('[electron stand-in] ipcRenderer.sendSync is not supported (it blocks the renderer)');
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    once: (channel, listener) => {
      const once = (...args) => {
        ipcRenderer.removeListener(channel, once);
        listener(...args);
      };
      return ipcRenderer.on(channel, once);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    removeAllListeners: (channel) => {
      listeners.delete(channel);
      return ipcRenderer;
    },
  };
  ipcRenderer.off = ipcRenderer.removeListener;
  const exposed = new Set();
  const contextBridge = {
    exposeInMainWorld: (key, api) => {
      // Electron refuses the bridge without context isolation.
      if (!config.contextIsolation) throw violation('contextBridge API can only be used when contextIsolation is enabled');
      if (exposed.has(key) || key in window) throw violation(`[electron stand-in] contextBridge: window.${key} already exists`);
      exposed.add(key);
      Object.defineProperty(window, key, { value: api, enumerable: true, writable: false, configurable: false });
    },
  };
  // The push path: main's webContents.send arrives here through the host.
  Object.defineProperty(window, config.deliverName, {
    value: (channel, args) => {
      const event = { sender: ipcRenderer, senderId: 0, ports: [] };
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(event, ...args);
    },
    enumerable: false,
    writable: false,
    configurable: false,
  });
  // Electron's sandboxed preload may require 'electron', 'events', 'timers' and 'url'; the stand-in
  // provides 'electron' (what PerpDesk's preload uses) and refuses everything else by name.
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    if (config.allowedButAbsent.includes(name)) throw violation(`[electron stand-in] '${name}' is allowed in a sandboxed preload but not provided by the stand-in`);
    throw violation(`module not found: ${name} (a sandboxed preload may require only ${['electron', ...config.allowedButAbsent].join(', ')})`);
  };
  const process = Object.freeze({ type: 'renderer', sandboxed: true, contextIsolated: config.contextIsolation, platform: config.platform, env: {}, argv: [], versions: {} });
  const module = { exports: {} };
  try {
    runPreload(require, module, module.exports, process);
  } catch (error) {
    void binding({ kind: 'preload-error', message: String(error && error.stack ? error.stack : error) });
  }
}
