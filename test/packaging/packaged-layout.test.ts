/**
 * The packaged layout (issue 12): the real electron-builder.yml run by electron-builder (`--dir`,
 * Linux layout) with a stub Electron runtime (./stub-electron.ts; no installer is faked), then
 * app.asar read with @electron/asar. What a packaged PerpDesk needs at run time must be there:
 * every module out/main/*.js loads (bundled or present in the archive, with the packages those
 * need in turn), the demo worker outside the archive (app.asar.unpacked, where main starts it) and
 * self-contained, the preload, every renderer file the app:// handler serves, and the fuses set.
 */
import { listPackage, extractFile, statFile } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBuiltin, packageName, runtimeSpecifiers } from './runtime-imports';
import { readFuses, writeStubElectron } from './stub-electron';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'perpdesk-packaging-'));
const unpacked = join(work, 'release', 'linux-unpacked');
const archive = join(unpacked, 'resources', 'app.asar');
let files: Set<string>;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Paths in the archive without the leading slash, as the app sees them relative to app.asar. */
function inArchive(path: string): boolean {
  return files.has(path);
}

function archivedText(path: string): string {
  return extractFile(archive, path).toString('utf8');
}

/** The first file path a package.json `exports` condition object names. */
function firstTarget(target: unknown): string | null {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return null;
  const conditions = target as Record<string, unknown>;
  for (const key of ['node', 'import', 'require', 'default']) {
    const found = key in conditions ? firstTarget(conditions[key]) : null;
    if (found !== null) return found;
  }
  return null;
}

/** The file a specifier resolves to inside the archive's node_modules, or null. */
function resolveInArchive(specifier: string, from = 'node_modules'): string | null {
  const name = packageName(specifier);
  const dir = `${from}/${name}`;
  if (!inArchive(`${dir}/package.json`)) return from === 'node_modules' ? null : resolveInArchive(specifier);
  const manifest = JSON.parse(archivedText(`${dir}/package.json`)) as { main?: string; exports?: unknown };
  const subpath = specifier.slice(name.length); // '' or '/sub/path'
  const exportsMap = manifest.exports;
  let target: string | null = null;
  if (exportsMap !== undefined) {
    const key = subpath === '' ? '.' : `.${subpath}`;
    const entry = typeof exportsMap === 'object' && exportsMap !== null && !Array.isArray(exportsMap) && Object.keys(exportsMap).some((k) => k.startsWith('.')) ? (exportsMap as Record<string, unknown>)[key] : key === '.' ? exportsMap : undefined;
    target = firstTarget(entry);
  }
  if (target === null) target = subpath === '' ? (manifest.main ?? 'index.js') : `.${subpath}`;
  const base = `${dir}/${target.replace(/^\.\//, '')}`;
  return [base, `${base}.js`, `${base}/index.js`].find(inArchive) ?? null;
}

