/**
 * What a built bundle loads at run time: the specifiers of its static and dynamic imports and its
 * `require(...)` calls (rolldown writes them in these plain forms; bundled packages whose code
 * requires at run time — ajv's generated validators — show up as `require("ajv/…")`).
 */
import { builtinModules } from 'node:module';

const PATTERNS = [
  /^\s*import\s+[^'"]*?from\s*"([^"]+)"/gm,
  /^\s*import\s*"([^"]+)"/gm,
  /^\s*export\s+[^'"]*?from\s*"([^"]+)"/gm,
  /\bimport\(\s*"([^"]+)"\s*\)/g,
  /\brequire\(\s*"([^"]+)"\s*\)/g,
];

export function runtimeSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of PATTERNS) for (const match of source.matchAll(pattern)) found.add(match[1]!);
  return [...found].sort();
}

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
