/**
 * The desktop services the desk asks for, done the Electron way: a save dialog for exports and
 * native notifications for alerts.
 */
import { dialog, Notification, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';

/** Asks where to save, then writes the file; resolves to the path, or null when the user cancels. */
export async function saveWithDialog(window: BrowserWindow | null, defaultName: string, contents: string): Promise<string | null> {
  const options = { defaultPath: defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const choice = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
  if (choice.canceled || choice.filePath === undefined) return null;
  await writeFile(choice.filePath, contents, { encoding: 'utf8', mode: 0o600 });
  return choice.filePath;
}

export function showNotification(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
}
