/**
 * Contract-level bounds of every channel of shared/ipc.ts: the worst case each channel can carry —
 * every string at its schema's maximum length, free text made of the character JSON inflates most
 * (a control character: 6 bytes), lists as long as main can make them — parsed by the channel's
 * schema (so it is a payload the contract allows) and measured as everywhere else
 * (shared/payload-size.ts). The answers whose size depends on how much happened (alerts, timeline,
 * symbol pages) stay small, under 64 KB: not an Electron limit (DESIGN §10 P4 dropped it), but the
 * bound they are cut to, so one answer never grows with a day's events. The positions are the
 * exception by design: one message per version, whatever its size, bounded only by the schema.
 */
import { describe, expect, it } from 'vitest';
import { mostUrgentAlerts, newestWithin } from '../../../electron/ipc/payload-bounds';
import type { Alert } from '../../../shared/alerts';
import type { ConnectionStatus } from '../../../shared/connection';
import { invokeContract, pushContract, type AppState } from '../../../shared/ipc';
import { IPC_PAYLOAD_LIMIT_BYTES, payloadBytes } from '../../../shared/payload-size';
import type { PositionRow, PositionsView } from '../../../shared/position';
import { pushFor } from '../../../shared/positions-delta';
import { MAX_PROFILES, profileSummarySchema } from '../../../shared/profiles';
import { ok } from '../../../shared/result';
import { MAX_LISTED_SYMBOLS, type SymbolInfo } from '../../../shared/symbols';
import type { TimelineEntry } from '../../../shared/timeline';
import { POSITION_COLUMNS, TIMELINE_LIMIT } from '../../../shared/ui-constants';

/** Free text at its maximum length, of the character whose JSON is longest. */
const text = (length: number) => '\u0001'.repeat(length);
/** The longest decimal the exchange-string pattern allows. */
const DECIMAL = `-${'9'.repeat(30)}.${'9'.repeat(30)}`;
const symbol = (i: number) => `${String(i).padStart(30, 'X')}_123456`; // 37 characters, the longest name
const BIG = Number.MAX_SAFE_INTEGER;
/** A number whose JSON is among the longest (23 characters). */
const WIDE = -Math.PI * 1e-300;

const connection: ConnectionStatus = {
  state: 'reconnecting',
  environment: 'mainnet',
  profileName: text(100),
  demoAccount: null,
  latencyMs: -WIDE,
  clockOffsetMs: WIDE,
  weightUsed: BIG,
  weightLimit: BIG,
  lastMessageAt: BIG,
  message: text(500),
};

function alert(i: number): Alert {
  return {
    id: `${text(100 - String(i).length)}${i}`,
    kind: 'liquidation-proximity',
    severity: i % 3 === 0 ? 'critical' : 'warning',
    symbol: symbol(i),
    key: text(48),
    message: text(500),
    at: BIG - i,
  };
}
/** More alerts than main could ever hold at once (one per position of 2,000, and then some). */
const ALERTS = Array.from({ length: 2_500 }, (_, i) => alert(i));

const TIMELINE: TimelineEntry[] = Array.from({ length: TIMELINE_LIMIT }, (_, i) => ({ at: BIG - i, kind: 'error', message: text(500) }));

/** The character a profile name may hold that UTF-8 makes longest (3 bytes; anything longer is refused). */
const NAME_CHAR = '\u20ac';
const URL_AT_MAX = `https://${'~'.repeat(292)}`;

function worstProfileSummary(i: number) {
  return {
    id: `${'f'.repeat(64 - String(i).length)}${i}`,
    name: NAME_CHAR.repeat(100),
    environment: 'custom',
    keyType: 'ED25519',
    apiKeyTail: 'Z'.repeat(8),
    secretStorage: 'plaintext-opt-in',
    customUrls: { wsApi: URL_AT_MAX, market: URL_AT_MAX, private: URL_AT_MAX, rest: URL_AT_MAX },
  };
}

function symbolInfo(i: number): SymbolInfo {
  return { symbol: symbol(i), baseAsset: text(20), quoteAsset: text(20), marginAsset: text(20), contractType: text(40), status: text(40), tickSize: DECIMAL, stepSize: DECIMAL };
}

function worstRow(i: number): PositionRow {
  const name = symbol(i);
  return {
    key: `${name}:SHORT`,
    symbol: name,
    positionSide: 'SHORT',
    positionAmt: DECIMAL,
    entryPrice: DECIMAL,
    breakEvenPrice: DECIMAL,
    markPrice: DECIMAL,
    unRealizedProfit: DECIMAL,
    liquidationPrice: DECIMAL,
    leverage: '125',
    maxNotionalValue: DECIMAL,
    marginType: 'isolated',
    isolatedMargin: DECIMAL,
    isAutoAddMargin: 'false',
    notional: DECIMAL,
    isolatedWallet: DECIMAL,
    updateTime: BIG,
    derived: {
      markPrice: DECIMAL,
      markTime: BIG,
      unrealizedPnl: WIDE,
      notional: WIDE,
      roePct: WIDE,
      margin: WIDE,
      maintMargin: WIDE,
      marginRatioPct: WIDE,
      liquidationDistancePct: WIDE,
      liquidationDistance: WIDE,
      fundingRate: null,
      nextFundingTime: null,
      fundingIntervalHours: null,
      estimatedFunding: null,
    },
    snapshotAt: BIG,
    markAt: BIG,
  };
}

