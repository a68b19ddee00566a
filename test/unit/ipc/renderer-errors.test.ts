/**
 * Renderer error reports into main's log (electron/ipc/renderer-errors.ts), with `electron` mocked:
 * only from the app window's own page, only valid bounded reports, and at most a burst a minute.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RENDERER_ERROR_CHANNEL } from '../../../shared/ipc';
import type { AppLog } from '../../../electron/logging';

type Listener = (event: unknown, payload: unknown) => void;
const listeners = new Map<string, Listener>();

vi.mock('electron', () => ({
  ipcMain: {
    on: (channel: string, listener: Listener) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

const { registerRendererErrorReports, REPORTS_PER_WINDOW, REPORT_WINDOW_MS } = await import('../../../electron/ipc/renderer-errors');

const ENTRY_URL = 'app://perpdesk/index.html';

function setUp() {
  const mainFrame = { url: ENTRY_URL };
  const webContents = { mainFrame };
  const window = { webContents, isDestroyed: () => false };
  const lines: Array<[string, string]> = [];
  const log: AppLog = {
    file: '/log',
    info: (line) => lines.push(['info', line]),
    warn: (line) => lines.push(['warn', line]),
    error: (line) => lines.push(['error', line]),
  };
  let now = 1_000;
  const stop = registerRendererErrorReports(window as never, ENTRY_URL, log, () => now);
  const send = (payload: unknown, event: unknown = { sender: webContents, senderFrame: mainFrame }) => listeners.get(RENDERER_ERROR_CHANNEL)!(event, payload);
  return { lines, send, stop, webContents, advance: (ms: number) => (now += ms) };
}

beforeEach(() => listeners.clear());

describe('renderer error reports', () => {
  it('logs a valid report from the app page as an error', () => {
    const { lines, send } = setUp();
    send({ kind: 'error', message: 'TypeError: x is undefined', stack: 'TypeError: x is undefined\n    at a (index.js:1:2)', source: 'app://perpdesk/assets/index.js:1:2' });
    expect(lines).toEqual([['error', 'renderer error at app://perpdesk/assets/index.js:1:2: TypeError: x is undefined\nTypeError: x is undefined\n    at a (index.js:1:2)']]);
  });

  it('refuses reports from another frame or another page, and malformed or oversized ones', () => {
    const { lines, send, webContents } = setUp();
    send({ kind: 'error', message: 'from a subframe' }, { sender: webContents, senderFrame: { url: ENTRY_URL } });
    send({ kind: 'error', message: 'from elsewhere' }, { sender: {}, senderFrame: webContents.mainFrame });
    send({ kind: 'error', message: 'x'.repeat(2_001) });
    send({ kind: 'crash', message: 'unknown kind' });
    send({ kind: 'error', message: 'extra field', extra: true });
    send('just text');
    expect(lines.map(([level]) => level)).toEqual(['warn', 'warn', 'warn', 'warn', 'warn', 'warn']);
    expect(lines.slice(0, 2).every(([, line]) => line === 'renderer error report refused: untrusted sender')).toBe(true);
    expect(lines.slice(2).every(([, line]) => line === 'renderer error report refused: not a valid report')).toBe(true);
  });

  it('takes a burst a minute and counts the rest, said once the minute is over', () => {
    const { lines, send, advance } = setUp();
    for (let i = 0; i < REPORTS_PER_WINDOW + 30; i++) send({ kind: 'unhandledrejection', message: `failure ${i}` });
    expect(lines).toHaveLength(REPORTS_PER_WINDOW);
    advance(REPORT_WINDOW_MS);
    send({ kind: 'error', message: 'a minute later' });
    expect(lines.slice(REPORTS_PER_WINDOW)).toEqual([
      ['warn', `renderer error reports: 30 more were dropped (over ${REPORTS_PER_WINDOW} a minute)`],
      ['error', 'renderer error: a minute later'],
    ]);
  });

  it('refuses a flooding foreign frame under its own limit: a burst of warnings, then one count, and real reports still get through', () => {
    const { lines, send, advance, webContents } = setUp();
    const foreign = { sender: webContents, senderFrame: { url: 'https://evil.example/' } };
    for (let i = 0; i < REPORTS_PER_WINDOW + 500; i++) send({ kind: 'error', message: `spam ${i}` }, foreign);
    expect(lines).toHaveLength(REPORTS_PER_WINDOW);
    expect(lines.every(([level, line]) => level === 'warn' && line === 'renderer error report refused: untrusted sender')).toBe(true);
    // The flood did not use up the app page's own budget.
    send({ kind: 'error', message: 'real failure' });
    expect(lines.at(-1)).toEqual(['error', 'renderer error: real failure']);
    advance(REPORT_WINDOW_MS);
    send({ kind: 'error', message: 'still spam' }, foreign);
    expect(lines.slice(REPORTS_PER_WINDOW + 1)).toEqual([
      ['warn', `renderer error reports: 500 more were refused from untrusted senders (over ${REPORTS_PER_WINDOW} a minute)`],
      ['warn', 'renderer error report refused: untrusted sender'],
    ]);
  });

  it('stops listening when asked', () => {
    const { stop } = setUp();
    expect(listeners.has(RENDERER_ERROR_CHANNEL)).toBe(true);
    stop();
    expect(listeners.has(RENDERER_ERROR_CHANNEL)).toBe(false);
  });
});
