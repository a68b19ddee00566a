/**
 * Builds a worker_threads entry as one self-contained CommonJS file: every dependency (the
 * simulator, ws, zod) inlined, only Node's own modules left as imports. Such a file runs from
 * anywhere — out/main in development, app.asar.unpacked in a packaged app, a temporary folder in
 * tests — with no node_modules next to it. CommonJS, because a bundled CommonJS library (ws)
 * stays plain `require` calls of Node modules there.
 */
import { createHash } from 'node:crypto';
import { build, type Plugin, type Rolldown } from 'vite';

/** Returns the bundled code of `entry` (an absolute path). */
export async function bundleWorker(entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    build: {
      write: false,
      ssr: entry,
      target: 'node20',
      minify: false,
      sourcemap: false,
      emptyOutDir: false,
      rolldownOptions: {
        // ws loads these optional native speed-ups in a try/catch and works without them.
        external: ['bufferutil', 'utf-8-validate'],
        output: { format: 'cjs', codeSplitting: false },
      },
    },
    ssr: { target: 'node', noExternal: true },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((item) => item.type === 'chunk');
  const [entryChunk, ...others] = chunks;
  if (entryChunk === undefined || others.length > 0) {
    throw new Error(`bundling ${entry} gave ${chunks.length} chunks instead of one`);
  }
  return entryChunk.code;
}

/** The SHA-256 (hex) of a bundled worker's code as written to disk (UTF-8). */
export function workerDigest(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/**
 * A build plugin that writes the bundled worker into the build's output as `fileName`, and defines
 * the identifier `digestDefine` in the code being built as the SHA-256 of exactly that file, so the
 * main bundle can refuse a worker changed after installation (issue 14: the unpacked worker sits
 * outside the archive's integrity check). The worker is bundled first, in the `config` hook, because
 * a define must be known before the main code is transformed.
 */
export function bundledWorkerPlugin(entry: string, fileName: string, digestDefine: string): Plugin {
  let code: string | null = null;
  return {
    name: 'perpdesk:bundled-worker',
    apply: 'build',
    async config() {
      // Once per build (or per `electron-vite dev` session: a changed worker needs a restart there, since
      // the digest defined into main must stay the digest of the code written).
      code = await bundleWorker(entry);
      return { define: { [digestDefine]: JSON.stringify(workerDigest(code)) } };
    },
    generateBundle() {
      if (code === null) throw new Error(`perpdesk:bundled-worker: ${entry} was not bundled`);
      this.emitFile({ type: 'asset', fileName, source: code });
    },
  };
}
