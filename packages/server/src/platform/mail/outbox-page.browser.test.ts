import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { chromiumMissing, launchChromium } from '../../../test/support/test-chromium.ts';

/** The bit of the DOM the test reads (the project's TypeScript has no DOM library). */
type BrowserWindow = { getComputedStyle(element: unknown): { borderTopStyle: string } };

describe('development outbox page in a real browser', { skip: chromiumMissing }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the mail with its link, styled, with nothing blocked and no script run from the mail', async () => {
    await t.app.mailer.send({
      to: 'pat@example.com',
      subject: 'Your code <script>window.injected = 1</script>',
      text: `Code: 902341\nOr open ${base}/healthz to continue.`,
    });
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
        violations.push(message.text());
    });
    await page.goto(`${base}/dev/outbox?key=${t.operatorKey}`);
    const article = page.locator('article', { hasText: 'pat@example.com' });
    assert.equal(
      await article.locator('h2').textContent(),
      'Your code <script>window.injected = 1</script>',
      'the subject is shown as text',
    );
    assert.match((await article.locator('pre.text').textContent()) ?? '', /Code: 902341/);
    assert.equal(await page.evaluate(() => (globalThis as { injected?: number }).injected), undefined);
    // The inline stylesheet applied: its hash is in the page's CSP.
    assert.equal(
      await article.evaluate(
        (el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).borderTopStyle,
      ),
      'solid',
    );
    assert.deepEqual(violations, [], 'nothing on the page was blocked');

    await article.locator('a').click();
    await page.waitForURL(`${base}/healthz`);
    assert.match((await page.textContent('body')) ?? '', /"status":"ok"/);
    await page.close();
  });
});
