import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import {
  TOTP_PERIOD_SECONDS,
  totpCode,
  totpStep,
} from '../../../packages/server/src/identity/mfa/engine/totp.ts';

/** Helpers the walk shares: screenshots for the docs, codes from an authenticator app, links from mail. */

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/react');

/**
 * A picture for docs/react.md, as docs/react/<name>.png: one part of the page, or
 * the page as the user sees it (its top `height` pixels when given).
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
