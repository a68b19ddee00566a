import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../electron/logging';

describe('file logger', () => {
  it('writes lines to the file with keys, secrets and signatures redacted', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'perpdesk-log-')), 'perpdesk.log');
    const logLine = createFileLogger(file);
    const apiKey = 'CanaryApiKey0123456789abcdefCanaryApiKey0123456789abcdefABCDEFGH';
    logLine(`request {"method":"account.position","params":{"apiKey":"${apiKey}","signature":"deadbeef00","timestamp":1}}`);
    logLine(`rest query apiKey=${apiKey}&secret=topsecretvalue&timestamp=2`);
    logLine('connected to wss://ws-fapi.binance.com/ws-fapi/v1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('connected to wss://ws-fapi.binance.com/ws-fapi/v1');
    expect(text).toContain('"timestamp":1');
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain('deadbeef00');
    expect(text).not.toContain('topsecretvalue');
    expect(text.match(/\[REDACTED\]/g)?.length).toBe(4);
  });
});
