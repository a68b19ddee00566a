/**
 * Electron's side of the contract: one `ipcMain.handle` per invoke channel, each refusing calls that
 * do not come from the app window's own top frame showing the app's own page, then validating and
 * running the call through dispatchInvoke.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { invokeChannelName, invokeChannels, pushChannelName, type InvokeHandlers } from '../../shared/ipc';
import { err } from '../../shared/result';
import type { PushSink } from '../desk/desk';
import { dispatchInvoke, type DispatchLog } from './dispatch';

/** What the sender check reads from an invoke or a send event. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** True when the call comes from `window`'s main frame displaying `entryUrl` (the app:// page). */
export function isTrustedSender(event: SenderEvent, window: BrowserWindow, entryUrl: string): boolean {
  const frame = event.senderFrame;
  return (
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    frame.url.split('#')[0] === entryUrl
  );
}

/** Registers every invoke channel for `window`; returns the function that removes them. */
export function registerInvokeHandlers(
  handlers: InvokeHandlers,
  window: BrowserWindow,
  entryUrl: string,
  log?: DispatchLog,
): () => void {
  for (const channel of invokeChannels) {
    ipcMain.handle(invokeChannelName(channel), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, window, entryUrl)) {
        log?.({ channel, outcome: 'rejected', detail: 'untrusted sender' });
        return err('forbidden', 'This request did not come from the PerpDesk window.');
      }
      return dispatchInvoke(handlers, channel, args, log);
    });
  }
  return () => invokeChannels.forEach((channel) => ipcMain.removeHandler(invokeChannelName(channel)));
}

/** A push sink that sends to `window`, dropping pushes once it is gone. */
export function windowSink(window: BrowserWindow): PushSink {
  return (channel, payload) => {
    if (!window.isDestroyed()) window.webContents.send(pushChannelName(channel), payload);
  };
}
