/**
 * The key-value store behind the vault, and what the vault does to its file: owner-only permissions
 * after every write, and moving or copying a damaged file aside instead of ever overwriting it.
 */
import { chmodSync, copyFileSync, existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf, { type Options as ConfOptions } from 'conf';
import { PROFILES_STORE_OPTIONS, type StoredDocument } from './stored-profiles';

// --- The store interface ---------------------------------------------------------------------

export interface KeyValueStore {
  /** The file behind the store. */
  readonly path: string;
  /** Every key, re-read from the file; throws when the file is not JSON or breaks the schema. */
  read(): Record<string, unknown>;
  /** Writes these keys in one atomic, schema-checked write, then restricts the file to its owner. */
  write(values: Record<string, unknown>): void;
}

/** Where a store lives: `<dir>/<name>.json`. */
export interface StoreLocation {
  dir: string;
  name: string;
}

/** Opens (creating when absent) the store; throws like `read()` when the file is damaged. */
export type OpenStore = (location: StoreLocation) => KeyValueStore;

export function storePath({ dir, name }: StoreLocation): string {
  return join(dir, `${name}.json`);
}

// --- Opening a conf-based store -------------------------------------------------------------

/**
 * What a store is opened with besides its location: schema, defaults, file mode and so on. The
 * location and the names electron-store sets itself (from `app`) are left out, so the same options
 * serve electron-store in main and `conf` in plain Node.
 */
export type ConfStoreOptions<T extends Record<string, unknown>> = Omit<
  ConfOptions<T>,
  'cwd' | 'configName' | 'projectName' | 'projectVersion' | 'projectSuffix'
>;

/**
 * Opens the `conf`-based store at a location. In the Electron main process this is electron-store
 * (electron/settings/open-electron-store.ts); in plain Node (tests, the e2e-browser fixture) it is
 * `conf` itself ({@link openConf}). Both are the same class underneath and read the same file.
 */
export type OpenConf = <T extends Record<string, unknown>>(location: StoreLocation, options: ConfStoreOptions<T>) => Conf<T>;

/** The plain-Node opener: `conf` with the location as its folder and file name. */
export const openConf: OpenConf = ({ dir, name }, options) => new Conf({ ...options, cwd: dir, configName: name });

/** Wraps a `conf` instance (electron-store is one) as the vault's store. */
export function wrapConf(conf: Conf<StoredDocument>): KeyValueStore {
  // conf writes defaults into a new file on construction: restrict that one too.
  restrictToOwner(conf.path);
  return {
    path: conf.path,
    read: () => ({ ...conf.store }),
    write: (values) => {
      conf.set(values as Partial<StoredDocument>);
      restrictToOwner(conf.path);
    },
  };
}

/** The vault's store opened with `open`, and the profiles file's schema and options. */
export function openProfilesStore(open: OpenConf): OpenStore {
  return (location) => wrapConf(open<StoredDocument>(location, PROFILES_STORE_OPTIONS));
}

/** The plain-Node store (`conf`), with the same schema and options the app's electron-store uses. */
// (A function expression, not a call: the main bundle, which never uses it, then leaves conf out.)
export const openConfStore: OpenStore = (location) => wrapConf(openConf<StoredDocument>(location, PROFILES_STORE_OPTIONS));

// --- File handling ---------------------------------------------------------------------------

/**
 * Read and write for the owner only. conf already creates the file 0600; this also narrows a file
 * that existed with wider permissions. Windows has no such mode bits (its ACLs already limit a
 * user's profile directory to that user), so there this does nothing.
 */
export function restrictToOwner(path: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32' || !existsSync(path)) return;
  chmodSync(path, 0o600);
}

/** True for the errors that mean "the file's content is bad", as opposed to "the file cannot be reached". */
export function isDamagedStoreError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error instanceof SyntaxError || error.message.startsWith('Config schema violation') || error instanceof StoreShapeError;
}

/** The file parsed and passed the JSON Schema but not the vault's own schema (should not happen). */
export class StoreShapeError extends Error {
  override readonly name = 'StoreShapeError';
}

function backupName(location: StoreLocation, now: number, attempt: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return join(location.dir, `${location.name}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}.json`);
}

function freeBackupPath(location: StoreLocation, now: number): string {
  for (let attempt = 0; ; attempt++) {
    const candidate = backupName(location, now, attempt);
    if (!existsSync(candidate)) return candidate;
  }
}

/** Moves the store file to `<name>.corrupt-<timestamp>.json`, unchanged; returns the new path. */
export function moveAside(location: StoreLocation, now: number): string {
  const target = freeBackupPath(location, now);
  renameSync(storePath(location), target);
  restrictToOwner(target);
  return target;
}

/** Copies the store file to `<name>.corrupt-<timestamp>.json` and leaves the original in place. */
export function copyAside(location: StoreLocation, now: number): string {
  const target = freeBackupPath(location, now);
  copyFileSync(storePath(location), target);
  restrictToOwner(target);
  return target;
}

/** Backups made by moveAside/copyAside, oldest first (the timestamps sort as text). */
export function listBackups(location: StoreLocation): string[] {
  if (!existsSync(location.dir)) return [];
  const prefix = `${location.name}.corrupt-`;
  return readdirSync(location.dir)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.json'))
    .sort()
    .map((file) => join(location.dir, file));
}
