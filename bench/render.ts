/**
 * Re-renders bench/RESULTS.md from the raw numbers of the last run (bench/results/latest.json),
 * after a change to how results are presented: the figures stay exactly as measured.
 *
 *   npx tsx bench/render.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderResults, type BenchResults } from './report';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const results = JSON.parse(readFileSync(here('./results/latest.json'), 'utf8')) as BenchResults;
writeFileSync(here('./RESULTS.md'), renderResults(results));
process.stdout.write(`Re-rendered bench/RESULTS.md from the run of ${results.machine.date}.\n`);
