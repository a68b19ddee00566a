/** The messages between demo mode's exchange thread and the main thread are parsed strictly. */
import { describe, expect, it } from 'vitest';
import { asarUnpackedPath } from '../../../electron/desk/demo-exchange-launch';
import { fromWorkerSchema, toWorkerSchema, workerConfigSchema } from '../../../electron/desk/demo-exchange-messages';

const ready = {
  type: 'ready',
  threadId: 2,
  urls: {
    wsApi: 'ws://127.0.0.1:4100/ws-fapi/v1',
    market: 'ws://127.0.0.1:4100/market',
    private: 'ws://127.0.0.1:4100/private',
    rest: 'http://127.0.0.1:4100',
  },
  accounts: { oneway: { apiKey: 'k1', secret: 's1' }, hedge: { apiKey: 'k2', secret: 's2' }, multi: { apiKey: 'k3', secret: 's3' } },
};

describe('worker → main messages', () => {
  it('accept a ready with loopback URLs and every demo account, and closed', () => {
    expect(fromWorkerSchema.parse(ready)).toEqual(ready);
    expect(fromWorkerSchema.parse({ type: 'closed' })).toEqual({ type: 'closed' });
  });

  it.each([
    ['a URL off the loopback', { ...ready, urls: { ...ready.urls, rest: 'http://localhost.example:4100' } }],
    ['a wrong scheme', { ...ready, urls: { ...ready.urls, market: 'wss://127.0.0.1:4100/market' } }],
    ['not a URL', { ...ready, urls: { ...ready.urls, wsApi: '127.0.0.1:4100' } }],
    ['the main thread id', { ...ready, threadId: 0 }],
    ['a missing account', { ...ready, accounts: { oneway: ready.accounts.oneway } }],
    ['no Multi-Assets account', { ...ready, accounts: { oneway: ready.accounts.oneway, hedge: ready.accounts.hedge } }],
    ['an empty secret', { ...ready, accounts: { ...ready.accounts, hedge: { apiKey: 'k2', secret: '' } } }],
    ['an extra field', { ...ready, debug: true }],
    ['an unknown type', { type: 'log', line: 'hello' }],
    ['not an object', 'ready'],
  ])('refuse %s', (_what, message) => {
    expect(fromWorkerSchema.safeParse(message).success).toBe(false);
  });
});

describe('main → worker', () => {
  it('close is the only message, and its config is bounded', () => {
    expect(toWorkerSchema.safeParse({ type: 'close' }).success).toBe(true);
    expect(toWorkerSchema.safeParse({ type: 'close', now: true }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'fill' }).success).toBe(false);
    const config = { port: 0, seed: 1, activity: true, control: false };
    expect(workerConfigSchema.safeParse(config).success).toBe(true);
    expect(workerConfigSchema.safeParse({ ...config, port: 70_000 }).success).toBe(false);
    expect(workerConfigSchema.safeParse({ ...config, seed: 1.5 }).success).toBe(false);
    expect(workerConfigSchema.safeParse({ ...config, host: '0.0.0.0' }).success).toBe(false);
  });
});

describe('asarUnpackedPath', () => {
  it('moves a path inside app.asar to app.asar.unpacked, on POSIX and Windows', () => {
    expect(asarUnpackedPath('/opt/PerpDesk/resources/app.asar/out/main/demo-exchange-worker.cjs')).toBe(
      '/opt/PerpDesk/resources/app.asar.unpacked/out/main/demo-exchange-worker.cjs',
    );
    expect(asarUnpackedPath('C:\\PerpDesk\\resources\\app.asar\\out\\main\\demo-exchange-worker.cjs')).toBe(
      'C:\\PerpDesk\\resources\\app.asar.unpacked\\out\\main\\demo-exchange-worker.cjs',
    );
  });

  it('leaves other paths alone (development, tests, an already unpacked path)', () => {
    for (const path of ['/work/perpdesk/out/main/demo-exchange-worker.cjs', '/x/app.asar.unpacked/out/main/w.cjs', '/x/my-app.asarx/w.cjs']) {
      expect(asarUnpackedPath(path)).toBe(path);
    }
  });
});
