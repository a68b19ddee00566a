/**
 * The stand-in's native desktop services: `dialog`, `Notification`, `shell`. Each call is reported
 * to the host, which records it for the test; a save dialog is answered by the host.
 */
import { askHost, requireReady, sendToHost } from './runtime.mjs';

export const dialog = {
  /** Electron: may be called before ready (it is how startup failures are shown). Synchronous. */
  showErrorBox(title, content) {
    if (typeof title !== 'string' || typeof content !== 'string') throw new TypeError('dialog.showErrorBox needs two strings');
    process.stderr.write(`[electron stand-in] error box: ${title}\n${content}\n`);
    sendToHost({ t: 'record', what: 'errorBox', title, content });
  },
  async showSaveDialog(windowOrOptions, maybeOptions) {
    requireReady('dialog.showSaveDialog()');
    const options = maybeOptions ?? windowOrOptions;
    const filePath = await askHost({ t: 'save-dialog', options: structuredClone(options) });
    return filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath };
  },
  async showMessageBox(windowOrOptions, maybeOptions) {
    requireReady('dialog.showMessageBox()');
    const options = maybeOptions ?? windowOrOptions;
    const response = await askHost({ t: 'message-box', options: structuredClone(options) });
    return { response, checkboxChecked: false };
  },
};

export class Notification {
  #options;

  constructor(options = {}) {
    requireReady('new Notification()');
    this.#options = { title: options.title ?? '', body: options.body ?? '' };
  }

  static isSupported() {
    return true;
  }

  show() {
    sendToHost({ t: 'record', what: 'notification', ...this.#options });
  }

  on() {
    return this;
  }
}

export const shell = {
  async openExternal(url) {
    sendToHost({ t: 'record', what: 'openExternal', url });
  },
  async openPath(path) {
    sendToHost({ t: 'record', what: 'openPath', path });
    return '';
  },
};
