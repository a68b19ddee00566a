/**
 * The account panel's states, rendered to markup in Node (no DOM here): no account yet, a
 * single-asset account, Multi-Assets, a ratio over the user's threshold, and a capped ratio. The
 * shared clock is pinned so the ages read the same every run.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { AccountFigures, AccountView } from '../../../shared/account';
import type { ConnectionStatus } from '../../../shared/connection';
import type { PositionsView } from '../../../shared/position';
import { AppStoreContext, createAppStore } from '../../../renderer/store/store';
import { AccountPanel } from '../../../renderer/components/account/AccountPanel';
import { marginFill, marginRatioText, marginRisk } from '../../../renderer/components/account/margin-risk';
import { MARGIN_RATIO_CAP_PCT } from '../../../shared/ui-constants';

const NOW = 1_764_600_000_000;
vi.mock('../../../renderer/components/clock', () => ({ useClock: <T>(fn: (now: number) => T): T => fn(NOW) }));

function figures(currency: string, extra: Partial<AccountFigures> = {}): AccountFigures {
  return {
    currency,
    walletBalance: 10_000,
    unrealizedProfit: -250.5,
    marginBalance: 9_749.5,
    maintMargin: 1_462.43,
    initialMargin: 3_100,
    availableBalance: 6_649.5,
    marginRatioPct: 15,
    ...extra,
  };
}

function account(extra: Partial<AccountView> = {}): AccountView {
  return {
    multiAssets: false,
    total: figures('USDT', { marginRatioPct: 12.5 }),
    cross: figures('USDT'),
    assets: [figures('USDT')],
    readAt: NOW - 12_000,
    updatedAt: NOW - 1_000,
    ...extra,
  };
}

const LIVE: ConnectionStatus = {
  state: 'live',
  environment: 'demo',
  profileName: 'Demo',
  demoAccount: 'oneway',
  latencyMs: 10,
  clockOffsetMs: 0,
  weightUsed: 5,
  weightLimit: 2400,
  lastMessageAt: NOW,
  message: null,
};

function render(view: AccountView | null, connection: ConnectionStatus | null = LIVE, marginRatioAlertPct = 80): string {
  const store = createAppStore();
  const positions = { account: view } as unknown as PositionsView;
  store.setState({
    positions,
    connection,
    settings: { alertThresholdPct: 5, marginRatioAlertPct, columns: { order: [], hidden: [] }, selectedSymbol: null },
  });
  // Server rendering reads a store's initial state: hand it the state set here instead.
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(createElement(AppStoreContext, { value: rendered }, createElement(AccountPanel)));
}

/** The text of the element carrying `data-testid`, tags stripped. */
function textOf(html: string, testId: string): string | null {
  const match = new RegExp(`data-testid="${testId}"[^>]*>(.*?)</(dd|span)>`).exec(html);
  return match === null ? null : match[1]!.replace(/<[^>]+>/g, '');
}

