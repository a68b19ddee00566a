/** `window.perpdesk` as the preload exposes it: derived from the contract, never written out by hand. */
import type { PerpdeskApi } from '../shared/ipc';

declare global {
  interface Window {
    /** Absent when the page is opened outside the app (e.g. straight in a browser). */
    readonly perpdesk: PerpdeskApi | undefined;
  }
}
