/**
 * Hostile frames (DESIGN §10 reliability): whatever arrives — non-JSON, binary, truncated, deeply
 * nested, huge, wrong types, unknown events, "1e309", integers above 2^53 — the frame readers never
 * throw, and nothing invalid gets through to change the positions state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTextFrame } from '../../../electron/exchange/socket';
import { readUserEvent } from '../../../electron/exchange/user-events';
import { readMarkTick, replyEnvelopeSchema } from '../../../electron/exchange/wire';
import { applyMarkPrice, applySnapshot, EMPTY_STATE } from '../../../electron/positions/reducer';
import { hostileValue } from '../../support/hostile-values';

const valid = { e: 'markPriceUpdate', E: 1_700_000_000_000, s: 'BTCUSDT', p: '97000.10000000', r: '0.00010000', T: 1_700_006_400_000 };

/** Frames that look almost right: a valid tick with one field replaced by something hostile. */
const nearlyValid = fc.tuple(fc.constantFrom('e', 'E', 's', 'p', 'r', 'T'), hostileValue).map(([field, value]) => ({ ...valid, [field]: value }));

const anyFrame = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  nearlyValid,
  fc.letrec((tie) => ({ nest: fc.oneof({ depthSize: 'small' }, fc.constant({}), fc.record({ a: tie('nest') })) })).nest,
);

describe('frame readers under fuzz', () => {
  it('a mark tick is read only from a well-formed markPriceUpdate (10,000 cases)', () => {
    const base = applySnapshot(EMPTY_STATE, {
      rows: [
        {
          symbol: 'BTCUSDT', positionSide: 'BOTH', positionAmt: '1', entryPrice: '90000', breakEvenPrice: '0', markPrice: '96000',
          unRealizedProfit: '0', liquidationPrice: '0', leverage: '10', maxNotionalValue: '1', marginType: 'cross',
          isolatedMargin: '0', isAutoAddMargin: 'false', notional: '0', isolatedWallet: '0', updateTime: 1,
        },
      ],
      receivedAt: 1,
      serverTime: 1,
      symbol: null,
    });
    fc.assert(
      fc.property(anyFrame, (frame) => {
        const tick = readMarkTick(frame);
        if (tick === null) return;
        // Whatever got through is well-formed and usable: a safe time and a finite decimal price.
        expect(Number.isSafeInteger(tick.eventTime)).toBe(true);
        expect(Number.isFinite(Number(tick.markPrice))).toBe(true);
        // Funding is there and well-formed, or undefined: never a foreign value.
        if (tick.fundingRate !== undefined) expect(Number.isFinite(Number(tick.fundingRate))).toBe(true);
        if (tick.nextFundingTime !== undefined) expect(Number.isSafeInteger(tick.nextFundingTime) && tick.nextFundingTime > 0).toBe(true);
        const next = applyMarkPrice(base, tick, 2);
        for (const row of next.rows.values()) expect(Number.isFinite(row.derived.unrealizedPnl)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('user events and reply envelopes never throw and reject what is malformed (10,000 cases)', () => {
    fc.assert(
      fc.property(anyFrame, (frame) => {
        const event = readUserEvent(frame);
        expect(event === null || event === 'ignored' || typeof event.type === 'string').toBe(true);
        const reply = replyEnvelopeSchema.safeParse(frame);
        if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) expect(reply.success).toBe(false);
        if (reply.success) expect(Number.isInteger(reply.data.status)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('raw bytes (binary frames, truncated or invalid UTF-8 JSON) decode to undefined or a value, never a throw (10,000 cases)', () => {
    const text = JSON.stringify({ stream: 'btcusdt@markPrice@1s', data: valid });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), fc.nat({ max: text.length }), (bytes, binary, cut) => {
        const decoded = parseTextFrame(Buffer.from(bytes), binary);
        // Binary frames are never read; text either parses as JSON or is dropped.
        if (binary) expect(decoded).toBeUndefined();
        else if (decoded !== undefined) expect(() => JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown).not.toThrow();
        else expect(() => JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown).toThrow();
        const truncated = parseTextFrame(Buffer.from(text.slice(0, cut)), false);
        if (cut < text.length) expect(truncated === undefined || typeof truncated !== 'object' || truncated === null).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('a 10 MB frame and 10,000-deep nesting are refused without a throw', () => {
    const huge = Buffer.from(`{"stream":"x","data":"${'a'.repeat(10 * 1024 * 1024)}"}`);
    const parsed = parseTextFrame(huge, false) as { data: string };
    expect(readMarkTick(parsed.data)).toBeNull();
    const deep = Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(() => readUserEvent(parseTextFrame(deep, false))).not.toThrow();
  });
});
