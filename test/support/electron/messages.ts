/**
 * What the electron stand-in (the app's process) and the glue host (the test's process) say to each
 * other over Node's IPC channel. The stand-in side is plain JavaScript (./*.mjs); these types are
 * the host's reading of it.
 */

/** The frame a call came from: its host-side id, whether it is the page's main frame, its app:// URL. */
export interface SenderFrame {
  windowId: number;
  frameId: number;
  isMain: boolean;
  url: string;
}

export interface WindowOptions {
  width?: number;
  height?: number;
  show?: boolean;
  title?: string;
  webPreferences?: Record<string, unknown> & { preload?: string; contextIsolation?: boolean; sandbox?: boolean };
}

/** Everything the stand-in reports that the host records as it comes (for the test to read). */
export interface StandInRecord {
  what: string;
  [detail: string]: unknown;
}

export type FromApp =
  | { t: 'ready' }
  | { t: 'window'; windowId: number; options: WindowOptions }
  | { t: 'load'; id: number; windowId: number; url: string }
  | { t: 'push'; windowId: number; channel: string; args: unknown[] }
  | { t: 'window-state'; windowId: number; what: 'show' | 'hide' | 'focus' | 'minimize' | 'restore' | 'close' }
  | ({ t: 'record' } & StandInRecord)
  | { t: 'violation'; message: string }
  | { t: 'exit'; code: number }
  | { t: 'save-dialog'; id: number; options: unknown }
  | { t: 'message-box'; id: number; options: unknown }
  | { t: 'answer'; id: number; value?: unknown; error?: string };

/** The protocol handler's answer, as the stand-in read it from the app's Response. */
export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
  failure?: string;
}

export interface IpcChannels {
  handled: string[];
  listened: string[];
}

export interface SessionState {
  privileged: Record<string, Record<string, boolean>>;
  hooks: Record<string, boolean>;
  permissionCheck: boolean | null;
}
