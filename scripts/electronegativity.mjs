#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) over PerpDesk's sources, as a gate:
// prints every finding and exits 1 on any finding of MEDIUM severity or above, or on any source
// file the tool could not parse (a file it cannot read is a file it did not check). The tool itself
// always exits 0.
//
// What is scanned: electron/, renderer/, shared/ and package.json, copied into one temporary tree.
// Sources rather than the build output: findings then point at the file and line to change, and the
// tool's own `eng-disable` annotations (its documented way to mark a reviewed finding) sit next to
// the code they excuse — a bundler drops comments, so annotations would not survive in out/. One tree
// rather than two runs, because the global checks (CSP, navigation limits, permission handler) join
// findings across files: the CSP is set both in renderer/index.html and in electron/window.ts.
//
// Usage: node scripts/electronegativity.mjs [--input <dir>]   (--input scans that directory as is)
// Output: test-results/electronegativity.csv (the tool's CSV: id, severity, confidence, file, …).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The tool's own entry (its package "bin"), run with this Node so the write-ordering hook below can be loaded.
const bin = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const SCANNED = ['electron', 'renderer', 'shared', 'package.json'];
const GATE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

// --- Running the tool --------------------------------------------------------------------------------

/**
 * The tool writes its CSV with two unordered async writes — the header with truncation, the rows
 * appended — so under load the header can land on top of the first row and cut it. Loaded with
 * --require into the tool's process, this makes `fs.writeFile` complete before it returns, which
 * puts the two writes back in the order the tool issues them. Nothing else in the tool changes.
 */
const SYNC_WRITES_HOOK = `'use strict';
const fs = require('node:fs');
fs.writeFile = (file, data, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  let failure = null;
  try {
    fs.writeFileSync(file, data, typeof options === 'function' ? undefined : options);
  } catch (error) {
    failure = error;
  }
  if (typeof done === 'function') process.nextTick(done, failure);
};
`;

/** Runs the CLI (with the ordered-writes hook from `hookFile`); resolves with its exit code and output. */
function electronegativity(hookFile, args) {
  return new Promise((resolve, reject) => {
    // LANG fixes the tool's message language (it looks up translations by LANG), so its output parses.
    const child = spawn(process.execPath, ['--require', hookFile, bin, ...args], {
      cwd: root,
      env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The Electron version the app ships (exact; electron-builder pins the same). */
function electronVersion() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '').replace(/^[\^~=v]+/, '');
  if (!/^\d+\.\d+\.\d+/.test(version)) throw new Error('package.json names no exact Electron version');
  return version;
}

/** Copies what is scanned into one fresh tree. */
function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'perpdesk-electronegativity-'));
  for (const entry of SCANNED) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  return dir;
}

// --- Reading its CSV -----------------------------------------------------------------------------------

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((value) => value.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value.trim() !== '')) rows.push(row);
  return rows;
}

const SEVERITIES = new Set(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);

function readFindings(csvPath) {
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
  if (header?.[0]?.trim() !== 'issue') throw new Error(`unexpected CSV header in ${csvPath}: ${header?.join(',')}`);
  return rows.map((row) => {
    // A damaged row must fail loudly, never read as "no finding".
    if (row.length !== 8 || !SEVERITIES.has(row[1])) throw new Error(`malformed row in ${csvPath}: ${row.join(',')}`);
    const [id, severity, confidence, file, location, sample, description, url] = row;
    return { id, severity, confidence, file, location, sample: sample === 'N/A' ? '' : sample, description, url };
  });
}

// --- Main ------------------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({ options: { input: { type: 'string' } } });
  if (!existsSync(bin)) throw new Error(`${bin} is missing: install the dev dependencies`);
  const input = values.input === undefined ? stage() : resolve(values.input);
  const hookDir = mkdtempSync(join(tmpdir(), 'perpdesk-electronegativity-hook-'));
  const hookFile = join(hookDir, 'ordered-writes.cjs');
  writeFileSync(hookFile, SYNC_WRITES_HOOK);
  const version = electronVersion();
  const results = join(root, 'test-results');
  mkdirSync(results, { recursive: true });
  const csvPath = join(results, 'electronegativity.csv');
  rmSync(csvPath, { force: true });
  const common = ['-i', input, '-r', '-e', version];
  console.log(`Electronegativity over ${values.input ?? SCANNED.join(', ')} (Electron ${version})…`);
  try {
    const [scan, parseCheck] = await Promise.all([
      // Every check; findings go to the CSV (severity and confidence included, unlike the SARIF).
      electronegativity(hookFile, [...common, '-o', csvPath]),
      // In file-output mode the tool keeps parse errors to itself; its console mode prints them.
      // One cheap check is enough: every file is parsed before any check runs.
      electronegativity(hookFile, [...common, '-l', 'PreloadJSCheck', '-v', 'false']),
    ]);
    if (scan.code !== 0 || !existsSync(csvPath)) {
      console.error(scan.output);
      throw new Error(`electronegativity failed (exit ${scan.code}) or wrote no results`);
    }
    const unparsed = [...parseCheck.output.matchAll(/Error parsing (.+?) - (.+)/g)].map(([, file, message]) => ({
      file: file.startsWith(input) ? file.slice(input.length + 1) : file,
      message,
    }));
    const findings = readFindings(csvPath);
    report(findings, unparsed);
    const gating = findings.filter((finding) => GATE.has(finding.severity));
    if (gating.length > 0 || unparsed.length > 0) {
      console.log(
        `\nFAILED: ${gating.length} finding(s) of MEDIUM severity or above, ${unparsed.length} file(s) not parsed. ` +
          'Fix them; a finding that is genuinely false gets a reviewed `/* eng-disable CHECK_ID */` annotation on its line.',
      );
      process.exitCode = 1;
    } else {
      console.log(`\nOK: no finding of MEDIUM severity or above (${findings.length} lower finding(s) listed above).`);
    }
  } finally {
    if (values.input === undefined) rmSync(input, { recursive: true, force: true });
    rmSync(hookDir, { recursive: true, force: true });
  }
}

function report(findings, unparsed) {
  const order = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFORMATIONAL: 4 };
  const sorted = [...findings].sort((a, b) => (order[a.severity] ?? 9) - (order[b.severity] ?? 9) || a.file.localeCompare(b.file));
  if (sorted.length === 0) console.log('No findings.');
  for (const finding of sorted) {
    console.log(`\n${finding.severity.padEnd(6)} ${finding.confidence.padEnd(9)} ${finding.id}`);
    console.log(`  at   ${finding.file}:${finding.location}`);
    if (finding.sample !== '') console.log(`  code ${finding.sample.length > 140 ? `${finding.sample.slice(0, 137)}…` : finding.sample}`);
    console.log(`  why  ${finding.description}`);
    console.log(`  see  ${finding.url}`);
  }
  for (const { file, message } of unparsed) console.log(`\nNOT PARSED ${file}: ${message}`);
}

main().catch((error) => {
  console.error(`electronegativity.mjs: ${error.message}`);
  process.exitCode = 2;
});
