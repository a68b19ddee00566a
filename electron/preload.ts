/**
 * The only bridge between the sandboxed renderer and main: `window.perpdesk`, one function per
 * contract channel (shared/ipc.ts), never `ipcRenderer` itself. Bundled as one CommonJS file because
 * a sandboxed preload can neither load ES modules nor require packages.
 */
import './zod-jitless';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildPerpdeskApi, invokeChannelName, pushChannelName, RENDERER_ERROR_CHANNEL } from '../shared/ipc';

const api = buildPerpdeskApi({
  invoke: (channel, args) => ipcRenderer.invoke(invokeChannelName(channel), ...args),
  subscribe: (channel, listener) => {
    const name = pushChannelName(channel);
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(name, forward);
    return () => {
      ipcRenderer.removeListener(name, forward);
    };
  },
  report: (report) => ipcRenderer.send(RENDERER_ERROR_CHANNEL, report),
});

contextBridge.exposeInMainWorld('perpdesk', api);
