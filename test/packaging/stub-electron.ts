/**
 * A stand-in for Electron's unpacked runtime (electron-builder's `electronDist`), so the real
 * packaging configuration runs where no Electron binary can be downloaded. The "binary" is a shell
 * script that carries Electron's fuse wire (the sentinel @electron/fuses looks for, then version,
 * length and one byte per fuse) with Electron 45's defaults, so electron-builder flips the fuses of
 * electron-builder.yml in it exactly as it would in the real one, and the test can read them back.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' marker for the start of the fuse wire. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse wire V1, in wire order (@electron/fuses FuseV1Options). */
export const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

/** Electron's shipped defaults ('1' enabled, '0' disabled), in wire order. */
const DEFAULT_WIRE = '10110001';

/** Writes the stub runtime into `dir` (Linux layout: an `electron` executable and a version file). */
export function writeStubElectron(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'electron');
  const script = "#!/bin/sh\necho 'stub Electron for packaging tests: it cannot run an app' >&2\nexit 1\n";
  writeFileSync(binary, Buffer.concat([Buffer.from(script), Buffer.from(`# ${FUSE_SENTINEL}`), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), Buffer.from('\n')]));
  chmodSync(binary, 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'stub\n');
  return binary;
}

/** The fuses as they are now in a stub binary (true: enabled). */
export function readFuses(binary: string): Record<(typeof FUSES)[number], boolean> {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  if (at < FUSE_SENTINEL.length) throw new Error(`no fuse wire in ${binary}`);
  const length = bytes[at + 1]!;
  return Object.fromEntries(FUSES.slice(0, length).map((name, index) => [name, bytes[at + 2 + index] === 0x31])) as Record<(typeof FUSES)[number], boolean>;
}
