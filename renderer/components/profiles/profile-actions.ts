/**
 * The profile UI's only way to main: one small function per invoke call, each answering a Result
 * (a missing bridge or a thrown call becomes an error Result, never an exception). The store's
 * bridge stays the only subscriber to pushes; these are plain request/answer calls.
 *
 * Nothing here keeps what it sends: the secret passes through `saveProfile` once and is not stored.
 */
import type { PerpdeskApi } from '../../../shared/ipc';
import type { ConnectionTest, ProfileInput, ProfilesState, ProfileSummary } from '../../../shared/profiles';
import type { Result } from '../../../shared/result';

async function call<T>(invoke: (api: PerpdeskApi) => Promise<Result<T>>): Promise<Result<T>> {
  const api = window.perpdesk;
  if (api === undefined) return { ok: false, error: { code: 'IPC_FAILED', message: 'PerpDesk’s connection to its app is missing.' } };
  try {
    return await invoke(api);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'IPC_FAILED', message: `No answer from the app: ${message}` } };
  }
}

export const listProfiles = (): Promise<Result<ProfilesState>> => call((api) => api.listProfiles());

export const saveProfile = (input: ProfileInput): Promise<Result<ProfileSummary>> => call((api) => api.saveProfile(input));

export const deleteProfile = (id: string): Promise<Result<null>> => call((api) => api.deleteProfile(id));

/** Connects with a profile; null returns to demo mode. */
export const activateProfile = (id: string | null): Promise<Result<null>> => call((api) => api.activateProfile(id));

export const testConnection = (id: string): Promise<Result<ConnectionTest>> => call((api) => api.testConnection(id));

// --- Reading a key file -------------------------------------------------------------------------

/** A PEM private key is a few KB; anything far larger is not one. */
export const MAX_KEY_FILE_BYTES = 16 * 1024;

/** Reads a chosen key file as text, locally (FileReader: no network, no path leaves the page). */
export function readKeyFile(file: File): Promise<string> {
  if (file.size > MAX_KEY_FILE_BYTES) {
    return Promise.reject(new Error(`${file.name} is ${Math.round(file.size / 1024)} KB; a private key file is at most a few KB.`));
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error(`${file.name} could not be read.`));
    reader.readAsText(file);
  });
}
