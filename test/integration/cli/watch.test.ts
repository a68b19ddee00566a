/**
 * `perpdesk watch` as a user runs it: JSON lines (or tables) as positions change, until SIGINT or
 * SIGTERM stops it cleanly with exit 0.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionsDocument, StatusDocument } from '../../../electron/cli/document';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { waitFor } from '../../support/wait';
import { customFlags, hmacEnv, startCli } from './run-cli';

let simulator: RunningSimulator;
beforeAll(async () => {
  // Marks every 100 ms: updates come fast, so the test is short.
  simulator = await startSimulator({ seed: 5, markIntervalMs: 100 });
});
afterAll(async () => {
  await simulator.close();
});

function jsonLines(text: string): Array<PositionsDocument | StatusDocument> {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as PositionsDocument | StatusDocument);
}

describe('perpdesk watch', () => {
  it('--json: one document per line as marks move, then SIGINT stops it with exit 0', async () => {
    const cli = startCli(['watch', '--json', ...customFlags(simulator)], hmacEnv(simulator, 'hedge'));
    // Complete lines only: a line may be half-written when we look.
    const complete = (): string => cli.stdout().slice(0, cli.stdout().lastIndexOf('\n') + 1);
    await waitFor(() => (jsonLines(complete()).filter((d) => d.type === 'positions').length >= 3 ? true : undefined), 12_000, 'three JSON lines');
    cli.child.kill('SIGINT');
    const result = await cli.exited;
    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
    const documents = jsonLines(result.stdout).filter((d): d is PositionsDocument => d.type === 'positions');
    expect(documents.length).toBeGreaterThanOrEqual(3);
    for (const document of documents) {
      expect(document).toMatchObject({ environment: 'custom', mode: 'hedge', connection: 'live' });
      expect(document.positions.length).toBeGreaterThan(0);
    }
    // Lines are coalesced updates of a moving market: the marks change between them.
    const marks = new Set(documents.map((d) => d.positions.map((p) => p.derived?.markPrice).join(',')));
    expect(marks.size).toBeGreaterThan(1);
    // `at` never goes backwards. (The ≤ 10 lines/s spacing is the LeadingThrottle's, proven with fake
    // timers in test/unit/ipc/throttle.test.ts; wall-clock gaps between processes would be a flaky check.)
    for (let i = 1; i < documents.length; i++) expect(documents[i]!.at).toBeGreaterThanOrEqual(documents[i - 1]!.at);
  });

  it('--json: a dropped connection is a status line, and positions resume after the reconnect', async () => {
    const cli = startCli(['watch', '--json', ...customFlags(simulator)], hmacEnv(simulator, 'oneway'));
    const complete = (): Array<PositionsDocument | StatusDocument> => jsonLines(cli.stdout().slice(0, cli.stdout().lastIndexOf('\n') + 1));
    await waitFor(() => (complete().some((d) => d.type === 'positions') ? true : undefined), 12_000, 'the first JSON line');
    expect(simulator.control.dropConnections({ mode: 'abrupt' })).toBeGreaterThan(0);
    const resumed = (): boolean => {
      const documents = complete();
      const drop = documents.findIndex((d) => d.type === 'status' && d.connection !== 'live');
      const live = documents.findIndex((d, i) => i > drop && d.type === 'status' && d.connection === 'live');
      return drop >= 0 && live > drop && documents.slice(live + 1).some((d) => d.type === 'positions');
    };
    await waitFor(() => (resumed() ? true : undefined), 12_000, 'a drop, a reconnect and new positions');
    cli.child.kill('SIGINT');
    const result = await cli.exited;
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('a table per update on a pipe, separated by a blank line; SIGTERM stops it with exit 0', async () => {
    const cli = startCli(['watch', ...customFlags(simulator)], hmacEnv(simulator, 'oneway'));
    const tables = (): string[] => cli.stdout().split('\n\n').filter((block) => block.startsWith('PerpDesk · CUSTOM'));
    await waitFor(() => (tables().length >= 3 ? true : undefined), 12_000, 'three tables');
    cli.child.kill('SIGTERM');
    const result = await cli.exited;
    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(result.stdout).not.toContain('\u001b['); // no terminal control codes on a pipe
    for (const table of tables()) expect(table).toMatch(/\nSYMBOL\s+SIDE\s+SIZE/);
  });

  it.each([
    ['watch', 0],
    ['snapshot', 130],
  ] as const)('%s stopped by SIGINT while still connecting: exit %i, nothing printed', async (command, code) => {
    // A peer that accepts connections and never answers: the CLI stays in "connecting".
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const base = `127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
    const flags = ['--env', 'custom', '--ws-api', `ws://${base}/ws-fapi/v1`, '--market', `ws://${base}/market`, '--private', `ws://${base}/private`, '--rest', `http://${base}`];
    try {
      const connected = new Promise((resolve) => blackHole.once('connection', resolve));
      const cli = startCli([command, '--json', ...flags], hmacEnv(simulator, 'oneway'));
      await connected; // the CLI is up and connecting: its signal handlers are in place
      cli.child.kill('SIGINT');
      const result = await cli.exited;
      expect(result).toMatchObject({ code, signal: null, stdout: '', stderr: '' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});
