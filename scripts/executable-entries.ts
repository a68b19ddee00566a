/**
 * Keeps the CLI's run bit. package.json "bin" points at out/main/cli.js; npm marks a bin executable
 * only when it links it (at install), and every build writes the file anew with the default mode
 * (0644), so after a rebuild `npx perpdesk` failed with "Permission denied". This plugin sets 0755
 * on the named entries each time the build has written them.
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** A build plugin that makes the output files `fileNames` (e.g. "cli.js") executable after every write. */
export function executableEntriesPlugin(fileNames: readonly string[]): Plugin {
  return {
    name: 'perpdesk:executable-entries',
    apply: 'build',
    writeBundle(options, bundle) {
      const directory = options.dir;
      if (directory === undefined) throw new Error('perpdesk:executable-entries needs an output directory');
      for (const fileName of fileNames) {
        // A renamed entry must not silently lose its bit again: a missing file fails the build.
        if (!(fileName in bundle)) throw new Error(`perpdesk:executable-entries: the build wrote no ${fileName}`);
        chmodSync(join(directory, fileName), 0o755);
      }
    },
  };
}
