/**
 * The renderer's cage in a real browser: under the app's CSP the page reaches no network, and
 * neither the app nor a script in the page can navigate, open windows, submit forms, frame other
 * pages or rebase URLs.
 */
import { expect, test } from './app-fixture';
import { makeCanary } from './security-canary';
import { consumeCspErrors, saveCanaryProfile } from './security-flow';

test('the renderer cannot reach the network: fetch and WebSocket are blocked by the CSP', async ({ app }) => {
  const { page, simulator } = app;
  const rest = `${simulator.urls.rest}/fapi/v1/time`;
  const outcome = await page.evaluate(
    async ({ rest, ws }) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
      const attempt = async (run: () => Promise<unknown>) => {
        try {
          await run();
          return 'reached';
        } catch (error) {
          return `blocked: ${(error as Error).name}`;
        }
      };
      const results = {
        example: await attempt(() => fetch('https://example.com/')),
        simulator: await attempt(() => fetch(rest)),
        websocket: await attempt(
          () =>
            new Promise((resolve, reject) => {
              const socket = new WebSocket(ws);
              socket.onopen = resolve;
              socket.onerror = () => reject(new Error('websocket failed'));
            }),
        ),
      };
      navigator.sendBeacon('https://example.com/beacon', 'x'); // queued; the CSP stops it before it leaves
      await new Promise((resolve) => setTimeout(resolve, 100)); // violation events are dispatched asynchronously
      return { results, violations };
    },
    { rest, ws: simulator.urls.market },
  );
  expect(outcome.results).toEqual({
    example: 'blocked: TypeError',
    simulator: 'blocked: TypeError',
    websocket: expect.stringMatching(/^blocked/) as unknown,
  });
  // Proof that the CSP did it (the simulator is reachable from this machine), not the network.
  expect(outcome.violations).toEqual(
    expect.arrayContaining([
      'connect-src https://example.com/',
      `connect-src ${rest}`,
      expect.stringMatching(/^connect-src ws:\/\/127\.0\.0\.1/),
      'connect-src https://example.com/beacon',
    ]),
  );
  expect(consumeCspErrors(app).length).toBeGreaterThanOrEqual(3);
  expect(app.errors).toEqual([]);
});

test('no window.open, no navigation: the app never does it, and the CSP blocks forms, frames and <base>', async ({ app }) => {
  const { page } = app;
  const appUrl = page.url();
  await page.evaluate(() => {
    const host = window as unknown as { __opened: string[] };
    host.__opened = [];
    window.open = (url?: string | URL) => {
      host.__opened.push(String(url));
      return null;
    };
  });
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));

  // The whole profile flow, including pressing Enter in the form.
  await saveCanaryProfile(app, makeCanary());
  await page.getByTestId('profile-button').click();
  await page.getByRole('button', { name: 'Edit Canary' }).click();
  // Enter submits the form to the app, not to a URL: an unchanged edit is saved (its key and secret kept).
  await page.getByRole('dialog').getByLabel('Profile name').press('Enter');
  await expect(page.getByRole('dialog').getByTestId('profile-saved')).toContainText('Saved Canary');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Edit Canary' })).toBeHidden();

  expect(await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual([]);
  expect(await page.locator('a[href], form[action], iframe, webview').count()).toBe(0);

  // What the page could be tricked into: each blocked by the CSP, the page stays where it is.
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.effectiveDirective));
    const form = document.createElement('form');
    form.action = 'https://example.com/steal';
    form.method = 'post';
    document.body.append(form);
    form.submit();
    const frame = document.createElement('iframe');
    frame.src = 'https://example.com/';
    document.body.append(frame);
    const base = document.createElement('base');
    base.href = 'https://example.com/';
    document.head.append(base);
    const image = new Image();
    image.src = 'https://example.com/pixel.png';
    // Reports arrive asynchronously (the form's only once its navigation is attempted): wait for them.
    const expected = ['form-action', 'frame-src', 'base-uri', 'img-src'];
    for (let waited = 0; waited < 5_000 && !expected.every((directive) => seen.includes(directive)); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    form.remove();
    frame.remove();
    base.remove();
    return { seen, baseURI: document.baseURI };
  });
  expect(violations.seen).toEqual(expect.arrayContaining(['form-action', 'frame-src', 'base-uri', 'img-src']));
  expect(violations.baseURI).toBe(appUrl);
  expect(page.url()).toBe(appUrl);
  expect(navigations).toEqual([]);
  expect(popups).toEqual([]);
  expect(consumeCspErrors(app).length).toBeGreaterThanOrEqual(1);
  expect(app.errors).toEqual([]);
});
