import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { mailedCode } from '../../../packages/react/test/keystone-server.ts';
import { chromiumMissing, type E2e, startE2e } from './e2e-harness.ts';
import { authenticatorCode, invitationLink, screenshot } from './e2e-steps.ts';

/**
 * The example app walked as its users would, in Chromium, against a real Keystone
 * (real mail, real TOTP). The steps build on each other, in order: Ann signs up,
 * verifies her address, creates Acme and invites Ben as a viewer; Ben accepts in
 * his own browser; the admin panel is hidden from him; Ann switches between her
 * organizations, then turns on two-step verification and signs in with a code.
 */
describe('the example app in Chromium against a real Keystone', { skip: chromiumMissing }, () => {
  const ann = { name: 'Ann Owner', email: 'ann@example.com', password: 'correct horse battery staple' };
  const ben = { name: 'Ben Viewer', email: 'ben@example.com', password: 'a long and secret passphrase' };
  let e2e: E2e;
  let annContext: BrowserContext;
  let benContext: BrowserContext;
  let annPage: Page;
  let benPage: Page;

  before(async () => {
    e2e = await startE2e();
    const viewport = { width: 1000, height: 720 };
    annContext = await e2e.browser.newContext({ viewport });
    benContext = await e2e.browser.newContext({ viewport });
    annPage = await annContext.newPage();
    benPage = await benContext.newPage();
    for (const context of [annContext, benContext]) context.setDefaultTimeout(10_000);
  });
  after(() => e2e?.close());

  it('signs up and verifies the address with the code from the mail', async () => {
    const page = annPage;
    await page.goto(`${e2e.appUrl}/sign-up`);
    await page.getByLabel('Name', { exact: true }).fill(ann.name);
    await page.getByLabel('Email', { exact: true }).fill(ann.email);
    await page.getByLabel('Password', { exact: true }).fill(ann.password);
    await screenshot(page.locator('main'), 'signup-form');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
    await page.getByText(`We emailed a code to ${ann.email}`).waitFor();
    const mail = await e2e.keystone.smtp.waitForMail(ann.email);
    await page.getByLabel('Code from the email').fill(mailedCode(mail.text));
    await screenshot(page.locator('main'), 'signup-verify-email');
    await page.getByRole('button', { name: 'Verify email' }).click();

    await page.getByRole('status').filter({ hasText: 'Your email address is verified' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/sign-in');
  });

  it('signs in with the password', async () => {
    const page = annPage;
    await page.getByLabel('Email', { exact: true }).fill(ann.email);
    await page.getByLabel('Password', { exact: true }).fill(ann.password);
    await screenshot(page.locator('main'), 'login-form');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('heading', { name: `Welcome, ${ann.name}` }).waitFor();
    await page.getByText('You are not in any organization yet.').waitFor();
    assert.equal(await page.locator('.app-header__user').textContent(), ann.email);
  });

  it('creates an organization, which becomes the active one', async () => {
    const page = annPage;
    await page.getByRole('navigation').getByRole('link', { name: 'Organizations' }).click();
    await page.getByText('None yet: create one below.').waitFor();
    await page.getByLabel('Organization name').fill('Acme');
    await screenshot(page.locator('main'), 'create-organization');
    await page.getByRole('button', { name: 'Create organization' }).click();

    await page.getByRole('heading', { name: 'Members of Acme' }).waitFor();
    const switcher = page.getByLabel('Organization', { exact: true });
    assert.equal(await switcher.locator('option:checked').textContent(), 'Acme');
    const members = page.locator('.ks-member-list__item');
    await members.filter({ hasText: ann.email }).waitFor();
    assert.equal(await members.count(), 1);
  });
});
