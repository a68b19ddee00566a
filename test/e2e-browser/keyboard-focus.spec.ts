/**
 * Keyboard use without a mouse (issue 12): a menu that opens puts focus on its first control that
 * can take it, Tab cannot leave an open panel, and Ctrl+K / Ctrl+P work whatever the keyboard
 * layout. Against the scripted API (dashboard-fake-api.ts).
 */
import type { Page } from '@playwright/test';
import { appState, expect, onewayRows, positionsView, SYMBOLS, test } from './dashboard-fake-api';

const CONTROLS = 'input:not(:disabled), button:not(:disabled)';

/** What has focus: its name or text, its place among the open dialog's controls, whether it is inside it. */
function focused(page: Page) {
  return page.evaluate((selector) => {
    const active = document.activeElement as HTMLElement | null;
    const dialog = document.querySelector('[role="dialog"]');
    const controls = dialog === null ? [] : [...dialog.querySelectorAll<HTMLElement>(selector)];
    return {
      name: active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '',
      tag: active?.tagName.toLowerCase() ?? '',
      disabled: (active as HTMLButtonElement | null)?.disabled === true,
      insideDialog: dialog !== null && active !== null && dialog.contains(active),
      index: active === null ? -1 : controls.indexOf(active),
    };
  }, CONTROLS);
}

/** Presses a key chord as a given layout reports it: `key` is what the layout types, `code` the physical key. */
async function pressChord(page: Page, key: string, code: string): Promise<void> {
  await page.evaluate(
    ([typed, physical]) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: typed, code: physical, ctrlKey: true, bubbles: true, cancelable: true }));
    },
    [key, code] as const,
  );
}

test.beforeEach(async ({ fake }) => {
  await fake.open({ state: appState(positionsView(onewayRows())), symbols: SYMBOLS });
  await expect(fake.page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]')).toHaveCount(4);
});

test('the Columns menu puts focus on its first enabled control, not the locked Symbol checkbox', async ({ fake }) => {
  const { page } = fake;
  await page.getByTestId('columns-button').click();
  await expect(page.getByRole('dialog', { name: 'Columns' })).toBeVisible();
  const now = await focused(page);
  expect(now).toMatchObject({ insideDialog: true, disabled: false, tag: 'button', name: 'Move Symbol right' });
  // Space on the focused control acts on it: the keyboard user is really "in" the menu.
  await page.keyboard.press('Space');
  await expect.poll(async () => (await fake.calls('setColumnPrefs')).length).toBe(1);
});

test('Tab and Shift+Tab cycle inside an open menu and never reach the page behind it', async ({ fake }) => {
  const { page } = fake;
  await page.getByTestId('columns-button').click();
  const dialog = page.getByRole('dialog', { name: 'Columns' });
  await expect(dialog).toBeVisible();
  const stops = await dialog.evaluate((panel, selector) => panel.querySelectorAll(selector).length, CONTROLS);
  expect(stops).toBeGreaterThan(3);

  const seen = new Set<number>();
  for (let press = 0; press < stops + 3; press++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.insideDialog, `Tab ${press + 1} left the menu for ${now.tag} "${now.name}"`).toBe(true);
    seen.add(now.index);
  }
  // Every control was reached, and from the last one Tab came round to the first.
  expect(seen.size).toBe(stops);

  // From the first control, Shift+Tab goes to the last one (Reset), still inside.
  await page.keyboard.press('Escape');
  await page.getByTestId('columns-button').click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ insideDialog: true, name: 'Reset to default' });
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ insideDialog: true, name: 'Move Symbol right' });
});

test('the alert settings panel traps Tab too, and Escape hands focus back to its button', async ({ fake }) => {
  const { page } = fake;
  const button = page.getByTestId('alert-settings-button');
  await button.click();
  await expect(page.getByRole('dialog', { name: 'Alert settings' })).toBeVisible();
  for (let press = 0; press < 8; press++) {
    await page.keyboard.press(press % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect((await focused(page)).insideDialog).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Alert settings' })).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('Ctrl+K and Ctrl+P work on a Russian layout (the K key types "л", the P key "з")', async ({ fake }) => {
  const { page } = fake;
  const chooser = page.getByRole('combobox', { name: /symbol/i });
  await page.getByRole('table', { name: 'Positions' }).click();
  await expect(chooser).not.toBeFocused();
  await pressChord(page, 'л', 'KeyK');
  await expect(chooser).toBeFocused();

  await page.getByRole('table', { name: 'Positions' }).click();
  await pressChord(page, 'з', 'KeyP');
  await expect(page.getByTestId('profile-menu')).toBeVisible();
});

test('on a Latin layout the letter decides: Dvorak\'s "t" at the QWERTY K position is no shortcut', async ({ fake }) => {
  const { page } = fake;
  const chooser = page.getByRole('combobox', { name: /symbol/i });
  await page.getByRole('table', { name: 'Positions' }).click();
  await pressChord(page, 't', 'KeyK');
  await expect(chooser).not.toBeFocused();
  await pressChord(page, 'k', 'KeyV');
  await expect(chooser).toBeFocused();
});