describe('account panel', () => {
  it('before the first read: every figure "—" and the reason', () => {
    const html = render(null);
    expect(html).toContain('data-state="waiting"');
    expect(textOf(html, 'account-waiting')).toBe('Waiting for the first account read from the exchange');
    expect(html).toContain('Cross margin ratio');
    expect(html.match(/>—</g)?.length).toBe(7);
    expect(html).not.toContain('data-testid="account-cross"');
  });

  it('before the first read with the link down: says the link state', () => {
    const html = render(null, { ...LIVE, state: 'reconnecting' });
    expect(textOf(html, 'account-waiting')).toBe('No account read yet: Reconnecting…');
  });

  it('single-asset: cross and whole-account figures in the asset, labelled, with their age', () => {
    const html = render(account());
    expect(textOf(html, 'account-mode')).toBe('Single-asset · USDT');
    expect(textOf(html, 'account-cross-ratio')).toBe('15.00%');
    expect(textOf(html, 'account-total-ratio')).toBe('12.50%');
    expect(textOf(html, 'account-cross-margin-balance')).toBe('9,749.50 USDT');
    expect(textOf(html, 'account-cross-maint-margin')).toBe('1,462.43 USDT');
    expect(textOf(html, 'account-cross-available')).toBe('6,649.50 USDT');
    expect(textOf(html, 'account-cross-wallet')).toBe('10,000.00 USDT');
    expect(textOf(html, 'account-cross-upnl')).toBe('−250.50 USDT');
    expect(textOf(html, 'account-cross-initial-margin')).toBe('3,100.00 USDT');
    expect(html).toContain('The figure cross positions are liquidated by');
    expect(textOf(html, 'account-age')).toBe('Updated 1 s ago · read 12 s ago');
    expect(html).toMatch(/data-testid="account-cross-bar"[^>]*data-risk="safe"/);
    expect(html).not.toContain('data-testid="account-assets"');
  });

  it('Multi-Assets: USD totals and one row per asset in its own currency', () => {
    const html = render(
      account({
        multiAssets: true,
        total: figures('USD'),
        cross: figures('USD'),
        assets: [figures('USDT', { walletBalance: 8_000 }), figures('USDC', { walletBalance: 2_000.25, marginRatioPct: null })],
      }),
    );
    expect(textOf(html, 'account-mode')).toBe('Multi-Assets · totals in USD, balances per asset below');
    expect(textOf(html, 'account-total-wallet')).toBe('10,000.00 USD');
    expect(html).toContain('data-asset="USDT"');
    expect(html).toMatch(/data-asset="USDC"><th scope="row">USDC<\/th><td>2,000.25<\/td>/);
    expect(html).toMatch(/data-asset="USDC">.*<td>—<\/td><\/tr>/);
  });

  it('a ratio at or over the user’s threshold is a warning, near 100 % danger', () => {
    const warning = render(account({ cross: figures('USDT', { marginRatioPct: 62 }) }), LIVE, 60);
    expect(warning).toMatch(/data-testid="account-cross"[^>]*data-risk="warning"/);
    expect(warning).toMatch(/class="margin-bar margin-bar-warning"/);
    const danger = render(account({ cross: figures('USDT', { marginRatioPct: 96.4 }) }));
    expect(danger).toMatch(/data-testid="account-cross"[^>]*data-risk="danger"/);
    expect(textOf(danger, 'account-cross-ratio')).toBe('96.40%');
  });

  it('a capped ratio (margin balance gone) reads "≥1,000%", full bar, danger', () => {
    const html = render(account({ cross: figures('USDT', { marginRatioPct: MARGIN_RATIO_CAP_PCT, marginBalance: -40 }) }));
    expect(textOf(html, 'account-cross-ratio')).toBe('≥1,000%');
    expect(textOf(html, 'account-cross-margin-balance')).toBe('−40.00 USDT');
    expect(html).toMatch(/data-testid="account-cross-bar"[^>]*data-risk="danger"/);
    expect(html).toContain('width:100.0%');
  });

  it('nothing at stake: no ratio, no colour', () => {
    const html = render(account({ cross: figures('USDT', { marginRatioPct: null, maintMargin: 0 }) }));
    expect(textOf(html, 'account-cross-ratio')).toBe('—');
    expect(html).toMatch(/data-testid="account-cross"[^>]*data-risk="none"/);
  });
});

describe('margin risk', () => {
  it('bands a ratio against the threshold, danger from 90 %', () => {
    expect(marginRisk(null, 80)).toBe('none');
    expect(marginRisk(79.99, 80)).toBe('safe');
    expect(marginRisk(80, 80)).toBe('warning');
    expect(marginRisk(90, 95)).toBe('danger');
    expect(marginFill(50)).toBe(0.5);
    expect(marginFill(250)).toBe(1);
    expect(marginRatioText(4.567)).toBe('4.57%');
  });
});