beforeAll(() => {
  for (const built of ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npx electron-vite build\` first`);
  }
  const version = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const stub = join(work, 'stub-electron');
  writeStubElectron(stub, version);
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--projectDir',
      root,
      `-c.electronDist=${stub}`,
      `-c.directories.output=${join(work, 'release')}`,
      // Nothing native to rebuild, and no network: the dependencies are copied as installed.
      '-c.npmRebuild=false',
    ],
    { cwd: root, encoding: 'utf8', timeout: 170_000, env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') } },
  );
  if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  files = new Set(listPackage(archive, { isPack: false }).map((path) => path.replace(/^[\\/]/, '').replaceAll('\\', '/')));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app (electron-builder --dir, stub Electron)', () => {
  it('starts from package.json "main", which is in the archive with the preload', () => {
    const manifest = JSON.parse(archivedText('package.json')) as { main: string };
    expect(manifest.main).toBe('out/main/main.js');
    expect(inArchive('out/main/main.js')).toBe(true);
    expect(inArchive('out/preload/preload.cjs')).toBe(true);
    expect(archivedText('out/preload/preload.cjs')).toBe(readFileSync(join(root, 'out', 'preload', 'preload.cjs'), 'utf8'));
  });

  it('has every module out/main/*.js loads at run time: bundled chunks, Node built-ins, or packages in the archive', () => {
    const mainFiles = readdirSync(join(root, 'out', 'main')).filter((name) => name.endsWith('.js'));
    expect(mainFiles).toContain('main.js');
    const missing: string[] = [];
    const packages = new Set<string>();
    for (const name of mainFiles) {
      expect(inArchive(`out/main/${name}`), name).toBe(true);
      for (const specifier of runtimeSpecifiers(readFileSync(join(root, 'out', 'main', name), 'utf8'))) {
        if (isBuiltin(specifier) || specifier === 'electron') continue;
        if (specifier.startsWith('.')) {
          if (!inArchive(`out/main/${specifier.replace(/^\.\//, '')}`)) missing.push(`${name}: ${specifier}`);
          continue;
        }
        if (resolveInArchive(specifier) === null) missing.push(`${name}: ${specifier}`);
        packages.add(packageName(specifier));
      }
    }
    expect(missing).toEqual([]);
    expect(packages.size).toBeGreaterThan(0);

    // And what those packages need in turn (their declared dependencies), at any depth.
    const seen = new Set<string>();
    const queue = [...packages].map((name) => `node_modules/${name}`);
    while (queue.length > 0) {
      const dir = queue.shift()!;
      if (seen.has(dir)) continue;
      seen.add(dir);
      const manifest = JSON.parse(archivedText(`${dir}/package.json`)) as { dependencies?: Record<string, string> };
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        const nested = `${dir}/node_modules/${dependency}`;
        const found = [nested, `node_modules/${dependency}`].find((candidate) => inArchive(`${candidate}/package.json`));
        if (found === undefined) missing.push(`${dir} needs ${dependency}`);
        else queue.push(found);
      }
    }
    expect(missing).toEqual([]);
  });

  it('stores its data with electron-store from the archive, and conf only as electron-store\'s own', () => {
    // main imports electron-store (a declared dependency, so left out of the bundle) and never conf:
    // no second copy bundled in, no direct import. conf comes in the archive as electron-store's
    // dependency, so every store the main process opens is an electron-store.
    const main = readdirSync(join(root, 'out', 'main')).filter((name) => name.endsWith('.js'));
    const imported = main.flatMap((name) => runtimeSpecifiers(readFileSync(join(root, 'out', 'main', name), 'utf8')).map(packageName));
    expect(imported).toContain('electron-store');
    expect(imported).not.toContain('conf');
    // conf's own marker for its internal keys: present in conf's code, absent from ours.
    const confSource = readFileSync(join(root, 'node_modules', 'conf', 'dist', 'source', 'index.js'), 'utf8');
    expect(confSource).toContain('__internal__');
    for (const name of main) expect(readFileSync(join(root, 'out', 'main', name), 'utf8'), name).not.toContain('__internal__');
    const storeEntry = resolveInArchive('electron-store');
    expect(storeEntry).not.toBeNull();
    // (electron-store is published source with single-quoted imports, not a rolldown bundle.)
    expect(archivedText(storeEntry!)).toMatch(/^import \w+ from 'conf';$/m);
    const confEntry = resolveInArchive('conf', 'node_modules/electron-store/node_modules');
    expect(confEntry).not.toBeNull();
    expect(archivedText(confEntry!)).toContain('__internal__');
  });

  it('keeps the demo worker outside the archive, identical to the build and self-contained', () => {
    const worker = join(unpacked, 'resources', 'app.asar.unpacked', 'out', 'main', 'demo-exchange-worker.cjs');
    expect(existsSync(worker)).toBe(true);
    const built = readFileSync(join(root, 'out', 'main', 'demo-exchange-worker.cjs'));
    expect(readFileSync(worker).equals(built)).toBe(true);
    // The archive lists it as unpacked: what main's asarUnpackedPath points at.
    expect(statFile(archive, 'out/main/demo-exchange-worker.cjs')).toMatchObject({ unpacked: true });
    // ws' optional native helpers, which it requires inside a try: absent is fine.
    const ws = JSON.parse(readFileSync(join(root, 'node_modules', 'ws', 'package.json'), 'utf8')) as { peerDependenciesMeta?: Record<string, { optional?: boolean }> };
    const optional = Object.entries(ws.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional === true).map(([name]) => name);
    const external = runtimeSpecifiers(built.toString('utf8')).filter((specifier) => !isBuiltin(specifier) && !optional.includes(specifier));
    expect(external).toEqual([]);
  });

  it('has every renderer file the app:// handler serves, byte for byte, and no source maps', () => {
    const rendererRoot = join(root, 'out', 'renderer');
    const served = filesUnder(rendererRoot).filter((path) => !path.endsWith('.map'));
    expect(served.length).toBeGreaterThan(2);
    for (const path of served) {
      const archived = `out/renderer/${relative(rendererRoot, path).replaceAll('\\', '/')}`;
      expect(inArchive(archived), archived).toBe(true);
      expect(extractFile(archive, archived).equals(readFileSync(path)), archived).toBe(true);
    }
    // What index.html asks for is among them.
    const html = archivedText('out/renderer/index.html');
    const assets = [...html.matchAll(/(?:src|href)="(?:\.\/|\/)?(assets\/[^"]+)"/g)].map((match) => `out/renderer/${match[1]}`);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(inArchive(asset), asset).toBe(true);
    expect([...files].filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('ships no development packages and no sources', () => {
    for (const devOnly of ['electron', 'electron-builder', 'vitest', 'playwright-core', 'typescript']) {
      expect(inArchive(`node_modules/${devOnly}/package.json`), devOnly).toBe(false);
    }
    expect([...files].filter((path) => /^(electron|renderer|shared|test)\//.test(path))).toEqual([]);
  });

  it('flips the fuses electron-builder.yml sets', () => {
    expect(readFuses(join(unpacked, 'perpdesk'))).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
