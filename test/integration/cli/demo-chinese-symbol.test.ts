/**
 * `perpdesk snapshot` in demo mode (its own built-in exchange, no flags) shows the demo position in
 * 币安人生USDT — the symbol named in Chinese that mainnet lists since 2025-10-09 (PROTOCOL §13.1) —
 * next to the ASCII ones: as JSON, and in the terminal table with its columns aligned although CJK
 * characters take two columns each.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../electron/cli/text-width';
import type { PositionsDocument } from '../../../electron/cli/document';
import { runCli } from './run-cli';

const CHINESE = '币安人生USDT';

describe('demo mode lists the position in the Chinese-named symbol', () => {
  it('snapshot --json', async () => {
    const result = await runCli(['snapshot', '--json'], {}, 30_000);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout.trim()) as PositionsDocument;
    expect(document).toMatchObject({ type: 'positions', environment: 'demo', demoAccount: 'oneway', connection: 'live' });
    const position = document.positions.find((row) => row.symbol === CHINESE);
    expect(position, `positions: ${document.positions.map((row) => row.symbol).join(', ')}`).toBeDefined();
    expect(Number(position!.positionAmt)).not.toBe(0);
    expect(document.positions.length).toBeGreaterThan(1); // the Chinese row did not empty the rest
  });

  it('snapshot --json --symbol 币安人生USDT: that position alone', async () => {
    const result = await runCli(['snapshot', '--json', '--symbol', CHINESE], {}, 30_000);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout.trim()) as PositionsDocument;
    expect(document.symbol).toBe(CHINESE);
    expect(document.positions.map((row) => row.symbol)).toEqual([CHINESE]);
  });

  it('the terminal table keeps its columns aligned around CJK names', async () => {
    const result = await runCli(['snapshot'], {}, 30_000);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const header = lines.findIndex((line) => line.startsWith('SYMBOL'));
    expect(header).toBeGreaterThan(-1);
    const rows = lines.slice(header + 1).filter((line) => !line.startsWith('…'));
    const chinese = rows.find((line) => line.startsWith(CHINESE));
    const ascii = rows.find((line) => !line.startsWith(CHINESE) && /^[A-Z]/.test(line));
    expect(chinese).toBeDefined();
    expect(ascii).toBeDefined();
    // SIDE starts in the same terminal column on every line: after the symbol column's padding.
    const sideColumn = (line: string): number => displayWidth(line.slice(0, line.search(/ (LONG|SHORT|SIDE)\b/) + 1));
    expect(sideColumn(chinese!)).toBe(sideColumn(lines[header]!));
    expect(sideColumn(ascii!)).toBe(sideColumn(lines[header]!));
  });
});
