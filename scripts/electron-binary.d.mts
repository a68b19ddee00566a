/** Finds the Electron executable without `require('electron')`; null when absent. */
export function electronBinary(root: string): string | null;
