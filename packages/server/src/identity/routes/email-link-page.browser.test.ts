import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { codeOf, linkOf } from '../../../test/support/email-flow-client.ts';
import { newSignedInUser, signIn } from '../../../test/support/identity-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import { chromiumMissing, launchChromium } from '../../../test/support/test-chromium.ts';
import type { TestSmtp } from '../../../test/support/test-smtp.ts';

/** The bit of the DOM the test reads (the project's TypeScript has no DOM library). */
type BrowserWindow = { getComputedStyle(element: unknown): { backgroundColor: string } };

describe('email link pages in a real browser', { skip: chromiumMissing }, () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await startMailTestApp();
    smtp = t.smtp;
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A page that records anything the CSP blocked. */
  async function openPage(): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
        violations.push(message.text());
    });
    return { page, violations };
  }

  it('verifies the address with the button (the form posts under the page’s CSP), styled', async () => {
    const user = await newSignedInUser(t.app);
    const link = linkOf(await smtp.waitForMail(user.email));
    const { page, violations } = await openPage();
    await page.goto(`${base}${link}`);
    assert.equal(await page.textContent('h1'), 'Verify your email address');
    const button = page.locator('button');
    assert.equal(
      await button.evaluate(
        (el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).backgroundColor,
      ),
      'rgb(29, 78, 216)',
      'the inline stylesheet applied',
    );
    await button.click();
    await page.waitForSelector('text=Email address verified');
    assert.deepEqual(violations, [], 'nothing was blocked, the form post included');
    await page.close();
    const again = await signIn(t.app, { email: user.email, password: user.password });
    assert.equal(again.json().user.email_verified, true);
  });

  it('sets a new password from the reset page', async () => {
    const user = await newSignedInUser(t.app);
    await smtp.waitForMail(user.email);
    await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: user.email } });
    const mail = await smtp.waitForMail(user.email, { since: 1 });
    assert.ok(codeOf(mail));
    const { page, violations } = await openPage();
    await page.goto(`${base}${linkOf(mail)}`);
    await page.fill('#new_password', 'a browser chosen passphrase');
    await page.locator('button').click();
    await page.waitForSelector('text=Password changed');
    assert.deepEqual(violations, []);
    await page.close();
    const res = await signIn(t.app, { email: user.email, password: 'a browser chosen passphrase' });
    assert.equal(res.statusCode, 200, res.body);
  });
});
