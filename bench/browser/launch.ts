/**
 * Headless Chromium for the browser figures (P2, P3, P5, P7): the browser the tests find
 * (test/support/chromium.ts), launched by Playwright with the same offline flags.
 */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from '../../test/support/chromium';

/** A fresh headless Chromium; throws, saying what was tried, when none runs here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
}
