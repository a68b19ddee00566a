/**
 * The CLI runs under plain Node (package.json "bin"): its entry keeps the hashbang the build copies
 * to out/main/cli.js, and nothing it imports, however indirectly, may import `electron`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../../../electron/cli/perpdesk.ts', import.meta.url));

/** Every module reachable from `entry` through relative imports, and every package they import. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = resolve(dirname(file), specifier);
      const target = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => existsSync(candidate) && candidate.endsWith('.ts'));
      if (target === undefined) throw new Error(`cannot resolve ${specifier} from ${file}`);
      visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the perpdesk entry', () => {
  it('starts with a node hashbang', () => {
    expect(readFileSync(ENTRY, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('never reaches electron, directly or through what it imports', () => {
    const { files, packages } = importGraph(ENTRY);
    expect(files.size).toBeGreaterThan(20); // the walk really followed the imports (desk, engine, client…)
    expect([...files].some((file) => file.endsWith('electron/desk/desk.ts'))).toBe(true);
    const electron = [...packages].filter((name) => name === 'electron' || name.startsWith('electron/') || name.startsWith('@electron/'));
    expect(electron).toEqual([]);
  });
});
