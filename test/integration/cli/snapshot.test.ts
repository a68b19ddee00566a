/**
 * `perpdesk snapshot` as a user runs it, against a simulator this test started (`--env custom` with
 * its loopback URLs and a demo account's key in the environment): what it prints equals the
 * simulator's own truth, field for field, for both demo accounts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionsDocument } from '../../../electron/cli/document';
import { startSimulator, type RunningSimulator, type V1PositionRow } from '../../../electron/simulator';
import { derivedSchema, exchangePositionSchema } from '../../../shared/position';
import { customFlags, hmacEnv, recordStates, runCli } from './run-cli';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ seed: 7 });
});
afterAll(async () => {
  await simulator.close();
});

const SIDE_ORDER: Record<string, number> = { BOTH: 0, LONG: 1, SHORT: 2 };
const bySymbolThenSide = (a: V1PositionRow, b: V1PositionRow): number =>
  a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : (SIDE_ORDER[a.positionSide] ?? 0) - (SIDE_ORDER[b.positionSide] ?? 0);

/** Rows in table order with sorted keys, so equal content gives equal text. */
function canonical(rows: readonly object[]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)))));
}

/** What the CLI printed for a row, minus what main added: the exchange's v1 row. */
function v1Part(position: PositionsDocument['positions'][number]): object {
  const { derived: _d, snapshotAt: _s, markAt: _m, snapshotAgeMs: _sa, markAgeMs: _ma, adl: _adl, fundingToday: _f, ...v1 } = position;
  return v1;
}

async function snapshotJson(account: 'oneway' | 'hedge', extra: string[] = []): Promise<{ document: PositionsDocument; truths: Set<string> }> {
  const open = (rows: V1PositionRow[]): V1PositionRow[] => rows.filter((row) => Number(row.positionAmt) !== 0);
  const all = extra.includes('--all');
  const recording = recordStates(() => canonical((all ? simulator.truth(account) : open(simulator.truth(account))).sort(bySymbolThenSide)));
  const result = await runCli(['snapshot', '--json', ...customFlags(simulator), ...extra], hmacEnv(simulator, account));
  recording.stop();
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const lines = result.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return { document: JSON.parse(lines[0]!) as PositionsDocument, truths: recording.states };
}

describe('perpdesk snapshot --json against the simulator', () => {
  it('one-way account: the open positions equal the simulator truth, exchange strings unchanged', async () => {
    const { document, truths } = await snapshotJson('oneway');
    expect(document).toMatchObject({ type: 'positions', environment: 'custom', demoAccount: null, connection: 'live', mode: 'oneway', symbol: null });
    expect(document.positions.length).toBeGreaterThan(1);
    expect(truths.has(canonical(document.positions.map(v1Part)))).toBe(true);
    for (const position of document.positions) {
      expect(exchangePositionSchema.strict().safeParse(v1Part(position)).success).toBe(true);
      expect(derivedSchema.safeParse(position.derived).success).toBe(true);
      expect(position.positionSide).toBe('BOTH');
      // The first mark ticks arrived before printing: derived figures are live, and aged.
      expect(position.markAt).not.toBeNull();
      expect(position.markAgeMs).toBeGreaterThanOrEqual(0);
      expect(position.snapshotAgeMs).toBeGreaterThanOrEqual(position.markAgeMs!);
    }
  });

  it('hedge account: both legs per symbol, equal to the truth', async () => {
    const { document, truths } = await snapshotJson('hedge');
    expect(document.mode).toBe('hedge');
    expect(document.positions.some((p) => p.positionSide === 'LONG')).toBe(true);
    expect(document.positions.some((p) => p.positionSide === 'SHORT')).toBe(true);
    expect(truths.has(canonical(document.positions.map(v1Part)))).toBe(true);
    expect(document.hedgeNets.length).toBeGreaterThan(0);
  });

  it('--all: every v1 row, flat ones included, equals the full truth', async () => {
    const { document, truths } = await snapshotJson('oneway', ['--all']);
    expect(document.positions.some((p) => Number(p.positionAmt) === 0 && p.derived === null)).toBe(true);
    expect(truths.has(canonical(document.positions.map(v1Part)))).toBe(true);
  });

  it('--symbol: only that symbol', async () => {
    const symbol = simulator.truth('hedge').find((row) => Number(row.positionAmt) !== 0)!.symbol;
    const { document } = await snapshotJson('hedge', ['--symbol', symbol.toLowerCase()]);
    expect(document.symbol).toBe(symbol);
    expect(document.positions.length).toBeGreaterThan(0);
    expect(document.positions.every((p) => p.symbol === symbol)).toBe(true);
  });
});

describe('perpdesk snapshot with a PEM key (Ed25519, RSA: detected from the file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perpdesk-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['oneway', 'ED25519'],
    ['hedge', 'RSA'],
  ] as const)('%s account with its %s key equals the truth', async (account, keyType) => {
    const key = simulator.keys.find((candidate) => candidate.name === account && candidate.keyType === keyType);
    if (key === undefined || !('privateKeyPem' in key)) throw new Error(`the simulator has no ${keyType} key for ${account}`);
    const file = join(dir, `${account}.pem`);
    writeFileSync(file, key.privateKeyPem, { mode: 0o600 });
    const recording = recordStates(() => canonical(simulator.truth(account).filter((row) => Number(row.positionAmt) !== 0).sort(bySymbolThenSide)));
    const result = await runCli(['snapshot', '--json', ...customFlags(simulator)], { PERPDESK_API_KEY: key.apiKey, PERPDESK_PRIVATE_KEY_FILE: file });
    recording.stop();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const document = JSON.parse(result.stdout) as PositionsDocument;
    expect(recording.states.has(canonical(document.positions.map(v1Part)))).toBe(true);
    expect(result.stdout).not.toContain('PRIVATE KEY');
  });
});

describe('perpdesk snapshot in demo mode (its own simulator)', () => {
  it('--json: the demo account, well-formed', async () => {
    const result = await runCli(['snapshot', '--json', '--demo-account', 'hedge']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const document = JSON.parse(result.stdout) as PositionsDocument;
    expect(document).toMatchObject({ type: 'positions', environment: 'demo', demoAccount: 'hedge', mode: 'hedge', connection: 'live' });
    expect(document.positions.length).toBeGreaterThan(0);
    for (const position of document.positions) expect(exchangePositionSchema.strict().safeParse(v1Part(position)).success).toBe(true);
  });

  it('a table for people', async () => {
    const result = await runCli(['snapshot']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^PerpDesk · DEMO \(one-way account\) · live/);
    expect(lines.some((line) => /^SYMBOL\s+SIDE\s+SIZE/.test(line))).toBe(true);
    expect(lines.filter((line) => /^[A-Z0-9]+USDT\s+(LONG|SHORT)\s/.test(line)).length).toBeGreaterThan(1);
  });
});