function worstView(version: number, rows: PositionRow[]): PositionsView {
  return {
    version,
    selectedSymbol: null,
    mode: 'hedge',
    rows,
    selectedMark: null,
    snapshotAt: BIG,
    openSymbols: rows.map((row) => row.symbol),
    hedgeNets: rows.map((row) => ({ symbol: row.symbol, netAmount: WIDE, netUnrealizedPnl: WIDE, netNotional: WIDE })),
    summary: { positions: rows.length, unrealizedPnl: WIDE, notional: WIDE, worstLiquidationDistancePct: WIDE, worstKey: text(48) },
    account: null,
  };
}

/** Parses with the channel's schema (an allowed payload) and returns the payload's size. */
function measured(schema: { parse(value: unknown): unknown }, value: unknown): number {
  schema.parse(value);
  return payloadBytes(value);
}

describe('every bounded IPC payload stays under 64 KB in the worst case', () => {
  it('getState(): status, settings and the most urgent alerts that fit, never the rows', () => {
    const state: AppState = {
      connection,
      settings: { alertThresholdPct: 50, marginRatioAlertPct: 99, columns: { order: [...POSITION_COLUMNS], hidden: [...POSITION_COLUMNS] }, selectedSymbol: symbol(1) },
      alerts: mostUrgentAlerts(ALERTS),
    };
    expect(state.alerts.length).toBeGreaterThan(5);
    expect(state.alerts.every((a) => a.severity === 'critical')).toBe(true);
    measured(invokeContract.getState.result, state);
    expect(payloadBytes(ok(state))).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
  });

  it('listSymbols(): the whole list in one answer, up to MAX_LISTED_SYMBOLS of the longest symbols', () => {
    const list = Array.from({ length: MAX_LISTED_SYMBOLS }, (_, i) => symbolInfo(i));
    expect(invokeContract.listSymbols.result.parse(list)).toEqual(list);
    // A runaway list is refused whole rather than cut: the chooser then offers the open symbols only.
    expect(invokeContract.listSymbols.result.safeParse([...list, symbolInfo(MAX_LISTED_SYMBOLS)]).success).toBe(false);
  });

  it('getTimeline(): the newest entries that fit', () => {
    const entries = newestWithin(TIMELINE);
    expect(entries.length).toBeGreaterThan(5);
    expect(entries).toEqual(TIMELINE.slice(TIMELINE.length - entries.length));
    expect(measured(invokeContract.getTimeline.result, entries)).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES - 100);
  });

  it('profiles: the longest list main keeps, and the largest profile the renderer may send', () => {
    const profiles = Array.from({ length: MAX_PROFILES }, (_, i) => worstProfileSummary(i));
    const state = { profiles, activeId: profiles[0]!.id, keyStore: 'unavailable' };
    expect(measured(invokeContract.listProfiles.result, state)).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
    expect(measured(invokeContract.saveProfile.result, worstProfileSummary(0))).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
    // The argument travels renderer → main: a PEM at the longest, of the characters JSON escapes.
    const input = {
      id: worstProfileSummary(0).id,
      name: NAME_CHAR.repeat(100),
      environment: 'custom',
      keyType: 'RSA',
      apiKey: 'K'.repeat(256),
      secret: '\n'.repeat(16_384),
      customUrls: worstProfileSummary(0).customUrls,
      allowPlaintext: true,
    };
    expect(measured(invokeContract.saveProfile.args, [input])).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
  });

  it('profiles: the characters that would break the bound are refused', () => {
    for (const name of [text(10), 'a\ud800b']) expect(profileSummarySchema.safeParse({ ...worstProfileSummary(0), name }).success).toBe(false);
    const urls = worstProfileSummary(0).customUrls;
    expect(profileSummarySchema.safeParse({ ...worstProfileSummary(0), customUrls: { ...urls, rest: 'http://x/"' } }).success).toBe(false);
    expect(profileSummarySchema.safeParse({ ...worstProfileSummary(0), id: text(10) }).success).toBe(false);
  });

  it('the fixed-size answers: exportCsv, testConnection, and every null', () => {
    expect(measured(invokeContract.exportCsv.result, text(4096))).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
    expect(measured(invokeContract.testConnection.result, { ok: false, message: text(500), openPositions: BIG })).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
    for (const channel of ['selectSymbol', 'setDemoAccount', 'reconnect', 'setAlertThreshold', 'setColumnPrefs', 'deleteProfile', 'activateProfile'] as const) {
      expect(measured(invokeContract[channel].result, null)).toBe(4);
    }
    // An error answer, whatever the channel.
    expect(payloadBytes({ ok: false, error: { code: text(64), message: text(2000) } })).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
  });

  it('pushes: connection, log, and the most urgent alerts that fit', () => {
    expect(measured(pushContract.connection, connection)).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
    expect(measured(pushContract.log, TIMELINE[0])).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
    const alerts = mostUrgentAlerts(ALERTS);
    expect(measured(pushContract.alerts, alerts)).toBeLessThan(IPC_PAYLOAD_LIMIT_BYTES);
    // Kept in the order main holds them.
    expect(alerts).toEqual(ALERTS.filter((a) => alerts.includes(a)));
  });

});

describe('positions: one message per version, bounded by the schema only', () => {
  it('2,000 of the largest rows validate as one full view and as one delta where every row changed', () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => worstRow(i));
    const before = worstView(1, rows);
    const after = worstView(2, rows.map((row) => ({ ...row, derived: { ...row.derived, markTime: BIG - 1 }, markAt: BIG - 1 })));
    const full = pushFor(null, before);
    const delta = pushFor(before, after);
    // Far past the old 64 KB parts, and still one message each.
    expect(measured(pushContract.positions, full)).toBeGreaterThan(1_000_000);
    expect(measured(pushContract.positions, delta)).toBeGreaterThan(64 * 1024);
    expect(delta.kind === 'delta' ? delta.rows?.patched?.length : 0).toBe(2_000);
  });
});
