/**
 * The failures the vault reports to the user. Each is an IpcFailure, so dispatchInvoke returns its
 * code and message to the renderer as they are; the codes say which form field to mark.
 */
import { IpcFailure } from '../ipc/dispatch';

export type ProfileErrorCode =
  /** The request does not match the contract (a field missing or of the wrong kind). */
  | 'invalid-profile'
  | 'invalid-name'
  | 'invalid-api-key'
  /** The secret or PEM is missing, malformed, or does not match the chosen key type. */
  | 'invalid-secret'
  | 'invalid-urls'
  /** No OS key store and no opt-in to plaintext. */
  | 'no-keystore'
  | 'unknown-profile'
  | 'too-many-profiles'
  /** The profiles file could not be parsed; it was kept aside (see VaultCorruptError). */
  | 'vault-corrupt'
  /** The profiles file could not be read or written (permissions, disk). */
  | 'vault-unavailable'
  /** A stored secret does not decrypt (key store changed, file altered). */
  | 'secret-unreadable'
  /** The profile's environment, URLs, API key or key type no longer match what its secret was sealed for. */
  | 'secret-mismatch'
  /** A custom profile whose secret an earlier version sealed without its URLs: it needs the secret again. */
  | 'secret-unbound';

export function profileFailure(code: ProfileErrorCode, message: string): IpcFailure {
  return new IpcFailure(code, message);
}

/**
 * The profiles file is unreadable. The bad file has been moved aside, whole, to `backupPath`; nothing
 * was deleted, and the store stays in this state (every list answers with this error) until the user
 * saves a profile, which starts a new file.
 */
export class VaultCorruptError extends IpcFailure {
  constructor(
    readonly backupPath: string,
    readonly reason: string,
  ) {
    super(
      'vault-corrupt',
      `Your saved API key profiles could not be read (${reason}). The file was kept, unchanged, as ${backupPath}; ` +
        'nothing was deleted. PerpDesk stays in demo mode. Restore that file, or add your keys again to start a new profiles file.',
    );
  }
}
