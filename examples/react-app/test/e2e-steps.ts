import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  TOTP_PERIOD_SECONDS,
  totpCode,
  totpStep,
} from '../../../packages/server/src/identity/mfa/engine/totp.ts';

/** Helpers the walk shares: browsers, screenshots for the docs, codes from an authenticator app, links from mail. */

/**
 * One person's browser: the walk's window size, waits of at most 10 s, and every
 * page's uncaught exceptions and console errors added to `problems` (a component
 * shows server problems on the page; nothing should only reach the console).
 */
export async function personBrowser(browser: Browser, problems: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 720 } });
  context.setDefaultTimeout(10_000);
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every 4xx answer itself; those are the expected refusals the page shows.
      if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
      problems.push(`${page.url()}: ${message.text()}`);
    });
  });
  return context;
}

/**
 * Every run takes the pictures; they replace docs/react/*.png only when asked
 * (`KEYSTONE_DOCS_SCREENSHOTS=1 npm test -w @keystone/example-react-app`), since
 * codes, QR codes and dates differ on every run and would dirty the tree.
 */
const screenshotDir =
  process.env.KEYSTONE_DOCS_SCREENSHOTS === '1'
    ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/react')
    : path.join(os.tmpdir(), 'keystone-e2e-screenshots');

/**
 * A picture for docs/react.md, as <name>.png: one part of the page, or the page
 * as the user sees it (its top `height` pixels when given).
 */
export async function screenshot(target: Page | Locator, name: string, height?: number): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  if ('viewportSize' in target) {
    const viewport = target.viewportSize();
    const clip = height && viewport ? { x: 0, y: 0, width: viewport.width, height } : undefined;
    await target.screenshot({ path: file, animations: 'disabled', ...(clip ? { clip } : {}) });
  } else {
    await target.screenshot({ path: file, animations: 'disabled' });
  }
}

/**
 * What an authenticator app shows for `secret`: a code of the current 30 s step,
 * or of the next one when the current step was used already (the server takes
 * each step once and accepts one step either side of now).
 */
export function authenticatorCode(secret: string, lastUsedStep = 0): { code: string; step: number } {
  const step = Math.max(lastUsedStep + 1, totpStep());
  return { code: totpCode({ secret, now: step * TOTP_PERIOD_SECONDS * 1000 }), step };
}

/** The accept-page link in an invitation mail. */
export function invitationLink(text: string): string {
  const match = /https?:\/\/\S+\/invitations\/accept\?token=[\w-]+/.exec(text);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[0];
}
