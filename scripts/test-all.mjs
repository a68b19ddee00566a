#!/usr/bin/env node
// `npm test`: every suite, in order — typecheck, lint, build (the browser, glue and Electron tests
// need it), the Electronegativity security scan, unit + integration (vitest), the glue harness
// (vitest, test/e2e-glue: the built main and preload bundles under an electron stand-in), the
// packaged layout (vitest, test/packaging: electron-builder --dir with a stub Electron, ~20 s), e2e-browser + e2e-electron (Playwright) — then one closing line
// `N passed, N failed[, N skipped]` counting every test and every check. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const bin = (name) => join(root, 'node_modules', '.bin', name);

mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args) {
  process.stdout.write(`\n── ${label} ──\n`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  process.stdout.write(`── ${label}: ${outcome.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return outcome.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A suite whose runner writes a JSON report; a runner that crashed before reporting counts as one failure. */
function suite(label, command, args, reportFile, count) {
  rmSync(reportFile, { force: true });
  const ok = run(label, command, args);
  const report = existsSync(reportFile) ? readJson(reportFile) : null;
  const counted = report === null ? null : count(report);
  if (counted === null) {
    totals.failed++;
    failures.push(`${label} (no report)`);
    return;
  }
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  totals.skipped += counted.skipped;
  if (counted.failed > 0 || !ok) failures.push(label);
  if (!ok && counted.failed === 0) totals.failed++; // the runner failed outside any test
}

check('typecheck', bin('tsc'), ['-b', 'tsconfig.json']);
check('lint', bin('eslint'), ['.']);
check('build', bin('electron-vite'), ['build']);
check('electronegativity (no finding of medium severity or above)', process.execPath, [join(root, 'scripts', 'electronegativity.mjs')]);

const vitestReport = join(results, 'vitest.json');
suite('unit + integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`], vitestReport, (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: r.numFailedTests ?? 0,
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
}));

const glueReport = join(results, 'vitest-glue.json');
suite('e2e-glue (vitest: the built app under the electron stand-in)', bin('vitest'), ['run', '--config', join(root, 'test', 'e2e-glue', 'vitest.config.ts'), '--reporter=default', '--reporter=json', `--outputFile=${glueReport}`], glueReport, (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: r.numFailedTests ?? 0,
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
}));

const packagingReport = join(results, 'vitest-packaging.json');
suite('packaged layout (vitest: electron-builder --dir, stub Electron)', bin('vitest'), ['run', '--config', join(root, 'test', 'packaging', 'vitest.config.ts'), '--reporter=default', '--reporter=json', `--outputFile=${packagingReport}`], packagingReport, (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: r.numFailedTests ?? 0,
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
}));

const playwrightReport = join(results, 'playwright.json');
suite('e2e-browser + e2e-electron (playwright)', bin('playwright'), ['test'], playwrightReport, (r) => ({
  passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
  failed: r.stats?.unexpected ?? 0,
  skipped: r.stats?.skipped ?? 0,
}));

if (failures.length > 0) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}\n`);
process.exit(totals.failed > 0 ? 1 : 0);
