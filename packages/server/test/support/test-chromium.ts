import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Real Chromium for page tests (Debian's `chromium`, driven by playwright-core).
 * `chromiumMissing` is the skip reason when it is not installed; under CI a
 * missing browser fails the run instead of skipping.
 */
export const CHROMIUM = process.env.KEYSTONE_TEST_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumMissing: string | false = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM}`;
if (chromiumMissing && process.env.CI) {
  throw new Error(`${chromiumMissing}; CI needs it (apt-get install chromium)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
